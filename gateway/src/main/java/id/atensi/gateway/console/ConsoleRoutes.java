package id.atensi.gateway.console;

import id.atensi.gateway.config.GatewayConfig;
import id.atensi.gateway.request.RequestTarget;
import id.atensi.gateway.security.SecurityHeaders;
import io.quarkus.vertx.http.runtime.filters.Filters;
import io.vertx.core.http.HttpHeaders;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;

import java.net.URI;

/**
 * The web console (module {@code console}): its files are static resources of a dependency jar
 * ({@code META-INF/resources/console/}), which Quarkus serves; this class adds what the files cannot say
 * themselves. {@code /console/config.json} tells the page where to log in (the realm's public URL, the same one
 * Swagger UI's "Authorize" uses) and as which client; {@code /console} leads to {@code /console/}; and every
 * answer under {@code /console/} gets a page's Content-Security-Policy (scripts, styles and calls only from the
 * gateway itself, plus calls to the realm for tokens) and {@code Cache-Control: no-cache}: the files' names carry
 * no version, so a browser must ask again (an unchanged file answers 304) or it could mix two releases' scripts.
 */
@ApplicationScoped
public class ConsoleRoutes {

    public static final String PATH = "/console";
    /** The realm's public client for front-ends (deploy/keycloak/atensi-realm.json): code flow with PKCE, no secret. */
    public static final String CLIENT_ID = "atensi-console";
    public static final String CACHE_CONTROL = "no-cache";

    /** Below SecurityHeaders (3000), whose head-time handler reads the policy this filter leaves in the context. */
    private static final int PRIORITY = 2900;

    private final String issuer;
    private final String policy;

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

    void filter(@Observes Filters filters) {
        filters.register(this::headers, PRIORITY);
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
    }

    private void headers(RoutingContext ctx) {
        String path = RequestTarget.path(ctx);
        if (path != null && path.startsWith(PATH + "/")) {
            ctx.put(SecurityHeaders.PAGE_POLICY, policy);
            ctx.addHeadersEndHandler(ignored -> ctx.response().headers().set(HttpHeaders.CACHE_CONTROL, CACHE_CONTROL));
        }
        ctx.next();
    }

    private void config(RoutingContext ctx) {
        ctx.response().putHeader(HttpHeaders.CONTENT_TYPE, "application/json;charset=UTF-8")
                .end(new JsonObject().put("issuer", issuer).put("clientId", CLIENT_ID).encode());
    }
}
