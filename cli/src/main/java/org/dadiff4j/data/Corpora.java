package org.dadiff4j.data;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

/**
 * The photo corpora of {@code scripts/fetch-corpora.sh} (see the shared data README): which files
 * of the unpacked Debian packages are photographs, kept apart as training and validation sets.
 * Paths are under a corpus root such as {@code data/corpora}; missing packages are simply absent.
 */
public final class Corpora {

    private static final List<String> EDJ = List.of("Bamboo", "Foggy-Trees", "God-Rays", "Green-Maple",
            "Lichen-Branches", "Mountain", "Peaks", "Red-Maple", "Sea-of-Lanterns", "Snow-Trees",
            "Spruce-Needles", "Sunset-Clouds", "Sunset-Hills", "White-Flower", "Yellow-Flower");
    private static final List<String> LXQT = List.of("Butterfly-Kenneth-Wimer.jpg", "Valendas.png",
            "after-the-rain.jpg", "appleflower.png", "beam.png", "butterfly.png", "cloud.png", "drop.png",
            "flowers.png", "fog.jpg", "this-is-not-windows.jpg");
    private static final List<String> PLASMA = List.of("BytheWater", "ColdRipple", "ColorfulCups",
            "DarkestHour", "EveningGlow", "FallenLeaf", "Grey", "Kite", "OneStandsOut", "Path", "summer_1am");
    /** kphotoalbum's demo album, less three dark or blurred shots (blackie, new_wave_1, pool_2). */
    private static final List<String> KPHOTOALBUM = List.of("anne_helene", "bar55", "bar55_2", "cold_water",
            "donna", "donna_2", "grand_canyon_1", "grand_canyon_2", "grand_canyon_3", "jesper", "jesper_2",
            "new_wave_2", "pool", "qt-logo", "skagen", "skagen_2", "snow", "spiff", "spiff_2", "sunset", "wayne");
    /** The photos of the Scribus templates; the moon and eclipse shots are mostly black. */
    private static final List<String> SCRIBUS = List.of("br2/nature.jpg", "br2/sunset.jpg", "menu2/pizza.jpg");
    /** Lomiri wallpapers that are renders, not photographs. */
    private static final List<String> LOMIRI_RENDERS = List.of("umang_", "Fossa_", "Infinite-Sea_", "Painting-Colors_");
    private static final List<String> OPENCV = List.of("aero1.jpg", "aero3.jpg", "aloeL.jpg", "aloeR.jpg",
            "apple.jpg", "baboon.jpg", "board.jpg", "building.jpg", "butterfly.jpg", "ela_modified.jpg",
            "ela_original.jpg", "fruits.jpg", "home.jpg", "left.jpg", "right.jpg", "leuvenA.jpg", "leuvenB.jpg",
            "licenseplate_motion.jpg", "messi5.jpg", "orange.jpg", "pca_test1.jpg", "squirrel_cls.jpg",
            "stuff.jpg", "text_defocus.jpg", "text_motion.jpg", "basketball1.png", "basketball2.png", "box.png",
            "box_in_scene.png", "graf1.png", "graf3.png", "rubberwhale1.png", "rubberwhale2.png",
            "smarties.png", "sudoku.png");

    private Corpora() {}

    /** Training photos present under {@code root/train}, in a fixed order. */
    public static List<Path> training(Path root) {
        Path t = root.resolve("train");
        List<Path> out = new ArrayList<>();
        Path edj = t.resolve("enlightenment-data/usr/share/enlightenment/data/backgrounds");
        EDJ.forEach(n -> out.add(edj.resolve(n + ".edj")));
        for (String v : List.of("16.04", "20.04")) {
            for (Path p : list(t.resolve("lomiri-wallpapers-" + v + "/usr/share/backgrounds"))) {
                String n = p.getFileName().toString();
                if (n.endsWith(".jpg") && n.contains("_by_") && LOMIRI_RENDERS.stream().noneMatch(n::startsWith)) {
                    out.add(p);
                }
            }
        }
        list(t.resolve("mate-backgrounds/usr/share/backgrounds/mate/nature")).stream()
                .filter(p -> p.toString().endsWith(".jpg")).forEach(out::add);
        Path lxqt = t.resolve("lxqt-themes/usr/share/lxqt/wallpapers");
        LXQT.forEach(n -> out.add(lxqt.resolve(n)));
        Path plasma = t.resolve("plasma-workspace-wallpapers/usr/share/wallpapers");
        PLASMA.forEach(n -> out.add(plasma.resolve(n + "/contents/images/2560x1600.jpg")));
        list(t.resolve("palapeli-data/usr/share/palapeli/collection")).stream()
                .filter(p -> p.toString().endsWith(".jpg")).forEach(out::add);
        // Tux Typing's landscape backgrounds (kcas*; its backgrounds/ folder holds space images, not photos).
        list(t.resolve("tuxtype-data/usr/share/tuxtype/images")).stream().filter(p -> {
            String n = p.getFileName().toString();
            return n.startsWith("kcas") && n.endsWith(".jpg");
        }).forEach(out::add);
        list(t.resolve("tuxpaint-data/usr/share/tuxpaint/templates")).stream()
                .filter(p -> p.toString().endsWith(".jpg")).forEach(out::add);
        Path kpa = t.resolve("kphotoalbum/usr/share/kphotoalbum/demo");
        KPHOTOALBUM.forEach(n -> out.add(kpa.resolve(n + ".jpg")));
        Path scribus = t.resolve("scribus-template/usr/share/scribus/templates");
        SCRIBUS.forEach(n -> out.add(scribus.resolve(n)));
        out.add(t.resolve("digikam-data/usr/share/digikam/about/images/body-background.jpg"));
        out.add(t.resolve("sddm-theme-maldives/usr/share/sddm/themes/maldives/background.jpg"));
        out.removeIf(p -> !Files.isRegularFile(p));
        return out;
    }

    /** Validation photos (opencv-doc) present under {@code root/val}. */
    public static List<Path> validation(Path root) {
        Path d = root.resolve("val/opencv-doc/usr/share/doc/opencv-doc/examples/data");
        List<Path> out = new ArrayList<>();
        OPENCV.forEach(n -> out.add(d.resolve(n)));
        out.removeIf(p -> !Files.isRegularFile(p));
        return out;
    }

    /** Photo files under each path (a file, or a folder searched recursively), sorted per folder. */
    public static List<Path> photosUnder(List<Path> paths) {
        List<Path> out = new ArrayList<>();
        for (Path p : paths) {
            if (Files.isDirectory(p)) {
                try (Stream<Path> s = Files.walk(p)) {
                    s.filter(Files::isRegularFile).filter(PhotoFiles::isPhoto).sorted().forEach(out::add);
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
            } else {
                out.add(p);
            }
        }
        return out;
    }

    private static List<Path> list(Path dir) {
        if (!Files.isDirectory(dir)) {
            return List.of();
        }
        try (Stream<Path> s = Files.list(dir)) {
            return s.sorted().toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Prints a corpus's photo list, one path per line: {@code Corpora ROOT train|val}. */
    public static void main(String[] args) {
        if (args.length != 2 || !(args[1].equals("train") || args[1].equals("val"))) {
            System.err.println("usage: Corpora ROOT train|val");
            System.exit(2);
        }
        Path root = Path.of(args[0]);
        (args[1].equals("train") ? training(root) : validation(root)).forEach(System.out::println);
    }
}
