package org.dadiff4j.eval.net;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.stream.Collectors;
import org.dadiff4j.DadiffException;

/**
 * The weight files of the network metrics in one folder, under their published names. It says
 * which files a metric lacks, so that a caller can skip that metric with a clear note instead of
 * failing, and builds the metrics whose files are all there.
 */
public final class MetricWeights {

    /** A weight file: what it is, and the names it is looked up under (the published name first). */
    public enum File {
        ALEXNET("torchvision AlexNet ImageNet weights", "alexnet-owt-7be5be79.pth"),
        VGG16("torchvision VGG16 ImageNet weights", "vgg16-397923af.pth"),
        LPIPS_ALEX("LPIPS v0.1 alex heads (lpips/weights/v0.1/alex.pth)", "lpips_v0.1_alex.pth", "v0.1_alex.pth"),
        LPIPS_VGG("LPIPS v0.1 vgg heads (lpips/weights/v0.1/vgg.pth)", "lpips_v0.1_vgg.pth", "v0.1_vgg.pth"),
        DISTS("DISTS alpha/beta (DISTS_pytorch/weights.pt)", "dists_weights.pt", "weights.pt"),
        FID_INCEPTION("pytorch-fid Inception weights", "pt_inception-2015-12-05-6726825d.pth");

        private final String description;
        private final List<String> names;

        File(String description, String... names) {
            this.description = description;
            this.names = List.of(names);
        }

        public String description() {
            return description;
        }

        /** The accepted file names, the published one first. */
        public List<String> names() {
            return names;
        }
    }

    /** A network metric and the files it needs. */
    public enum Metric {
        LPIPS_ALEX("LPIPS (alex)", File.ALEXNET, File.LPIPS_ALEX),
        LPIPS_VGG("LPIPS (vgg)", File.VGG16, File.LPIPS_VGG),
        DISTS("DISTS", File.VGG16, File.DISTS),
        FID("FID", File.FID_INCEPTION);

        private final String label;
        private final List<File> files;

        Metric(String label, File... files) {
            this.label = label;
            this.files = List.of(files);
        }

        public String label() {
            return label;
        }

        public List<File> files() {
            return files;
        }
    }

    private final Path folder;

    public MetricWeights(Path folder) {
        this.folder = folder;
    }

    public Path folder() {
        return folder;
    }

    /** The file under the first of its names that exists in the folder. */
    public Optional<Path> find(File file) {
        for (String name : file.names) {
            Path p = folder.resolve(name);
            if (Files.isRegularFile(p)) {
                return Optional.of(p);
            }
        }
        return Optional.empty();
    }

    /** The files {@code metric} needs that are not in the folder. */
    public List<File> missing(Metric metric) {
        List<File> out = new ArrayList<>();
        for (File f : metric.files) {
            if (find(f).isEmpty()) {
                out.add(f);
            }
        }
        return out;
    }

    public boolean available(Metric metric) {
        return missing(metric).isEmpty();
    }

    /**
     * One line saying why {@code metric} cannot run, e.g. "LPIPS (alex) skipped: /w lacks
     * alexnet-owt-7be5be79.pth (torchvision AlexNet ImageNet weights)"; empty when it can.
     */
    public String note(Metric metric) {
        List<File> missing = missing(metric);
        if (missing.isEmpty()) {
            return "";
        }
        return metric.label + " skipped: " + folder + " lacks " + missing.stream()
                .map(f -> String.join(" or ", f.names) + " (" + f.description + ")")
                .collect(Collectors.joining(", "));
    }

    public Lpips lpips(Lpips.Net net) {
        Metric m = net == Lpips.Net.ALEX ? Metric.LPIPS_ALEX : Metric.LPIPS_VGG;
        return Lpips.load(net, require(m, m.files.get(0)), require(m, m.files.get(1)));
    }

    public Dists dists() {
        return Dists.load(require(Metric.DISTS, File.VGG16), require(Metric.DISTS, File.DISTS));
    }

    public FidInception fidInception() {
        return FidInception.load(require(Metric.FID, File.FID_INCEPTION));
    }

    private Path require(Metric metric, File file) {
        if (!available(metric)) {
            throw new DadiffException(note(metric));
        }
        return find(file).orElseThrow();
    }
}
