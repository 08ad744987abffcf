package org.dadiff4j.data;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.function.Consumer;
import org.dadiff4j.DadiffException;
import org.dadiff4j.degrade.DegradationPipeline;
import org.dadiff4j.degrade.Degraded;
import org.dadiff4j.degrade.Planes;
import org.dadiff4j.degrade.Resize;

/**
 * Turns folders of photos into a data set in the paper's layout: {@code HR/<name>.png} crops,
 * {@code LR/x<s>/<name>.png} made by the degradation pipeline, optional {@code kernels/x<s>/<name>.npy}
 * (the first-stage blur kernel), and {@code manifest.json}. Deterministic: crop {@code i} at scale
 * {@code s} is degraded with seed {@code Seeds.of(Seeds.of(seed, i), s)}.
 */
public final class DatasetBuilder {

    private final List<Path> sources;
    private final Path output;
    private final int cropSize;
    private final double prescale;
    private final int randomCrops;
    private final int[] scales;
    private final DegradationPipeline pipeline;
    private final long seed;
    private final double minStd;
    private final int maxCrops;
    private final boolean writeKernels;
    private final Consumer<String> log;

    private DatasetBuilder(Builder b) {
        this.sources = Corpora.photosUnder(b.sources);
        this.output = b.output;
        this.cropSize = b.cropSize;
        this.prescale = b.prescale;
        this.randomCrops = b.randomCrops;
        this.scales = b.scales;
        this.pipeline = b.pipeline != null ? b.pipeline : DegradationPipeline.defaults();
        this.seed = b.seed;
        this.minStd = b.minStd;
        this.maxCrops = b.maxCrops;
        this.writeKernels = b.writeKernels;
        this.log = b.log;
    }

    public static Builder builder() {
        return new Builder();
    }

    /** Builds the data set and returns its manifest (also written to {@code manifest.json}). */
    public Manifest build() {
        if (sources.isEmpty()) {
            throw new DadiffException("dataset: no photos found in the given sources");
        }
        Manifest m = new Manifest();
        m.recipe = pipeline.name();
        m.cropSize = cropSize;
        m.prescale = prescale;
        m.seed = seed;
        m.scales = scales.clone();
        Map<Path, String> names = uniqueNames(sources);
        int index = 0;
        for (int f = 0; f < sources.size() && index < maxCrops; f++) {
            Path src = sources.get(f);
            Planes photo = PhotoFiles.read(src);
            if (prescale != 1) {
                photo = Resize.antialiased(photo, Math.max(1, (int) Math.round(photo.width * prescale)),
                        Math.max(1, (int) Math.round(photo.height * prescale)));
            }
            int kept = 0;
            for (int[] box : boxes(photo, Seeds.of(seed, -1 - f))) {
                if (index >= maxCrops) {
                    break;
                }
                Planes hr = photo.crop(box[0], box[1], cropSize, cropSize);
                if (std(hr) < minStd) {
                    continue;
                }
                Manifest.Entry e = new Manifest.Entry();
                e.name = String.format("%s_%03d.png", names.get(src), kept++);
                e.source = src.toString();
                e.box = new int[] {box[0], box[1], cropSize, cropSize};
                PhotoFiles.writePng(hr, output.resolve("HR").resolve(e.name));
                long cropSeed = Seeds.of(seed, index);
                for (int s : scales) {
                    Degraded d = pipeline.apply(hr, s, Seeds.of(cropSeed, s));
                    PhotoFiles.writePng(d.lr, output.resolve("LR").resolve("x" + s).resolve(e.name));
                    if (writeKernels) {
                        d.writeKernel(output.resolve("kernels").resolve("x" + s).resolve(e.name.replace(".png", ".npy")));
                    }
                    e.lr.put("x" + s, d.params);
                }
                m.entries.add(e);
                index++;
            }
            log.accept(src + ": " + kept + " crops");
        }
        m.write(output);
        return m;
    }

    /** Crop corners: a centred grid of non-overlapping crops, or {@code randomCrops} random ones. */
    private List<int[]> boxes(Planes photo, long fileSeed) {
        List<int[]> out = new ArrayList<>();
        int nx = photo.width / cropSize;
        int ny = photo.height / cropSize;
        if (nx == 0 || ny == 0) {
            return out;
        }
        if (randomCrops > 0) {
            SplittableRandom r = new SplittableRandom(fileSeed);
            for (int i = 0; i < randomCrops; i++) {
                out.add(new int[] {r.nextInt(photo.width - cropSize + 1), r.nextInt(photo.height - cropSize + 1)});
            }
            return out;
        }
        int x0 = (photo.width - nx * cropSize) / 2;
        int y0 = (photo.height - ny * cropSize) / 2;
        for (int y = 0; y < ny; y++) {
            for (int x = 0; x < nx; x++) {
                out.add(new int[] {x0 + x * cropSize, y0 + y * cropSize});
            }
        }
        return out;
    }

