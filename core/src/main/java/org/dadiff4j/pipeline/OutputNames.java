package org.dadiff4j.pipeline;

import java.util.Locale;

/**
 * How a batch names its outputs and their sidecars, so that every front end (the {@code dadiff}
 * command, the Spark job) writes the same files for the same inputs and can resume the other's work.
 *
 * <p>An input's <i>name</i> is its path below the folder given (or its file name for a file given
 * alone), without its extension: {@code trip/beach.jpg} under {@code photos/} is {@code trip/beach}.
 * Its output is the name, the suffix ({@code _x4} by default) and an extension that keeps the input's
 * format where it can be written ({@code trip/beach_x4.jpg}); the sidecar adds {@code .json}.
 */
public final class OutputNames {

    private OutputNames() {}

    /** The default suffix of a scale: {@code _x4}. */
    public static String defaultSuffix(int scale) {
        return "_x" + scale;
    }

    /**
     * @param name the input's relative name without extension ({@link #stem})
     * @param inputFile the input's file name (or path), whose extension picks the output's
     * @param suffix null: {@link #defaultSuffix}
     * @param extension "png", "jpg" or "tif"; null: {@link #extensionFor} the input
     */
    public static String output(String name, String inputFile, String suffix, String extension, int scale) {
        return name + (suffix != null ? suffix : defaultSuffix(scale)) + "." + (extension != null ? extension : extensionFor(inputFile));
    }

    /** The sidecar of an output: {@code beach_x4.jpg.json}. */
    public static String sidecar(String output) {
        return output + ".json";
    }

    /** The output extension that keeps an input's format where it can be written: jpg, tif, else png. */
    public static String extensionFor(String inputFile) {
        String n = inputFile.toLowerCase(Locale.ROOT);
        if (n.endsWith(".jpg") || n.endsWith(".jpeg")) {
            return "jpg";
        }
        if (n.endsWith(".tif") || n.endsWith(".tiff")) {
            return "tif";
        }
        return "png";
    }

    /** The extension of a format's name: png; jpg for jpg or jpeg; tif for tif or tiff; null for any other. */
    public static String extensionOfFormat(String format) {
        switch (format.toLowerCase(Locale.ROOT)) {
            case "png":
                return "png";
            case "jpg":
            case "jpeg":
                return "jpg";
            case "tif":
            case "tiff":
                return "tif";
            default:
                return null;
        }
    }

    /** Whether a file name has one of the extensions read as images ({@link Inputs#EXTENSIONS}, any case). */
    public static boolean isImage(String fileName) {
        String n = fileName.substring(fileName.lastIndexOf('/') + 1).toLowerCase(Locale.ROOT);
        int dot = n.lastIndexOf('.');
        return dot > 0 && Inputs.EXTENSIONS.contains(n.substring(dot + 1));
    }

    /** A relative path without its extension ({@code a/b.c/d.png} gives {@code a/b.c/d}). */
    public static String stem(String relativePath) {
        int dot = relativePath.lastIndexOf('.');
        int slash = relativePath.lastIndexOf('/');
        return dot > slash && dot > 0 ? relativePath.substring(0, dot) : relativePath;
    }
}
