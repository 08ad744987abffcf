package org.dadiff4j.data;

import com.google.gson.Gson;
import com.google.gson.GsonBuilder;
import com.google.gson.JsonParseException;
import java.io.IOException;
import java.io.Reader;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.dadiff4j.DadiffException;
import org.dadiff4j.degrade.Degraded;

/** {@code manifest.json} of a data set: where every crop came from and how each LR image was made. */
public final class Manifest {

    static final String FILE = "manifest.json";
    private static final Gson GSON = new GsonBuilder().setPrettyPrinting().create();

    public String recipe;
    public int cropSize;
    /** Photos were shrunk by this factor (antialiased) before cropping; 1 means not at all. */
    public double prescale;
    public long seed;
    public int[] scales;
    public List<Entry> entries = new ArrayList<>();

    /** One HR crop and its LR versions. */
    public static final class Entry {
        /** File name shared by {@code HR/} and {@code LR/x<scale>/}. */
        public String name;
        public String source;
        /** {x, y, width, height} in the source after prescaling. */
        public int[] box;
        /** Degradation parameters per scale key ("x4"); the per-sample seed is inside. */
        public Map<String, Degraded.Params> lr = new LinkedHashMap<>();
    }

    public void write(Path dir) {
        Path f = dir.resolve(FILE);
        try (Writer w = Files.newBufferedWriter(f, StandardCharsets.UTF_8)) {
            GSON.toJson(this, w);
        } catch (IOException e) {
            throw DadiffException.of(f, "cannot write: " + e.getMessage(), e);
        }
    }

    public static Manifest read(Path dir) {
        Path f = dir.resolve(FILE);
        try (Reader r = Files.newBufferedReader(f, StandardCharsets.UTF_8)) {
            Manifest m = GSON.fromJson(r, Manifest.class);
            if (m == null || m.entries == null) {
                throw DadiffException.of(f, "empty manifest");
            }
            return m;
        } catch (IOException e) {
            throw DadiffException.of(f, "cannot read: " + e.getMessage(), e);
        } catch (JsonParseException e) {
            throw DadiffException.of(f, "not a valid manifest: " + e.getMessage(), e);
        }
    }
}
