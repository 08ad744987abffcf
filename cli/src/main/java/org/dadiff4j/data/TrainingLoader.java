package org.dadiff4j.data;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.dadiff4j.DadiffException;
import org.dadiff4j.degrade.DegradationPipeline;
import org.dadiff4j.degrade.Degraded;
import org.dadiff4j.degrade.Planes;
import org.dadiff4j.degrade.Resize;

/**
 * Degraded training pairs made on the fly: a random crop of a random photo (photos weighted by
 * area, so every pixel is equally likely), a random flip/rotation, then the degradation pipeline.
 * With {@link Builder#optDetail} a crop is kept with probability min(1, detail / ref), else drawn
 * again (at most {@value #DRAWS} draws), because over half of the wallpapers' crops are sky, bokeh or
 * soft ground (mean |Laplacian| under 4 levels), while a typical validation crop has 12
 * (models/README.md), so an unweighted run spends most of its steps on flat pixels.
 * Pair {@code i} depends only on the seed and {@code i} ({@link #pair(long)}), so a run can resume
 * at any index. {@link #next()} hands out pairs in index order from a bounded queue filled by
 * background workers. Photos stay in memory as 8-bit RGB (3 bytes per pixel).
 */
public final class TrainingLoader implements AutoCloseable {

    /** Draws per pair at most when crops are weighted by detail; the last draw is kept whatever it holds. */
    static final int DRAWS = 8;

    private final List<byte[]> pixels = new ArrayList<>();
    private final List<int[]> sizes = new ArrayList<>();
    private final List<String> names = new ArrayList<>();
    private final double[] cumulativeArea;
    private final DegradationPipeline pipeline;
    private final boolean cropsOnly;
    private final int scale;
    private final int cropSize;
    private final long seed;
    private final double detailRef;
    private final int workers;
    private final int queueSize;
    private long nextIndex;
    private volatile BlockingQueue<Future<TrainingPair>> queue;
    private volatile ExecutorService pool;
    private volatile Thread producer;

    private TrainingLoader(Builder b) {
        this.pipeline = b.pipeline != null ? b.pipeline : DegradationPipeline.defaults();
        this.cropsOnly = b.cropsOnly;
        this.scale = b.scale;
        this.cropSize = b.cropSize;
        this.seed = b.seed;
        this.detailRef = b.detailRef;
        this.workers = b.workers;
        this.queueSize = b.queueSize;
        this.nextIndex = b.startIndex;
        for (Path p : Corpora.photosUnder(b.images)) {
            Planes img = PhotoFiles.read(p);
            if (b.prescale != 1) {
                img = Resize.antialiased(img, (int) Math.round(img.width * b.prescale),
                        (int) Math.round(img.height * b.prescale));
            }
            if (img.width >= cropSize && img.height >= cropSize) {
                pixels.add(img.toInterleavedBytes());
                sizes.add(new int[] {img.width, img.height});
                names.add(p.toString());
            }
        }
        if (pixels.isEmpty()) {
            throw new DadiffException("training data: no photo of at least " + cropSize + "x" + cropSize
                    + " pixels in " + b.images);
        }
        cumulativeArea = new double[sizes.size()];
        double sum = 0;
        for (int i = 0; i < sizes.size(); i++) {
            sum += (double) sizes.get(i)[0] * sizes.get(i)[1];
            cumulativeArea[i] = sum;
        }
    }

    public static Builder builder() {
        return new Builder();
    }

    /** Number of photos in memory. */
    public int photos() {
        return pixels.size();
    }

    /** Pair {@code index}, computed on the calling thread. */
    public TrainingPair pair(long index) {
        SplittableRandom rng = new SplittableRandom(Seeds.of(seed, index));
        for (int draw = 1; ; draw++) {
            double u = rng.nextDouble() * cumulativeArea[cumulativeArea.length - 1];
            int img = 0;
            while (img < cumulativeArea.length - 1 && cumulativeArea[img] <= u) {
                img++;
            }
            int w = sizes.get(img)[0];
            int h = sizes.get(img)[1];
            int x = rng.nextInt(w - cropSize + 1);
            int y = rng.nextInt(h - cropSize + 1);
            int t = rng.nextInt(8);
            Planes crop = crop(pixels.get(img), w, x, y);
            if (detailRef > 0 && draw < DRAWS && rng.nextDouble() * detailRef > detail(crop)) {
                continue;
            }
            Planes hr = Augment.dihedral(crop, t);
            Degraded degraded = cropsOnly ? null : pipeline.apply(hr, scale, rng.nextLong());
            return new TrainingPair(index, hr, degraded, names.get(img),
                    new int[] {x, y, cropSize}, t);
        }
    }

    /** Mean |4-neighbour Laplacian| of the luma of {@code p} over its interior, in 8-bit levels. */
    static double detail(Planes p) {
        int w = p.width;
        int h = p.height;
        float[] luma = new float[w * h];
        for (int i = 0; i < luma.length; i++) {
            luma[i] = 255 * (0.299f * p.c[0][i] + 0.587f * p.c[1][i] + 0.114f * p.c[2][i]);
        }
        double sum = 0;
        for (int r = 1; r < h - 1; r++) {
            for (int c = 1; c < w - 1; c++) {
                int i = r * w + c;
                sum += Math.abs(4 * luma[i] - luma[i - 1] - luma[i + 1] - luma[i - w] - luma[i + w]);
            }
        }
        return w < 3 || h < 3 ? 0 : sum / ((w - 2) * (double) (h - 2));
    }

