package org.dadiff4j.eval;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.dadiff4j.DadiffException;
import org.dadiff4j.Problems;

/**
 * HR images paired by name with the images of another folder (the LR inputs, or restored
 * outputs), as in the paper's layout {@code HR/NAME.png}, {@code LR/x4/NAME.png}. A partner matches
 * an HR image when its stem is the same, or the stem followed by {@code _x<scale>} (the names
 * {@code dadiff upscale} writes); the extension does not matter.
 */
public final class TestSet {

    private static final List<String> EXTENSIONS = List.of("png", "jpg", "jpeg", "bmp", "webp");
    private static final Pattern SCALE_SUFFIX = Pattern.compile("_x\\d+$");

    /** One HR image and its partner. {@code name} is the HR file name. */
    public record Pair(String name, Path hr, Path other) {

        /** The name without its extension. */
        public String stem() {
            return TestSet.stem(name);
        }
    }

    private final List<Pair> pairs;
    private final List<String> unmatched;

    private TestSet(List<Pair> pairs, List<String> unmatched) {
        this.pairs = List.copyOf(pairs);
        this.unmatched = List.copyOf(unmatched);
    }

    /** Pairs every image of {@code hrDir} with its partner in {@code otherDir}, sorted by name. */
    public static TestSet match(Path hrDir, Path otherDir) {
        List<Path> hrs = images(hrDir);
        if (hrs.isEmpty()) {
            throw DadiffException.of(hrDir, "no images (readable: " + String.join(", ", EXTENSIONS) + ")");
        }
        Map<String, Path> exact = new HashMap<>();
        Map<String, Path> suffixed = new HashMap<>();
        for (Path p : images(otherDir)) {
            String stem = stem(p.getFileName().toString());
            put(exact, stem, p);
            if (SCALE_SUFFIX.matcher(stem).find()) {
                put(suffixed, SCALE_SUFFIX.matcher(stem).replaceFirst(""), p);
            }
        }
        List<Pair> pairs = new ArrayList<>();
        List<String> unmatched = new ArrayList<>();
        for (Path hr : hrs) {
            String name = hr.getFileName().toString();
            Path other = exact.getOrDefault(stem(name), suffixed.get(stem(name)));
            if (other == null) {
                unmatched.add(name);
            } else {
                pairs.add(new Pair(name, hr, other));
            }
        }
        if (pairs.isEmpty()) {
            throw DadiffException.of(otherDir, "no image matches a name in " + hrDir);
        }
        return new TestSet(pairs, unmatched);
    }

    /** A set of given pairs. */
    public static TestSet of(List<Pair> pairs) {
        return new TestSet(pairs, List.of());
    }

    private static void put(Map<String, Path> byStem, String stem, Path p) {
        Path twin = byStem.putIfAbsent(stem, p);
        if (twin != null) {
            throw DadiffException.of(p, "stands for the same HR image as " + twin.getFileName());
        }
    }

    public List<Pair> pairs() {
        return pairs;
    }

    /** HR names that have no partner. */
    public List<String> unmatched() {
        return unmatched;
    }

    /** The first {@code n} pairs (all when n <= 0 or beyond the size). */
    public TestSet limit(int n) {
        return n <= 0 || n >= pairs.size() ? this : new TestSet(pairs.subList(0, n), unmatched);
    }

    static String stem(String name) {
        int dot = name.lastIndexOf('.');
        return dot > 0 ? name.substring(0, dot) : name;
    }

    private static List<Path> images(Path dir) {
        if (!Files.isDirectory(dir)) {
            throw DadiffException.of(dir, "no such folder");
        }
        try (Stream<Path> s = Files.list(dir)) {
            return s.filter(Files::isRegularFile).filter(TestSet::isImage).sorted().toList();
        } catch (IOException | java.io.UncheckedIOException e) {
            throw DadiffException.of(dir, "cannot list: " + Problems.describe(e), e);
        }
    }

    private static boolean isImage(Path f) {
        String n = f.getFileName().toString().toLowerCase(Locale.ROOT);
        int dot = n.lastIndexOf('.');
        return dot > 0 && EXTENSIONS.contains(n.substring(dot + 1));
    }
}