    /** Standard deviation of the mean of the channels: near 0 for a flat patch of sky. */
    private static double std(Planes p) {
        int n = p.width * p.height;
        double s = 0;
        double s2 = 0;
        for (int i = 0; i < n; i++) {
            double v = (p.c[0][i] + p.c[1][i] + p.c[2][i]) / 3;
            s += v;
            s2 += v * v;
        }
        double mean = s / n;
        return Math.sqrt(Math.max(0, s2 / n - mean * mean));
    }

    /**
     * Short file-name stems: the file's own stem, extended by parent folder names (joined with
     * '-') only where stems clash, as with plasma's many {@code 2560x1600.jpg}.
     */
    static Map<Path, String> uniqueNames(List<Path> files) {
        Map<Path, String> names = new HashMap<>();
        int depth = 1;
        List<Path> pending = new ArrayList<>(files);
        while (!pending.isEmpty()) {
            Map<String, List<Path>> byName = new HashMap<>();
            for (Path p : pending) {
                byName.computeIfAbsent(stem(p, depth), k -> new ArrayList<>()).add(p);
            }
            List<Path> clash = new ArrayList<>();
            for (Map.Entry<String, List<Path>> e : byName.entrySet()) {
                boolean taken = names.containsValue(e.getKey());
                if (e.getValue().size() == 1 && !taken) {
                    names.put(e.getValue().get(0), e.getKey());
                } else if (depth >= e.getValue().get(0).toAbsolutePath().getNameCount()) {
                    // identical paths listed twice: number them
                    for (int i = 0; i < e.getValue().size(); i++) {
                        names.put(e.getValue().get(i), e.getKey() + "-" + (i + 1));
                    }
                } else {
                    clash.addAll(e.getValue());
                }
            }
            pending = clash;
            depth++;
        }
        return names;
    }

    private static String stem(Path p, int depth) {
        Path a = p.toAbsolutePath();
        int n = a.getNameCount();
        List<String> parts = new ArrayList<>();
        for (int i = Math.max(0, n - depth); i < n; i++) {
            parts.add(a.getName(i).toString());
        }
        String last = parts.remove(parts.size() - 1);
        int dot = last.lastIndexOf('.');
        parts.add(dot > 0 ? last.substring(0, dot) : last);
        return String.join("-", parts).replaceAll("[^A-Za-z0-9._-]", "_");
    }

    /** Settings; {@code set*} are required, {@code opt*} optional. */
    public static final class Builder {
        private List<Path> sources;
        private Path output;
        private int cropSize = 256;
        private double prescale = 1;
        private int randomCrops;
        private int[] scales = {4};
        private DegradationPipeline pipeline;
        private long seed;
        private double minStd = 0.01;
        private int maxCrops = Integer.MAX_VALUE;
        private boolean writeKernels;
        private Consumer<String> log = s -> { };

        /** Photo files, or folders searched recursively for them. */
        public Builder setSources(List<Path> sources) {
            this.sources = List.copyOf(sources);
            return this;
        }

        public Builder setOutput(Path output) {
            this.output = output;
            return this;
        }

        public Builder optCropSize(int cropSize) {
            this.cropSize = cropSize;
            return this;
        }

        /** Shrink photos by this factor (0 < f <= 1, antialiased) before cropping: cleaner HR. */
        public Builder optPrescale(double prescale) {
            this.prescale = prescale;
            return this;
        }

        /** Random-offset crops per photo instead of the non-overlapping grid. */
        public Builder optRandomCrops(int perPhoto) {
            this.randomCrops = perPhoto;
            return this;
        }

        /** LR scales to make (default x4); none gives HR crops only. */
        public Builder optScales(int... scales) {
            this.scales = scales.clone();
            return this;
        }

        public Builder optPipeline(DegradationPipeline pipeline) {
            this.pipeline = pipeline;
            return this;
        }

        public Builder optSeed(long seed) {
            this.seed = seed;
            return this;
        }

        /** Skip crops whose brightness varies less than this (default 0.01: blank sky). */
        public Builder optMinStd(double minStd) {
            this.minStd = minStd;
            return this;
        }

        public Builder optMaxCrops(int maxCrops) {
            this.maxCrops = maxCrops;
            return this;
        }

        /** Also write each LR image's first-stage blur kernel as {@code .npy}. */
        public Builder optWriteKernels(boolean writeKernels) {
            this.writeKernels = writeKernels;
            return this;
        }

        /** Receives one line per photo. */
        public Builder optLog(Consumer<String> log) {
            this.log = log;
            return this;
        }

        public DatasetBuilder build() {
            if (sources == null || output == null) {
                throw new IllegalArgumentException("dataset builder needs sources and an output folder");
            }
            if (cropSize < 8 || !(prescale > 0 && prescale <= 1) || randomCrops < 0 || maxCrops < 0) {
                throw new IllegalArgumentException("bad dataset settings: crop " + cropSize + ", prescale "
                        + prescale + ", random crops " + randomCrops + ", max crops " + maxCrops);
            }
            for (int s : scales) {
                if (s < 1 || cropSize % s != 0) {
                    throw new IllegalArgumentException("scale x" + s + " must divide the crop size " + cropSize);
                }
            }
            Arrays.sort(scales);
            return new DatasetBuilder(this);
        }
    }
}
