package org.dadiff4j.artifacts;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * The command, the server and the Spark job build their upscalers with the library facade
 * ({@code org.dadiff4j.api.Dadiff}) and nothing below it: no source of theirs names the classes that
 * assemble an upscaler from its parts, which only {@code core}'s {@code pipeline} and {@code api} use.
 */
class FacadeOnlyTest {

    /** The pipeline's classes that map a method to its parts and put an upscaler together. */
    static final Pattern BELOW_THE_FACADE = Pattern.compile("\\b(Upscalers|DiffusionUpscaler|RestoreUpscaler"
            + "|BicubicUpscaler|GuidanceFactory|LearnedFactory|DdnmFactory|ExplicitFactory)\\b");

    private static final List<String> SHELLS = List.of("cli/src/main/java", "web/src/main/java", "spark/src/main/java");

    @Test
    void commandsServerAndSparkJobBuildUpscalersOnlyThroughTheFacade() throws IOException {
        Path root = Path.of("").toAbsolutePath();
        List<String> found = new ArrayList<>();
        int files = 0;
        for (String shell : SHELLS) {
            Path dir = root.resolve(shell);
            assertTrue(Files.isDirectory(dir), "no folder " + dir + " (tests run from the repository root)");
            try (Stream<Path> walk = Files.walk(dir)) {
                for (Path f : walk.filter(p -> p.toString().endsWith(".java")).sorted().toList()) {
                    files++;
                    found.addAll(uses(root.relativize(f).toString(), Files.readString(f)));
                }
            }
        }
        assertTrue(files > 50, "only " + files + " sources read");
        assertEquals(List.of(), found, "build the upscaler with org.dadiff4j.api.Dadiff instead");
    }

    @Test
    void theCheckSeesCodeButNotComments() {
        String code = "import org.dadiff4j.pipeline.Upscalers;\n"
                + "/** Unlike {@link Upscalers}, ... */\n"
                + "class A { // DiffusionUpscaler.builder() was here\n"
                + "  Upscaler u = Upscalers.create(s, models);\n"
                + "  Object b = DiffusionUpscaler.builder();\n"
                + "}\n";
        assertEquals(List.of("A.java:1: Upscalers", "A.java:4: Upscalers", "A.java:5: DiffusionUpscaler"),
                uses("A.java", code));
    }

    /** Each use in code (comments blanked, lines kept) as FILE:LINE: NAME. */
    static List<String> uses(String name, String source) {
        String code = withoutComments(source);
        List<String> out = new ArrayList<>();
        Matcher m = BELOW_THE_FACADE.matcher(code);
        while (m.find()) {
            long line = code.substring(0, m.start()).chars().filter(c -> c == '\n').count() + 1;
            out.add(name + ":" + line + ": " + m.group(1));
        }
        return out;
    }

    /** Blanks block and line comments, keeping their line breaks (string literals are not special-cased). */
    private static String withoutComments(String s) {
        StringBuilder b = new StringBuilder(s.length());
        int i = 0;
        while (i < s.length()) {
            if (s.startsWith("/*", i)) {
                int end = s.indexOf("*/", i + 2);
                end = end < 0 ? s.length() : end + 2;
                s.substring(i, end).chars().filter(c -> c == '\n').forEach(c -> b.append('\n'));
                i = end;
            } else if (s.startsWith("//", i)) {
                int end = s.indexOf('\n', i);
                i = end < 0 ? s.length() : end;
            } else {
                b.append(s.charAt(i++));
            }
        }
        return b.toString();
    }
}
