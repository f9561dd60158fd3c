package id.atensi.gateway.request;

import io.vertx.ext.web.RoutingContext;

import java.net.URI;
import java.net.URISyntaxException;
import java.util.Locale;

/**
 * Whether a request's target (the URI of its request line) is one the gateway can read and pass on unchanged,
 * and its normalised path when it is. Everything that reads the path goes through {@link #path}, because Vert.x
 * throws on a target it cannot decode, and an answer about a broken target must not break itself.
 */
public final class RequestTarget {

    private static final String PATH_KEY = "atensi.request-target.path";
    private static final String PROBLEM_KEY = "atensi.request-target.problem";
    /** Cached in place of a path when the target is unusable. */
    private static final Object UNUSABLE = new Object();
    /** Cached in place of a problem when there is none. */
    private static final Object NONE = new Object();

    /**
     * The characters java.net.URI takes in a path (RFC 2396's unreserved, ":@&=+$," ";" and "/") and in a query
     * (those, "?", and the "[" "]" it allows there), apart from '%', which must start an escape.
     */
    private static final boolean[] PATH = new boolean[128];
    private static final boolean[] QUERY = new boolean[128];

    static {
        String path = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_.!~*'():@&=+$,;/";
        for (int i = 0; i < path.length(); i++) {
            PATH[path.charAt(i)] = true;
            QUERY[path.charAt(i)] = true;
        }
        QUERY['?'] = true;
        QUERY['['] = true;
        QUERY[']'] = true;
    }

    private RequestTarget() {
    }

    /**
     * Why the request target cannot be used, for the caller, or null when it can. The rules are RFC 9112's:
     * a path starting with '/' (or an absolute http(s) URI), visible ASCII only, valid RFC 3986 syntax, no
     * fragment. Netty hands the gateway each byte of the request line as one character, so a raw UTF-8 byte
     * would reach a service re-encoded as two characters it cannot parse: such targets stop here.
     */
    public static String problemWith(RoutingContext ctx) {
        Object problem = ctx.get(PROBLEM_KEY);
        if (problem == null) {
            problem = check(ctx);
            ctx.put(PROBLEM_KEY, problem == null ? NONE : problem);
        }
        return problem == NONE ? null : (String) problem;
    }

    private static String check(RoutingContext ctx) {
        String problem = problemWith(ctx.request().uri());
        if (problem != null) {
            return problem;
        }
        try {
            ctx.normalizedPath();
        } catch (RuntimeException e) {
            return "The request target's path cannot be decoded.";
        }
        return null;
    }

    /** The syntax part of {@link #problemWith(RoutingContext)}: null when {@code uri} is a target the gateway can pass on. */
    static String problemWith(String uri) {
        if (uri == null || uri.isEmpty()) {
            return "The request line has no target.";
        }
        for (int i = 0; i < uri.length(); i++) {
            char c = uri.charAt(i);
            if (c <= 0x20 || c >= 0x7f) {
                return "The request target may hold visible ASCII characters only; percent-encode anything else (RFC 3986).";
            }
        }
        if (uri.charAt(0) != '/' && !isAbsoluteHttpUri(uri)) {
            return "The request target must be a path starting with '/' or an absolute http(s) URI.";
        }
        if (uri.indexOf('#') >= 0) {
            return "The request target must not carry a fragment ('#').";
        }
        // A scan of the usual origin-form target answers at a fraction of what parsing it as a java.net.URI cost on
        // every request; anything it does not take (an authority after "//", an absolute URI, a character outside
        // its sets) is left to java.net.URI, whose verdict it only ever repeats (RequestTargetTest compares them).
        if (!isPlainOriginForm(uri)) {
            try {
                new URI(uri);
            } catch (URISyntaxException e) {
                return "The request target is not a valid URI (RFC 3986): percent-encode characters such as '\"', '<', '>',"
                        + " '\\', '^', '`', '{', '|' and '}', and follow every '%' by two hexadecimal digits.";
            }
        }
        return null;
    }

    /** A path starting with one '/' and an optional query, each of the characters java.net.URI takes there. */
    static boolean isPlainOriginForm(String uri) {
        if (uri.length() < 1 || uri.charAt(0) != '/' || (uri.length() > 1 && uri.charAt(1) == '/')) {
            return false;
        }
        boolean[] allowed = PATH;
        for (int i = 0; i < uri.length(); i++) {
            char c = uri.charAt(i);
            if (c == '%') {
                if (i + 2 >= uri.length() || !isHex(uri.charAt(i + 1)) || !isHex(uri.charAt(i + 2))) {
                    return false;
                }
                i += 2;
            } else if (c == '?' && allowed == PATH) {
                allowed = QUERY;
            } else if (c >= 128 || !allowed[c]) {
                return false;
            }
        }
        return true;
    }

    private static boolean isHex(char c) {
        return (c >= '0' && c <= '9') || (c >= 'a' && c <= 'f') || (c >= 'A' && c <= 'F');
    }

    /** The request's normalised path, or null when its target is unusable (see {@link #problemWith}). */
    public static String path(RoutingContext ctx) {
        Object path = ctx.get(PATH_KEY);
        if (path == null) {
            path = problemWith(ctx) == null ? ctx.normalizedPath() : UNUSABLE;
            ctx.put(PATH_KEY, path);
        }
        return path == UNUSABLE ? null : (String) path;
    }

    private static boolean isAbsoluteHttpUri(String uri) {
        String start = uri.substring(0, Math.min(uri.length(), 8)).toLowerCase(Locale.ROOT);
        return start.startsWith("http://") || start.startsWith("https://");
    }
}
