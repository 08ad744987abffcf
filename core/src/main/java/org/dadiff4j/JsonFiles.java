package org.dadiff4j;

import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonParseException;
import com.google.gson.JsonParser;
import com.google.gson.stream.JsonReader;
import com.google.gson.stream.MalformedJsonException;
import java.io.IOException;
import java.io.StringReader;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Reads the JSON files that come from outside (model configs, sidecars) with one-line messages
 * that name the file and never show a parser's or the JVM's wording: at most
 * {@link Limits#MAX_JSON_BYTES}, UTF-8, one JSON object.
 */
public final class JsonFiles {

    private JsonFiles() {}

    /**
     * The object in {@code file}.
     *
     * @param what what the file is, for messages: "model config", "prior config", "sidecar"
     */
    public static JsonObject readObject(Path file, String what) {
        InputFile.require(file, what);
        String text;
        try {
            long size = Files.size(file);
            if (size > Limits.MAX_JSON_BYTES) {
                throw DadiffException.of(file, what + " is too large (" + size + " bytes; at most "
                        + Limits.MAX_JSON_BYTES + ")");
            }
            text = StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
                    .decode(java.nio.ByteBuffer.wrap(Files.readAllBytes(file))).toString();
        } catch (CharacterCodingException e) {
            throw DadiffException.of(file, what + " is not UTF-8 text", e);
        } catch (IOException e) {
            throw DadiffException.of(file, "cannot read " + what + ": " + Problems.describe(e), e);
        }
        return parseObject(file, text, what);
    }

    /** The object in {@code text}; {@code file} names it in messages. */
    public static JsonObject parseObject(Path file, String text, String what) {
        JsonElement e;
        try {
            JsonReader reader = new JsonReader(new StringReader(text));
            e = JsonParser.parseReader(reader);
        } catch (JsonParseException | StackOverflowError ex) {
            throw DadiffException.of(file, what + " is not valid JSON" + where(ex), ex);
        }
        if (!e.isJsonObject()) {
            throw DadiffException.of(file, what + " is not a JSON object");
        }
        return e.getAsJsonObject();
    }

    /**
     * A one-line reason for a RuntimeException thrown while taking values out of a parsed object
     * (a key missing, or of the wrong type), without the JVM's wording.
     */
    public static String describeValueError(RuntimeException e) {
        if (e instanceof DadiffException || e instanceof IllegalArgumentException && !(e instanceof NumberFormatException)
                && e.getMessage() != null && !e.getMessage().startsWith("java.")) {
            return Problems.oneLine(e.getMessage());
        }
        return "a key is missing or has a value of the wrong type";
    }

    /** " (line L column C)" from a Gson syntax error, or "". */
    private static String where(Throwable ex) {
        Throwable t = ex.getCause() instanceof MalformedJsonException || ex.getCause() instanceof IOException
                ? ex.getCause() : ex;
        String m = t.getMessage();
        if (m == null) {
            return "";
        }
        java.util.regex.Matcher at = java.util.regex.Pattern.compile("line (\\d+) column (\\d+)").matcher(m);
        return at.find() ? " (at line " + at.group(1) + ", column " + at.group(2) + ")" : "";
    }
}
