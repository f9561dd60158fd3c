package id.atensi.gateway.console;

import id.atensi.gateway.config.GatewayConfig;
import id.atensi.gateway.request.RequestTarget;
import id.atensi.gateway.security.SecurityHeaders;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpHeaders;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.core.http.HttpServerResponse;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import jakarta.inject.Singleton;

import java.net.URI;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.time.temporal.ChronoUnit;
import java.util.Locale;
import java.util.Optional;

/**
 * The web console (module {@code console}): its files are static resources of a dependency jar
 * ({@code META-INF/resources/console/}), which Quarkus serves; this class adds what the files cannot say
 * themselves. {@code /console/config.json} tells the page where to log in (the realm's public URL, the same one
 * Swagger UI's "Authorize" uses) and as which client; {@code /console} leads to {@code /console/}; and every
 * answer under {@code /console/} gets a page's Content-Security-Policy (scripts, styles and calls only from the
 * gateway itself, plus calls to the realm for tokens) and {@code Cache-Control: no-cache}: the files' names carry
 * no version, so a browser must ask again (an unchanged file answers 304) or it could mix two releases' scripts.
 * The files themselves are sent from {@link ConsoleFiles}: gzip-compressed when the browser takes it ({@code Vary:
 * Accept-Encoding}), each form with its own {@code ETag}, and {@code Last-Modified} the gateway's start (the files
 * cannot change while it runs). Files the console does not have go on to Quarkus, whose answer is a 404 problem.
 */
@Singleton
public class ConsoleRoutes {

    public static final String PATH = "/console";
    /** The realm's public client for front-ends (deploy/keycloak/atensi-realm.json): code flow with PKCE, no secret. */
    public static final String CLIENT_ID = "atensi-console";
    public static final String CACHE_CONTROL = "no-cache";

    /** An HTTP date (RFC 9110, IMF-fixdate): the day of the month always in two digits, which RFC_1123 does not do. */
    private static final DateTimeFormatter HTTP_DATE = DateTimeFormatter.ofPattern("EEE, dd MMM yyyy HH:mm:ss 'GMT'", Locale.ENGLISH);

    private final String issuer;
    private final String policy;
    private final ConsoleFiles files = new ConsoleFiles(ConsoleRoutes.class.getClassLoader());
    private final Instant started = Instant.now().truncatedTo(ChronoUnit.SECONDS);
    private final String lastModified = HTTP_DATE.format(started.atZone(ZoneOffset.UTC));

    @Inject
    public ConsoleRoutes(GatewayConfig config) {
        URI realm = config.identity().issuer();
        this.issuer = realm.toString().replaceAll("/+$", "");
        this.policy = policy(realm);
    }

    /**
     * Nothing inline and nothing from elsewhere, except the token requests to the realm ({@code connect-src}); the
     * login itself is a navigation, which the policy does not restrict. Images from {@code blob:} and {@code data:}
     * let a proof photo be previewed before it is sent.
     */
    static String policy(URI realm) {
        String origin = realm.getScheme() + "://" + realm.getRawAuthority();
        return "default-src 'none'; script-src 'self'; style-src 'self'; img-src 'self' data: blob:; connect-src 'self' "
                + origin + "; form-action 'self'; base-uri 'none'; frame-ancestors 'none'";
    }

    void routes(@Observes Router router) {
        // Vert.x matches "/console/" to this route too; that one is the static page's.
        router.get(PATH).handler(ctx -> {
            if (PATH.equals(ctx.request().path())) {
                ctx.response().setStatusCode(301).putHeader(HttpHeaders.LOCATION, PATH + "/").end();
            } else {
                ctx.next();
            }
        });
        router.get(PATH + "/config.json").handler(this::config);
        router.route(PATH + "/*").method(HttpMethod.GET).method(HttpMethod.HEAD).handler(this::file);
    }

    private void file(RoutingContext ctx) {
        String path = ctx.normalizedPath();
        Optional<String> name = path.startsWith(PATH + "/") ? ConsoleFiles.name(path.substring(PATH.length() + 1)) : Optional.empty();
        if (name.isEmpty()) {
            ctx.next();
            return;
        }
        Optional<ConsoleFiles.File> cached = files.cached(name.get());
        if (cached.isPresent()) {
            send(ctx, cached.get());
            return;
        }
        ctx.vertx().executeBlocking(() -> files.load(name.get()), false).onComplete(loaded -> {
            if (loaded.failed()) {
                ctx.fail(loaded.cause());
            } else if (loaded.result().isEmpty()) {
                ctx.next();
            } else {
                send(ctx, loaded.result().get());
            }
        });
    }

    private void send(RoutingContext ctx, ConsoleFiles.File file) {
        boolean gzip = file.compressible() && ConsoleFiles.acceptsGzip(ctx.request().getHeader(HttpHeaders.ACCEPT_ENCODING));
        String etag = gzip ? file.gzipEtag() : file.etag();
        HttpServerResponse response = ctx.response()
                .putHeader(HttpHeaders.VARY, "Accept-Encoding")
                .putHeader(HttpHeaders.ETAG, etag)
                .putHeader(HttpHeaders.LAST_MODIFIED, lastModified);
        if (notModified(ctx.request(), etag)) {
            response.setStatusCode(304).end();
            return;
        }
        byte[] body = gzip ? file.gzip() : file.plain();
        response.putHeader(HttpHeaders.CONTENT_TYPE, file.contentType());
        if (gzip) {
            response.putHeader(HttpHeaders.CONTENT_ENCODING, "gzip");
        }
        if (ctx.request().method() == HttpMethod.HEAD) {
            response.putHeader(HttpHeaders.CONTENT_LENGTH, String.valueOf(body.length)).end();
        } else {
            response.end(Buffer.buffer(body));
        }
    }

    /** RFC 9110's order: If-None-Match decides when sent (weak comparison), else If-Modified-Since. */
    private boolean notModified(HttpServerRequest request, String etag) {
        String ifNoneMatch = request.getHeader(HttpHeaders.IF_NONE_MATCH);
        if (ifNoneMatch != null) {
            for (String tag : ifNoneMatch.split(",")) {
                String candidate = tag.trim();
                if (candidate.equals("*") || (candidate.startsWith("W/") ? candidate.substring(2) : candidate).equals(etag)) {
                    return true;
                }
            }
            return false;
        }
        String since = request.getHeader(HttpHeaders.IF_MODIFIED_SINCE);
        if (since == null) {
            return false;
        }
        try {
            return !started.isAfter(ZonedDateTime.parse(since.trim(), DateTimeFormatter.RFC_1123_DATE_TIME).toInstant());
        } catch (DateTimeParseException e) {
            return false;
        }
    }

    /**
     * The console's policy and caching for its pages: a step of RequestPipeline, after SecurityHeaders', whose
     * head-time handler reads the policy left in the context here.
     */
    public void headers(RoutingContext ctx) {
        String path = RequestTarget.path(ctx);
        if (path != null && path.startsWith(PATH + "/")) {
            ctx.put(SecurityHeaders.PAGE_POLICY, policy);
            ctx.addHeadersEndHandler(ignored -> ctx.response().headers().set(HttpHeaders.CACHE_CONTROL, CACHE_CONTROL));
        }
    }

    private void config(RoutingContext ctx) {
        ctx.response().putHeader(HttpHeaders.CONTENT_TYPE, "application/json;charset=UTF-8")
                .end(new JsonObject().put("issuer", issuer).put("clientId", CLIENT_ID).encode());
    }
}
