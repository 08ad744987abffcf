package org.dadiff4j.image;

import java.awt.color.ColorSpace;
import java.awt.color.ICC_ColorSpace;
import java.awt.color.ICC_Profile;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Iterator;
import java.util.zip.DataFormatException;
import java.util.zip.Deflater;
import java.util.zip.Inflater;
import javax.imageio.ImageReadParam;
import javax.imageio.ImageReader;
import javax.imageio.ImageTypeSpecifier;
import javax.imageio.plugins.tiff.TIFFDirectory;
import javax.imageio.plugins.tiff.TIFFField;

/**
 * Carries an input's ICC colour profile to its output, as Real-ESRGAN's users expect: the pixels
 * stay the values stored in the file (the networks work on those, as Real-ESRGAN does on what
 * OpenCV decodes), and the output embeds the same profile bytes (PNG iCCP, JPEG APP2, TIFF tag
 * 34675), so a colour-managed viewer shows it in the input's colours. Only RGB and gray profiles
 * that match the picture's channels are carried; other colour spaces (CMYK, YCCK, Lab) are
 * converted to sRGB on reading, and an output without a profile means sRGB.
 */
final class IccProfiles {

    /** Profiles larger than this are not carried (real ones are a few hundred bytes to a few MB). */
    private static final int MAX_BYTES = 16 << 20;
    private static final byte[] JPEG_TAG = "ICC_PROFILE\0".getBytes(StandardCharsets.ISO_8859_1);

    private IccProfiles() {}

    /** True where {@code profile} is a valid RGB (3 channels) or gray (1 channel) profile. */
    static boolean fits(byte[] profile, int channels) {
        try {
            ICC_Profile p = ICC_Profile.getInstance(profile);
            int type = p.getColorSpaceType();
            return channels == 3 ? type == ColorSpace.TYPE_RGB : channels == 1 && type == ColorSpace.TYPE_GRAY;
        } catch (RuntimeException e) { // IllegalArgumentException, CMMException, ProfileDataException
            return false;
        }
    }

    /** The colour space of a picture with {@code profile} (null: sRGB, or Java's gray). */
    static ColorSpace colorSpace(byte[] profile, boolean gray) {
        if (profile == null) {
            return ColorSpace.getInstance(gray ? ColorSpace.CS_GRAY : ColorSpace.CS_sRGB);
        }
        return new ICC_ColorSpace(ICC_Profile.getInstance(profile));
    }

    /**
     * The profile of a decoded colour space whose values are kept as stored: null for Java's own
     * sRGB and gray (what an image without a profile decodes to), else its profile's bytes.
     */
    static byte[] ofColorSpace(ColorSpace cs) {
        if (!(cs instanceof ICC_ColorSpace) || cs.isCS_sRGB() || cs == ColorSpace.getInstance(ColorSpace.CS_GRAY)) {
            return null;
        }
        return ((ICC_ColorSpace) cs).getProfile().getData();
    }

    /**
     * Read parameters that make a JPEG decoder return the stored values of an RGB or gray image
     * with an embedded profile (TwelveMonkeys otherwise converts them to sRGB); null for the defaults.
     */
    static ImageReadParam storedValues(ImageReader reader) {
        try {
            return storedValuesType(reader);
        } catch (IOException | RuntimeException e) {
            return null; // reading with the defaults reports what is wrong with the file
        }
    }

    private static ImageReadParam storedValuesType(ImageReader reader) throws IOException {
        ImageTypeSpecifier raw = reader.getRawImageType(0);
        if (raw == null) {
            return null;
        }
        ColorSpace cs = raw.getColorModel().getColorSpace();
        int type = cs.getType();
        if (ofColorSpace(cs) == null || (type != ColorSpace.TYPE_RGB && type != ColorSpace.TYPE_GRAY)) {
            return null;
        }
        for (Iterator<ImageTypeSpecifier> it = reader.getImageTypes(0); it.hasNext(); ) {
            if (it.next().equals(raw)) {
                ImageReadParam param = reader.getDefaultReadParam();
                param.setDestinationType(raw);
                return param;
            }
        }
        return null;
    }

