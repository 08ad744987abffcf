package org.dadiff4j.web;

import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.Map;
import org.dadiff4j.api.Dadiff;
import org.dadiff4j.api.Settings;
import org.dadiff4j.api.SharedModels;
import org.dadiff4j.pipeline.ModelFiles;

/**
 * The upscalers of one worker, one per method, scale, steps and strength (the seed is given per
 * call), built when first needed and kept: the few most recently used stay. They share one copy of
 * the networks, loaded once (each upscaler of its own cost about 20 MB of RSS).
 */
final class Engines implements AutoCloseable {

    private static final int KEEP = 8;

    private final SharedModels networks;
    private final int threads;
    private final Map<String, Dadiff> loaded = new LinkedHashMap<>(8, 0.75f, true);

    Engines(ModelFiles models, int threads) {
        this.networks = new SharedModels(models);
        this.threads = threads;
    }

    synchronized Dadiff get(Settings s) {
        String key = s.method() + "/" + s.scale() + "/" + s.steps() + "/" + s.strength();
        Dadiff d = loaded.get(key);
        if (d == null) {
            d = Dadiff.builder().optSettings(s).optShared(networks).optThreads(threads).build();
            loaded.put(key, d);
            if (loaded.size() > KEEP) {
                Iterator<Dadiff> eldest = loaded.values().iterator();
                eldest.next().close();
                eldest.remove();
            }
        }
        return d;
    }

    @Override
    public synchronized void close() {
        loaded.values().forEach(Dadiff::close);
        loaded.clear();
        networks.close();
    }
}
