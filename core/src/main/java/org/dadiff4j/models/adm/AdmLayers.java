package org.dadiff4j.models.adm;

import org.dadiff4j.nn.Conv2d;
import org.dadiff4j.nn.GroupNorm;

/** guided-diffusion's layer factories: normalization() is GroupNorm32 (32 groups, eps 1e-5, float32). */
final class AdmLayers {

    private AdmLayers() {}

    static GroupNorm norm(int channels) {
        return GroupNorm.builder().setGroups(32).setChannels(channels).optEps(1e-5f).build();
    }

    static Conv2d conv3(int in, int out) {
        return Conv2d.builder().setInChannels(in).setOutChannels(out).setKernel(3).optPadding(1).build();
    }
}
