package org.dadiff4j.data;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import org.dadiff4j.degrade.Planes;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The curated training list: which files of each package count as photographs. */
class CorporaTest {

    /** Photos of the packages added for the second training corpus, relative to {@code train/}. */
    private static final List<String> ADDED = List.of(
            "tuxtype-data/usr/share/tuxtype/images/kcas0.jpg",
            "tuxtype-data/usr/share/tuxtype/images/kcas11.jpg",
            "tuxpaint-data/usr/share/tuxpaint/templates/cliff.jpg",
            "tuxpaint-data/usr/share/tuxpaint/templates/wool_mill_machine.jpg",
            "kphotoalbum/usr/share/kphotoalbum/demo/anne_helene.jpg",
            "kphotoalbum/usr/share/kphotoalbum/demo/wayne.jpg",
            "scribus-template/usr/share/scribus/templates/br2/nature.jpg",
            "scribus-template/usr/share/scribus/templates/menu2/pizza.jpg",
            "digikam-data/usr/share/digikam/about/images/body-background.jpg",
            "sddm-theme-maldives/usr/share/sddm/themes/maldives/background.jpg");

    /** Files of the same packages that are not photographs, or too poor to train on. */
    private static final List<String> EXCLUDED = List.of(
            "tuxtype-data/usr/share/tuxtype/images/backgrounds/0.jpg",
            "tuxtype-data/usr/share/tuxtype/images/hidden.jpg",
            "tuxtype-data/usr/share/tuxtype/images/main_bkg.png",
            "tuxpaint-data/usr/share/tuxpaint/starters/dog.png",
            "kphotoalbum/usr/share/kphotoalbum/demo/blackie.jpg",
            "kphotoalbum/usr/share/kphotoalbum/demo/new_wave_1.jpg",
            "kphotoalbum/usr/share/kphotoalbum/demo/pool_2.jpg",
            "scribus-template/usr/share/scribus/templates/br2/moon.jpg",
            "scribus-template/usr/share/scribus/templates/br2/halfmoon.jpg",
            "digikam-data/usr/share/digikam/data/lut3d/tokyo.png",
            "sddm-theme-maldives/usr/share/sddm/themes/maldives/maldives.jpg");

    private static final int TRAINING_PACKAGES = 13;
    private static final int TRAINING_PHOTOS = 126;

    @Test
    void addedPackagesContributeOnlyTheirPhotos(@TempDir Path root) throws IOException {
        for (String f : ADDED) {
            touch(root.resolve("train").resolve(f));
        }
        for (String f : EXCLUDED) {
            touch(root.resolve("train").resolve(f));
        }
        Set<String> got = new TreeSet<>();
        for (Path p : Corpora.training(root)) {
            got.add(root.resolve("train").relativize(p).toString().replace('\\', '/'));
        }
        assertEquals(new TreeSet<>(ADDED), got);
    }

    @Test
    void fullTrainingCorpusMatchesTheDataReadme() {
        CorpusData.require("train");
        Path root = CorpusData.root();
        long packages;
        try (var s = Files.list(root.resolve("train"))) {
            packages = s.filter(p -> Files.exists(p.resolve(".unpacked"))).count();
        } catch (IOException e) {
            throw new AssertionError(e);
        }
        assumeTrue(packages == TRAINING_PACKAGES, packages + " of " + TRAINING_PACKAGES
                + " training packages unpacked (run scripts/fetch-corpora.sh train); skipping");
        List<Path> train = Corpora.training(root);
        assertEquals(TRAINING_PHOTOS, train.size(), "the data README lists " + TRAINING_PHOTOS + " training photos");
        assertEquals(train.size(), Set.copyOf(train).size(), "no photo is listed twice");
        // The added packages' photos decode, and each is at least 400 pixels on its short side.
        int checked = 0;
        for (Path p : train) {
            String pkg = root.resolve("train").relativize(p).getName(0).toString();
            if (ADDED.stream().anyMatch(f -> f.startsWith(pkg + "/"))) {
                Planes img = PhotoFiles.read(p);
                assertTrue(Math.min(img.width, img.height) >= 400, p + ": " + img.width + "x" + img.height);
                checked++;
            }
        }
        assertEquals(57, checked, "photos of the added packages");
    }

    private static void touch(Path p) throws IOException {
        Files.createDirectories(p.getParent());
        Files.write(p, new byte[] {0});
    }
}
