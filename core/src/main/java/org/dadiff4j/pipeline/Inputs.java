package org.dadiff4j.pipeline;

import java.io.IOException;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.PathMatcher;
import java.nio.file.Paths;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.dadiff4j.DadiffException;
import org.dadiff4j.Problems;

/**
 * Resolves command-line inputs (files, folders, globs) to images and the relative names their
 * outputs take: a folder's images keep their path below the folder, files and glob matches are
 * flat. Order is stable (sorted), so a resumed batch visits images in the same order.
 */
public final class Inputs {

    /** Extensions read as images. */
    public static final List<String> EXTENSIONS = List.of("png", "jpg", "jpeg", "tif", "tiff", "bmp", "webp");

    /** An image and the relative name of its output (without extension). */
    public static final class Item {
        public final Path file;
        public final String name;

        Item(Path file, String name) {
            this.file = file;
            this.name = name;
        }
    }

    private Inputs() {}

    /** Resolves every argument; an argument that matches nothing is an error. */
    public static List<Item> resolve(List<String> args) {
        Map<String, Item> byName = new LinkedHashMap<>();
        for (String arg : args) {
            List<Item> found = resolveOne(arg);
            if (found.isEmpty()) {
                throw new DadiffException(arg + ": no image matches (readable: " + String.join(", ", EXTENSIONS) + ")");
            }
            for (Item it : found) {
                Item twin = byName.putIfAbsent(it.name, it);
                if (twin != null && !twin.file.toAbsolutePath().normalize().equals(it.file.toAbsolutePath().normalize())) {
                    throw new DadiffException(it.file + ": its output name '" + it.name + "' is also that of " + twin.file);
                }
            }
        }
        return new ArrayList<>(byName.values());
    }

    private static List<Item> resolveOne(String arg) {
        Path p = Paths.get(arg);
        if (Files.isDirectory(p)) {
            return walk(p);
        }
        if (Files.exists(p)) {
            return List.of(new Item(p, stem(p.getFileName().toString())));
        }
        if (!arg.contains("*") && !arg.contains("?") && !arg.contains("[")) {
            throw DadiffException.of(p, "no such file or directory");
        }
        return glob(arg);
    }

    private static List<Item> walk(Path dir) {
        List<Item> out = new ArrayList<>();
        try (Stream<Path> s = Files.walk(dir)) {
            s.filter(Files::isRegularFile).filter(Inputs::isImage).sorted().forEach(f -> {
                String rel = dir.relativize(f).toString().replace('\\', '/');
                out.add(new Item(f, stem(rel)));
            });
        } catch (IOException | java.io.UncheckedIOException e) {
            throw DadiffException.of(dir, "cannot list: " + Problems.describe(e), e);
        }
        return out;
    }

    private static List<Item> glob(String pattern) {
        int cut = firstWildcardSegment(pattern);
        Path root = cut == 0 ? Paths.get(".") : Paths.get(pattern.substring(0, cut));
        PathMatcher m = FileSystems.getDefault().getPathMatcher("glob:" + pattern);
        List<Item> out = new ArrayList<>();
        if (!Files.isDirectory(root)) {
            return out;
        }
        try (Stream<Path> s = Files.walk(root)) {
            s.filter(Files::isRegularFile).filter(Inputs::isImage)
                    .filter(f -> m.matches(cut == 0 ? root.relativize(f) : f)).sorted()
                    .forEach(f -> out.add(new Item(f, stem(f.getFileName().toString()))));
        } catch (IOException | java.io.UncheckedIOException e) {
            throw DadiffException.of(root, "cannot list: " + Problems.describe(e), e);
        }
        return out;
    }

    /** Index just after the last '/' before the first wildcard (0 if none). */
    private static int firstWildcardSegment(String pattern) {
        int w = pattern.length();
        for (char c : new char[] {'*', '?', '[', '{'}) {
            int i = pattern.indexOf(c);
            if (i >= 0) {
                w = Math.min(w, i);
            }
        }
        return pattern.lastIndexOf('/', w) + 1;
    }

    static boolean isImage(Path f) {
        return OutputNames.isImage(f.getFileName().toString());
    }

    private static String stem(String name) {
        return OutputNames.stem(name);
    }
}
