package org.dadiff4j.image;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.dadiff4j.AtomicFile;
import org.dadiff4j.DadiffException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class AtomicWriteTest {

    @TempDir
    Path dir;

    private List<String> names(Path d) throws IOException {
        try (Stream<Path> s = Files.list(d)) {
            return s.map(p -> p.getFileName().toString()).sorted().collect(Collectors.toList());
        }
    }

    @Test
    void successLeavesOnlyTheOutput() throws Exception {
        Path f = dir.resolve("out.png");
        ImageFiles.write(TestImages.quantisedNoise(8, 8, 3, false, 8, 1), f);
        Picture second = TestImages.quantisedNoise(8, 8, 1, false, 16, 2);
        ImageFiles.write(second, f); // replaces
        assertEquals(List.of("out.png"), names(dir));
        assertEquals(second, ImageFiles.read(f));
        // readable like any new file (createTempFile alone would make it owner-only)
        Path ref = Files.createFile(dir.resolve("ref"));
        Set<PosixFilePermission> ours = Files.getPosixFilePermissions(f);
        Set<PosixFilePermission> plain = Files.getPosixFilePermissions(ref);
        for (PosixFilePermission read : List.of(PosixFilePermission.GROUP_READ, PosixFilePermission.OTHERS_READ)) {
            assertEquals(plain.contains(read), ours.contains(read), read.toString());
        }
    }

    @Test
    void failureAfterEncodingRemovesTheTempFileAndKeepsTheTarget() throws Exception {
        // the target is a non-empty directory: encoding succeeds, the final rename fails
        Path target = Files.createDirectory(dir.resolve("taken.png"));
        Files.writeString(target.resolve("keep.txt"), "x");
        DadiffException e = assertThrows(DadiffException.class,
                () -> ImageFiles.write(TestImages.quantisedNoise(8, 8, 3, false, 8, 1), target));
        assertTrue(e.getMessage().startsWith(target + ": cannot write"), e.getMessage());
        assertFalse(e.getMessage().contains("\n"));
        assertEquals(List.of("taken.png"), names(dir));
        assertEquals(List.of("keep.txt"), names(target));
    }

    @Test
    void failureWhileEncodingRemovesTheTempFileAndKeepsTheOldFile() throws Exception {
        Path f = dir.resolve("old.png");
        Files.write(f, new byte[] {1, 2, 3});
        DadiffException e = assertThrows(DadiffException.class, () -> AtomicFile.write(f, out -> {
            out.write(new byte[1000]);
            throw new IOException("No space left on device");
        }));
        assertEquals(f + ": cannot write: No space left on device", e.getMessage());
        assertEquals(List.of("old.png"), names(dir));
        assertArrayEquals(new byte[] {1, 2, 3}, Files.readAllBytes(f));
    }

    @Test
    void missingDirectoryIsAOneLineError() throws Exception {
        Path f = dir.resolve("no/such/dir/out.png");
        DadiffException e = assertThrows(DadiffException.class,
                () -> ImageFiles.write(TestImages.quantisedNoise(4, 4, 3, false, 8, 1), f));
        assertEquals(f + ": cannot write: no such file or directory", e.getMessage());
        assertEquals(List.of(), names(dir));
    }

    @Test
    void unknownExtensionIsRejectedBeforeAnythingIsWritten() throws Exception {
        Path f = dir.resolve("out.gif");
        DadiffException e = assertThrows(DadiffException.class,
                () -> ImageFiles.write(TestImages.quantisedNoise(4, 4, 3, false, 8, 1), f));
        assertTrue(e.getMessage().startsWith(f + ": "), e.getMessage());
        assertEquals(List.of(), names(dir));
    }
}