    /**
     * The profile embedded in a PNG (iCCP), JPEG (APP2) or TIFF (tag 34675, from {@code reader}'s
     * metadata) file, byte for byte, or null. Decoders drop the profile (PNG) or hand back an
     * altered copy (the TIFF reader's colour space), so the bytes come from the file.
     */
    static byte[] read(Path file, String format, ImageReader reader) {
        if (format.startsWith("tif")) { // the JDK's reader calls itself "tif"
            try {
                TIFFField f = TIFFDirectory.createFromMetadata(reader.getImageMetadata(0)).getTIFFField(34675);
                return f == null || f.getCount() > MAX_BYTES ? null : f.getAsBytes();
            } catch (IOException | RuntimeException e) {
                return null;
            }
        }
        try (InputStream in = new java.io.BufferedInputStream(Files.newInputStream(file))) {
            DataInputStream data = new DataInputStream(in);
            return format.equals("png") ? fromPng(data) : format.equals("jpeg") ? fromJpeg(data) : null;
        } catch (IOException | DataFormatException e) {
            return null; // the decoder has read the file; a damaged profile is left behind
        }
    }

    private static byte[] fromPng(DataInputStream in) throws IOException, DataFormatException {
        in.skipNBytes(8);
        while (true) {
            int length = in.readInt();
            String type = new String(in.readNBytes(4), StandardCharsets.ISO_8859_1);
            if (type.equals("IDAT") || type.equals("IEND") || length < 0 || length > MAX_BYTES) {
                return null;
            }
            if (!type.equals("iCCP")) {
                in.skipNBytes(length + 4L);
                continue;
            }
            byte[] chunk = in.readNBytes(length);
            int nul = 0;
            while (nul < chunk.length && chunk[nul] != 0) {
                nul++;
            }
            if (nul + 2 > chunk.length || chunk[nul + 1] != 0) {
                return null; // no name terminator, or a compression method other than zlib
            }
            Inflater inflater = new Inflater();
            try {
                inflater.setInput(chunk, nul + 2, chunk.length - nul - 2);
                ByteArrayOutputStream out = new ByteArrayOutputStream();
                byte[] buf = new byte[8192];
                while (!inflater.finished()) {
                    int n = inflater.inflate(buf);
                    if (n == 0 && (inflater.needsInput() || inflater.needsDictionary())) {
                        return null;
                    }
                    out.write(buf, 0, n);
                    if (out.size() > MAX_BYTES) {
                        return null;
                    }
                }
                return out.toByteArray();
            } finally {
                inflater.end();
            }
        }
    }

    /** APP2 "ICC_PROFILE" segments before the first scan, joined in their sequence order. */
    private static byte[] fromJpeg(DataInputStream in) throws IOException {
        if (in.readUnsignedShort() != 0xFFD8) {
            return null;
        }
        byte[][] parts = null;
        try {
            while (true) {
                int marker = in.readUnsignedShort();
                if ((marker & 0xFF00) != 0xFF00 || marker == 0xFFDA || marker == 0xFFD9) {
                    break;
                }
                int length = in.readUnsignedShort() - 2;
                if (length < 0) {
                    break;
                }
                if (marker != 0xFFE2 || length < JPEG_TAG.length + 2) {
                    in.skipNBytes(length);
                    continue;
                }
                byte[] seg = in.readNBytes(length);
                if (!Arrays.equals(seg, 0, JPEG_TAG.length, JPEG_TAG, 0, JPEG_TAG.length)) {
                    continue;
                }
                int seq = seg[JPEG_TAG.length] & 0xFF;
                int count = seg[JPEG_TAG.length + 1] & 0xFF;
                if (parts == null) {
                    parts = new byte[count][];
                }
                if (count != parts.length || seq < 1 || seq > count) {
                    return null;
                }
                parts[seq - 1] = Arrays.copyOfRange(seg, JPEG_TAG.length + 2, seg.length);
            }
        } catch (EOFException e) {
            return null;
        }
        if (parts == null || parts.length == 0) {
            return null;
        }
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        for (byte[] p : parts) {
            if (p == null) {
                return null;
            }
            out.write(p);
        }
        return out.toByteArray();
    }

    /** {@code png} with an iCCP chunk holding {@code profile} right after its IHDR chunk. */
    static byte[] insertPng(byte[] png, byte[] profile) {
        Deflater deflater = new Deflater(Deflater.BEST_COMPRESSION);
        ByteArrayOutputStream z = new ByteArrayOutputStream();
        try {
            deflater.setInput(profile);
            deflater.finish();
            byte[] buf = new byte[8192];
            while (!deflater.finished()) {
                z.write(buf, 0, deflater.deflate(buf));
            }
        } finally {
            deflater.end();
        }
        byte[] name = "ICC profile\0\0".getBytes(StandardCharsets.ISO_8859_1); // name, NUL, method 0
        byte[] data = Arrays.copyOf(name, name.length + z.size());
        System.arraycopy(z.toByteArray(), 0, data, name.length, z.size());
        byte[] chunk = Exif.pngChunk("iCCP", data);
        return Exif.splice(png, 33, chunk); // signature (8) + IHDR chunk (25)
    }
}
