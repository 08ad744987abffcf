package org.dadiff4j.eval;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import org.dadiff4j.DadiffException;
import org.dadiff4j.pipeline.Method;
import org.dadiff4j.api.Settings;
import org.dadiff4j.models.SelfEnsemble;

/**
 * A method with some settings changed, written {@code method@key=value@key=value}: e.g.
 * {@code dadiff@alpha=0.1}, {@code dadiff@perturb=false@alpha=1.0}. Keys: {@code alpha},
 * {@code perturb}, {@code reread}, {@code steps}, {@code strength}, {@code eta}, {@code sigma_y}, {@code ensemble}; only those the method uses. A value
 * list {@code key=a/b/c} expands to one variant per value (several lists: every combination), so
 * {@code dadiff@alpha=0.1/0.3/0.5/1.0} is an alpha sweep. The label, the normalised spelling, names
 * the variant's output folder and its table row.
 *
 * @param label e.g. {@code dadiff@alpha=0.1}
 * @param method the method
 * @param overrides key to normalised value, in the order written
 */
public record MethodVariant(String label, Method method, Map<String, String> overrides) {

    private static final List<String> KEYS = List.of("alpha", "perturb", "reread", "steps", "strength", "eta", "sigma_y", "ensemble");

    public MethodVariant {
        overrides = Collections.unmodifiableMap(new LinkedHashMap<>(overrides));
    }

    /** Parses a comma-separated list, expanding value lists; labels must be unique. */
    public static List<MethodVariant> parseList(String spec) {
        List<MethodVariant> out = new ArrayList<>();
        Set<String> labels = new LinkedHashSet<>();
        for (String item : spec.split(",")) {
            if (item.isBlank()) {
                continue;
            }
            for (MethodVariant v : expand(item.trim())) {
                if (!labels.add(v.label)) {
                    throw new DadiffException("method '" + v.label + "' is listed twice");
                }
                out.add(v);
            }
        }
        if (out.isEmpty()) {
            throw new DadiffException("no method given (e.g. --methods bicubic,restore,ddnm,dadiff)");
        }
        return out;
    }

    /** One item, expanded over its value lists. */
    public static List<MethodVariant> expand(String item) {
        String[] parts = item.split("@");
        Method method = Method.parse(parts[0]);
        List<Map<String, String>> combos = new ArrayList<>();
        combos.add(new LinkedHashMap<>());
        for (int i = 1; i < parts.length; i++) {
            int eq = parts[i].indexOf('=');
            if (eq <= 0) {
                throw new DadiffException("method '" + item + "': expected key=value after '@', got '" + parts[i] + "'");
            }
            String key = parts[i].substring(0, eq).trim().toLowerCase(Locale.ROOT).replace('-', '_');
            checkKey(item, method, key);
            List<Map<String, String>> next = new ArrayList<>();
            for (String raw : parts[i].substring(eq + 1).split("/", -1)) {
                String value = normalise(item, key, raw.trim());
                for (Map<String, String> c : combos) {
                    if (c.containsKey(key)) {
                        throw new DadiffException("method '" + item + "': " + key + " is given twice");
                    }
                    Map<String, String> m = new LinkedHashMap<>(c);
                    m.put(key, value);
                    next.add(m);
                }
            }
            combos = next;
        }
        List<MethodVariant> out = new ArrayList<>();
        for (Map<String, String> c : combos) {
            StringBuilder label = new StringBuilder(method.cliName());
            c.forEach((k, v) -> label.append('@').append(k).append('=').append(v));
            out.add(new MethodVariant(label.toString(), method, c));
        }
        return out;
    }

    /** The value of {@code key}, or null when this variant keeps the run's setting. */
    public String get(String key) {
        return overrides.get(key);
    }

    /**
     * {@code base} with this variant's method and overrides.
     *
     * @throws org.dadiff4j.SettingsException where they do not go together (a strength with official)
     */
    public Settings apply(Settings base) {
        Settings.Builder s = base.toBuilder().optMethod(method);
        overrides.forEach((k, v) -> {
            switch (k) {
                case "alpha" -> s.optAlpha(Float.parseFloat(v));
                case "perturb" -> s.optPerturb(Boolean.parseBoolean(v));
                case "reread" -> s.optReread(Boolean.parseBoolean(v));
                case "steps" -> s.optSteps(Integer.parseInt(v));
                case "strength" -> s.optStrength(Double.parseDouble(v));
                case "eta" -> s.optEta(Float.parseFloat(v));
                case "sigma_y" -> s.optSigmaY(Float.parseFloat(v));
                case "ensemble" -> s.optEnsemble(Integer.parseInt(v));
                default -> throw new IllegalStateException("unhandled key " + k);
            }
        });
        return s.build();
    }

    private static void checkKey(String item, Method method, String key) {
        if (key.equals("official")) {
            throw new DadiffException("method '" + item + "': official applies to the whole run (--official)");
        }
        if (!KEYS.contains(key)) {
            throw new DadiffException("method '" + item + "': unknown key '" + key + "' (choose from " + String.join(", ", KEYS) + ")");
        }
        if (!Settings.builder().optMethod(method).build().describe().containsKey(key)) {
            throw new DadiffException("method '" + item + "': " + method.cliName() + " does not use " + key);
        }
    }

    private static String normalise(String item, String key, String raw) {
        try {
            switch (key) {
                case "perturb":
                case "reread":
                    if (!raw.equalsIgnoreCase("true") && !raw.equalsIgnoreCase("false")) {
                        throw new NumberFormatException();
                    }
                    return raw.toLowerCase(Locale.ROOT);
                case "steps":
                    int steps = Integer.parseInt(raw);
                    check(steps >= 1 && steps <= 1000);
                    return Integer.toString(steps);
                case "ensemble":
                    int n = Integer.parseInt(raw);
                    check(SelfEnsemble.isSize(n));
                    return Integer.toString(n);
                case "strength":
                    double strength = Double.parseDouble(raw);
                    check(strength >= 0 && strength <= 1);
                    return Double.toString(strength);
                default:
                    float f = Float.parseFloat(raw);
                    check(f >= 0 && f <= 10);
                    return Float.toString(f);
            }
        } catch (NumberFormatException e) {
            throw new DadiffException("method '" + item + "': bad value '" + raw + "' for " + key
                    + (key.equals("perturb") || key.equals("reread") ? " (true or false)" : key.equals("steps") ? " (1 to 1000)"
                    : key.equals("strength") ? " (0 to 1)" : key.equals("ensemble") ? " (1, 2, 4 or 8)" : " (0 to 10)"));
        }
    }

    private static void check(boolean ok) {
        if (!ok) {
            throw new NumberFormatException();
        }
    }
}
