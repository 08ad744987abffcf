package org.dadiff4j.eval.net;

import java.nio.file.Path;
import java.util.Map;
import org.dadiff4j.models.Manifests;
import org.dadiff4j.testutil.SharedData;
import org.dadiff4j.weights.StateDict;
import org.dadiff4j.weights.TensorData;

/**
 * The closed-formula backbone weights of {@code reference/metrics} (README "Formula weights"):
 * entry i of the full source state_dict, flat element k, h = (k·2654435761 + (i+1)·97531) mod 2^32,
 * r = (((h >>> 8) mod 2001) − 1000) / 1000, a value rule per entry type, computed in float64 and
 * rounded once to float32.
 */
final class FormulaBackbones {

    static final String ROOT = "reference/metrics/";
    static final double BACKBONE_GAIN = 2.5;
    static final double INCEPTION_GAIN = 3.5;

    private FormulaBackbones() {}

    static Path alexnetManifest() {
        return SharedData.require(ROOT + "backbones/torchvision_alexnet_imagenet_manifest.txt");
    }

    static Path vgg16Manifest() {
        return SharedData.require(ROOT + "backbones/torchvision_vgg16_imagenet_manifest.txt");
    }

    static Path inceptionManifest() {
        return SharedData.require(ROOT + "fid/pt_inception_2015_12_05_manifest.txt");
    }

    /** AlexNet {@code features.*} (the classifier is not generated but counts in i). */
    static StateDict alexnet() {
        return generate(Manifests.shapes(alexnetManifest()), BACKBONE_GAIN, "features.");
    }

    /** VGG16 {@code features.*}, shared by LPIPS-vgg and DISTS. */
    static StateDict vgg16() {
        return generate(Manifests.shapes(vgg16Manifest()), BACKBONE_GAIN, "features.");
    }

    /** All 566 entries of the FID Inception file. */
    static StateDict inception() {
        return generate(Manifests.shapes(inceptionManifest()), INCEPTION_GAIN, "");
    }

    /** The entries of {@code source} whose key starts with {@code prefix}; i counts every entry. */
    static StateDict generate(Map<String, long[]> source, double gain, String prefix) {
        StateDict sd = new StateDict("formula");
        int i = 0;
        for (Map.Entry<String, long[]> e : source.entrySet()) {
            String key = e.getKey();
            if (key.startsWith(prefix)) {
                String rule = rule(key, e.getValue(), source);
                sd.put(key, rule.equals("bn_count")
                        ? TensorData.ofLongs(new long[] {0})
                        : TensorData.of(values(i, rule, e.getValue(), gain), e.getValue()));
            }
            i++;
        }
        return sd;
    }

    /** The README's entry types, named as in formula_checksums_*.json. */
    static String rule(String key, long[] shape, Map<String, long[]> source) {
        if (shape.length >= 2) {
            return "weight";
        }
        String module = key.substring(0, key.lastIndexOf('.') + 1);
        String name = key.substring(module.length());
        boolean batchNorm = source.containsKey(module + "running_mean");
        if (!batchNorm) {
            return "bias";
        }
        switch (name) {
            case "weight": return "bn_weight";
            case "bias": return "bn_bias";
            case "running_mean": return "bn_mean";
            case "running_var": return "bn_var";
            case "num_batches_tracked": return "bn_count";
            default: throw new IllegalArgumentException("unknown batch-norm entry " + key);
        }
    }

    static float[] values(int i, String rule, long[] shape, double gain) {
        long numel = 1;
        for (long d : shape) {
            numel *= d;
        }
        double sqrtFanIn = shape.length >= 2 ? Math.sqrt((double) (numel / shape[0])) : 1;
        float[] out = new float[Math.toIntExact(numel)];
        for (int k = 0; k < out.length; k++) {
            double r = r(i, k);
            double v;
            switch (rule) {
                case "weight": v = (r * gain) / sqrtFanIn; break;
                case "bn_weight": v = 1.0 + 0.1 * r; break;
                case "bn_var": v = 1.0 + 0.5 * Math.abs(r); break;
                case "bias":
                case "bn_bias":
                case "bn_mean": v = 0.1 * r; break;
                default: throw new IllegalArgumentException("no float rule " + rule);
            }
            out[k] = (float) v;
        }
        return out;
    }

    static double r(int i, long k) {
        long h = (k * 2654435761L + (i + 1L) * 97531L) & 0xFFFFFFFFL;
        return (((h >>> 8) % 2001) - 1000) / 1000.0;
    }
}
