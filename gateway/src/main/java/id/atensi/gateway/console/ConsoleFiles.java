package id.atensi.gateway.console;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URL;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.zip.Deflater;
import java.util.zip.GZIPOutputStream;

/**
 * The console's files (module {@code console}, {@code META-INF/resources/console/} of its jar) as the gateway sends
 * them: each read once from the class path, with its gzip form made once at the best level, so that a load costs the
 * gateway no compression work and the proxied API answers none at all (the gateway's compression stays off: its CPU
 * per proxied request is a benchmarked goal). The files do not change while the gateway runs; the cache holds only
 * files that exist, so its size is the console's.
 */
final class ConsoleFiles {

    static final String RESOURCES = "META-INF/resources/console/";
    /**
     * A file's path below /console/: segments of letters, digits, '.', '_' and '-' not starting with '.', so that no
     * path leaves the console's directory; only the kinds of file the console has, each with its type.
     */
    private static final Pattern NAME = Pattern.compile("(?:[A-Za-z0-9_-][A-Za-z0-9._-]*/)*[A-Za-z0-9_-][A-Za-z0-9._-]*\\.(html|js|css|json|csv|md)");
    private static final Map<String, String> TYPES = Map.of(
            "html", "text/html;charset=UTF-8",
            "js", "text/javascript;charset=UTF-8",
            "css", "text/css;charset=UTF-8",
            "json", "application/json;charset=UTF-8",
            "csv", "text/csv;charset=UTF-8",
            "md", "text/markdown;charset=UTF-8");

    /** One file: its bytes, its gzip form when that is smaller, and a validator per form. */
    record File(String contentType, byte[] plain, byte[] gzip, String etag, String gzipEtag) {

        boolean compressible() {
            return gzip != null;
        }
    }

    private final ClassLoader loader;
    private final Map<String, File> loaded = new ConcurrentHashMap<>();

    ConsoleFiles(ClassLoader loader) {
        this.loader = loader;
    }

    /** The file a path below /console/ names ("" is the page), if the console has it and its kind is served here. */
    static Optional<String> name(String below) {
        String name = below.isEmpty() ? "index.html" : below;
        return NAME.matcher(name).matches() ? Optional.of(name) : Optional.empty();
    }

    /** Already read: answered without touching the class path (the event loop must not block). */
    Optional<File> cached(String name) {
        return Optional.ofNullable(loaded.get(name));
    }

    /** Reads and compresses a file the first time it is asked for; blocking. */
    Optional<File> load(String name) {
        File known = loaded.get(name);
        if (known != null) {
            return Optional.of(known);
        }
        URL resource = loader.getResource(RESOURCES + name);
        if (resource == null) {
            return Optional.empty();
        }
        byte[] plain;
        try (InputStream in = resource.openStream()) {
            plain = in.readAllBytes();
        } catch (IOException e) {
            throw new UncheckedIOException("console file " + name + " could not be read", e);
        }
        byte[] gzip = gzip(plain);
        String hash = HexFormat.of().formatHex(sha256(plain), 0, 12);
        Matcher kind = NAME.matcher(name);
        kind.matches();
        File file = new File(TYPES.get(kind.group(1)), plain, gzip.length < plain.length ? gzip : null,
                "\"" + hash + "\"", "\"" + hash + "-gzip\"");
        loaded.put(name, file);
        return Optional.of(file);
    }

    /**
     * Whether an Accept-Encoding header takes gzip: named (or x-gzip) with a weight above 0, or, when not named,
     * "*" with a weight above 0.
     */
    static boolean acceptsGzip(String acceptEncoding) {
        if (acceptEncoding == null) {
            return false;
        }
        Double gzip = null;
        Double any = null;
        for (String part : acceptEncoding.split(",")) {
            String[] pieces = part.split(";");
            String coding = pieces[0].trim().toLowerCase(Locale.ROOT);
            double weight = 1;
            for (int i = 1; i < pieces.length; i++) {
                String parameter = pieces[i].trim().toLowerCase(Locale.ROOT);
                if (parameter.startsWith("q=")) {
                    try {
                        weight = Double.parseDouble(parameter.substring(2));
                    } catch (NumberFormatException e) {
                        weight = 0;
                    }
                }
            }
            if (coding.equals("gzip") || coding.equals("x-gzip")) {
                gzip = weight;
            } else if (coding.equals("*")) {
                any = weight;
            }
        }
        return gzip != null ? gzip > 0 : any != null && any > 0;
    }

    private static byte[] gzip(byte[] plain) {
        ByteArrayOutputStream out = new ByteArrayOutputStream(plain.length / 3 + 64);
        try (GZIPOutputStream gzip = new GZIPOutputStream(out) {
            {
                def.setLevel(Deflater.BEST_COMPRESSION);
            }
        }) {
            gzip.write(plain);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.toByteArray();
    }

    private static byte[] sha256(byte[] bytes) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(bytes);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