    /** The next pair in index order (starting at the builder's start index), from the background queue. */
    public synchronized TrainingPair next() {
        if (producer == null) {
            start();
        }
        try {
            return queue.take().get();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while waiting for training data", e);
        } catch (ExecutionException e) {
            if (e.getCause() instanceof RuntimeException) {
                throw (RuntimeException) e.getCause();
            }
            throw new IllegalStateException(e.getCause());
        }
    }

    private void start() {
        queue = new ArrayBlockingQueue<>(queueSize);
        pool = Executors.newFixedThreadPool(workers, r -> {
            Thread th = new Thread(r, "training-data");
            th.setDaemon(true);
            return th;
        });
        long first = nextIndex;
        Thread t = new Thread(() -> {
            try {
                for (long i = first; !Thread.currentThread().isInterrupted(); i++) {
                    long index = i;
                    queue.put(pool.submit(() -> pair(index)));
                }
            } catch (InterruptedException e) {
                // closed
            } catch (java.util.concurrent.RejectedExecutionException e) {
                // pool shut down by close()
            }
        }, "training-data-queue");
        t.setDaemon(true);
        t.start();
        producer = t;
    }

    /** Stops the background threads, dropping queued pairs; unsynchronized so that it works while next() waits. */
    @Override
    public void close() {
        Thread p = producer;
        if (p != null) {
            p.interrupt();
            pool.shutdownNow();
        }
    }

    private Planes crop(byte[] rgb, int w, int x0, int y0) {
        Planes p = Planes.zeros(cropSize, cropSize, 3);
        for (int y = 0; y < cropSize; y++) {
            int src = ((y0 + y) * w + x0) * 3;
            int dst = y * cropSize;
            for (int x = 0; x < cropSize; x++) {
                p.c[0][dst + x] = (rgb[src + 3 * x] & 0xff) / 255f;
                p.c[1][dst + x] = (rgb[src + 3 * x + 1] & 0xff) / 255f;
                p.c[2][dst + x] = (rgb[src + 3 * x + 2] & 0xff) / 255f;
            }
        }
        return p;
    }

    /** Settings; {@code set*} are required, {@code opt*} optional. */
    public static final class Builder {
        private List<Path> images;
        private DegradationPipeline pipeline;
        private boolean cropsOnly;
        private int scale = 4;
        private int cropSize = 256;
        private double prescale = 1;
        private long seed;
        private double detailRef;
        private long startIndex;
        private int workers = 1;
        private int queueSize = 8;

        /** Photo files, or folders searched recursively for them. */
        public Builder setImages(List<Path> images) {
            this.images = List.copyOf(images);
            return this;
        }

        public Builder optPipeline(DegradationPipeline pipeline) {
            this.pipeline = pipeline;
            return this;
        }

        /** HR crops only (to train a prior): no degradation runs, and pairs have no LR image. */
        public Builder optCropsOnly() {
            this.cropsOnly = true;
            return this;
        }

        public Builder optScale(int scale) {
            this.scale = scale;
            return this;
        }

        /** The scale of the pairs it will make. */
        public int scale() {
            return scale;
        }

        public Builder optCropSize(int cropSize) {
            this.cropSize = cropSize;
            return this;
        }

        /** Shrink photos by this factor (antialiased) when loading them. */
        public Builder optPrescale(double prescale) {
            this.prescale = prescale;
            return this;
        }

        public Builder optSeed(long seed) {
            this.seed = seed;
            return this;
        }

        /**
         * Prefers detailed crops: a crop whose mean |Laplacian| of luma (8-bit levels) is under
         * {@code ref} is kept with probability detail / ref; 0 (the default) keeps every crop.
         */
        public Builder optDetail(double ref) {
            this.detailRef = ref;
            return this;
        }

        /** First index {@link TrainingLoader#next()} returns (to resume a run). */
        public Builder optStartIndex(long startIndex) {
            this.startIndex = startIndex;
            return this;
        }

        public Builder optWorkers(int workers) {
            this.workers = workers;
            return this;
        }

        /** Pairs made ahead of the consumer, at most. */
        public Builder optQueueSize(int queueSize) {
            this.queueSize = queueSize;
            return this;
        }

        /** Loads the photos into memory. */
        public TrainingLoader build() {
            if (images == null) {
                throw new IllegalArgumentException("training loader needs images");
            }
            if (scale < 1 || cropSize % scale != 0 || workers < 1 || queueSize < 1 || !(prescale > 0 && prescale <= 1)
                    || !(detailRef >= 0) || Double.isInfinite(detailRef)) {
                throw new IllegalArgumentException("bad loader settings: scale " + scale + ", crop " + cropSize
                        + ", workers " + workers + ", queue " + queueSize + ", prescale " + prescale + ", detail " + detailRef);
            }
            return new TrainingLoader(this);
        }
    }
}
