package org.dadiff4j.web;

import java.util.Locale;
import java.util.Map;
import org.dadiff4j.DadiffException;
import org.dadiff4j.api.Settings;
import org.dadiff4j.pipeline.Method;

/** The settings of one job, as posted (form fields), checked into facade {@link Settings}. */
record JobRequest(Settings settings, String format) {

    static JobRequest parse(Map<String, String> form, ServeConfig config, java.util.Set<Integer> scales) {
        Settings.Builder b = Settings.builder().optSteps(config.steps);
        String method = form.getOrDefault("method", "dadiff");
        try {
            b.optMethod(Method.parse(method));
        } catch (DadiffException e) {
            throw new ApiException(400, e.getMessage());
        }
        int scale = integer(form, "scale", 4);
        if (!scales.contains(scale)) {
            throw new ApiException(400, "scale " + scale + " has no loaded model; choose one of " + scales);
        }
        b.optScale(scale);
        int steps = integer(form, "steps", config.steps);
        if (steps < 1 || steps > config.maxSteps) {
            throw new ApiException(400, "steps must be between 1 and " + config.maxSteps + ", got " + steps);
        }
        b.optSteps(steps);
        String strength = form.get("strength");
        if (strength != null && !strength.isBlank()) {
            b.optStrength(number(strength, "strength"));
        }
        String seed = form.get("seed");
        if (seed != null && !seed.isBlank()) {
            try {
                b.optSeed(Long.parseLong(seed.trim()));
            } catch (NumberFormatException e) {
                throw new ApiException(400, "seed must be a whole number, got '" + seed + "'");
            }
        }
        String format = form.getOrDefault("format", "png").toLowerCase(Locale.ROOT).trim();
        if (format.equals("jpeg")) {
            format = "jpg";
        } else if (format.equals("tiff")) {
            format = "tif";
        }
        if (!format.equals("png") && !format.equals("jpg") && !format.equals("tif")) {
            throw new ApiException(400, "format must be png, jpg or tif, got '" + format + "'");
        }
        try {
            return new JobRequest(b.build(), format);
        } catch (DadiffException e) {
            throw new ApiException(400, e.getMessage());
        }
    }

    private static int integer(Map<String, String> form, String name, int fallback) {
        String v = form.get(name);
        if (v == null || v.isBlank()) {
            return fallback;
        }
        try {
            return Integer.parseInt(v.trim());
        } catch (NumberFormatException e) {
            throw new ApiException(400, name + " must be a whole number, got '" + v + "'");
        }
    }

    private static double number(String v, String name) {
        try {
            return Double.parseDouble(v.trim());
        } catch (NumberFormatException e) {
            throw new ApiException(400, name + " must be a number, got '" + v + "'");
        }
    }
}
