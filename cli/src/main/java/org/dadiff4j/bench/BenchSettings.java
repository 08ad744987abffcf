package org.dadiff4j.bench;

import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import org.dadiff4j.pipeline.Defaults;
import org.dadiff4j.pipeline.UpscaleSettings;

/** What {@link Benchmarks} measures and how often. */
public final class BenchSettings {

    /** The parts of a benchmark run; DEFAULTS (the embedded models, minutes) only when asked for. */
    public enum Section { NETWORKS, METHODS, SIZES, THREADS, DEFAULTS }

    public Set<Section> sections = EnumSet.of(Section.NETWORKS, Section.METHODS, Section.SIZES, Section.THREADS);
    /** Measurements per figure; the median is reported. */
    public int repeat = 3;
    /** Output sides for the size scaling; the first one is also the methods' output size. */
    public List<Integer> sizes = List.of(256, 512, 1024);
    /**
     * Step counts of the methods table; the first one is the steps at the largest size of the size
     * scaling, where smaller sizes take more steps so that every image does the same work.
     */
    public List<Integer> steps = List.of(2, 4);
    /** Intra-op thread counts to compare. */
    public List<Integer> threads = List.of(1, 2);
    public int scale = Defaults.SCALE;
    /** Tiling of the runs (tile, overlap, tile batch, guidance tile); its other fields are ignored. */
    public UpscaleSettings tiling = new UpscaleSettings();
    /** Run the degradation model as the official sampler does (MSDI2E in train mode). */
    public boolean official;
    /** Include the full-size networks (ADM 256x256 uncond, official-width MSDI2E). */
    public boolean large = true;
    public long seed = Defaults.SEED;
}
