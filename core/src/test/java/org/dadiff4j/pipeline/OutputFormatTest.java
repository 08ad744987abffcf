package org.dadiff4j.pipeline;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.dadiff4j.DadiffException;
import org.junit.jupiter.api.Test;

class OutputFormatTest {

    @Test
    void theDefaultsKeepTheInputsFormatAndDepth() {
        OutputFormat f = OutputFormat.of(null, 0, Defaults.JPEG_QUALITY);
        assertNull(f.extension());
        assertEquals(0, f.writeOptions().bitDepth());
        assertEquals(0.95f, f.writeOptions().jpegQuality());
    }

    @Test
    void formatNamesGiveTheirExtension() {
        assertEquals("jpg", OutputFormat.of("JPEG", 0, 80).extension());
        assertEquals("tif", OutputFormat.of("tiff", 16, 80).extension());
        assertEquals(16, OutputFormat.of("png", 16, 80).writeOptions().bitDepth());
        assertEquals(0.8f, OutputFormat.of("png", 8, 80).writeOptions().jpegQuality());
    }

    @Test
    void eachWrongOptionIsNamed() {
        assertEquals("--format must be png, jpg or tif, got webp",
                assertThrows(DadiffException.class, () -> OutputFormat.of("webp", 0, 95)).getMessage());
        assertEquals("--bit-depth must be 8 or 16, got 12",
                assertThrows(DadiffException.class, () -> OutputFormat.of(null, 12, 95)).getMessage());
        assertEquals("--bit-depth 16 needs --format png or tif (JPEG holds 8 bits per sample)",
                assertThrows(DadiffException.class, () -> OutputFormat.of("jpg", 16, 95)).getMessage());
        assertEquals("--jpeg-quality must be between 1 and 100, got 0",
                assertThrows(DadiffException.class, () -> OutputFormat.of(null, 0, 0)).getMessage());
        assertThrows(DadiffException.class, () -> OutputFormat.of(null, 0, 101));
    }
}
