package id.atensi.gateway.openapi;

import io.vertx.core.http.HttpHeaders;
import io.vertx.ext.web.Router;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

/**
 * Serves the merged document at {@code /q/openapi}, where clients and Swagger UI look for a Quarkus
 * service's document; the gateway's own (nearly empty) one is moved to {@code /q/openapi-gateway}.
 */
@ApplicationScoped
public class OpenApiRoute {

    public static final String PATH = "/q/openapi";

    void register(@Observes Router router, MergedOpenApi merged) {
        router.get(PATH).handler(ctx -> {
            boolean yaml = "yaml".equalsIgnoreCase(ctx.request().getParam("format"));
            merged.current()
                    .onSuccess(snapshot -> ctx.response()
                            .putHeader(HttpHeaders.CONTENT_TYPE, yaml ? "application/yaml;charset=UTF-8" : "application/json;charset=UTF-8")
                            .end(yaml ? snapshot.yaml() : snapshot.json()))
                    .onFailure(ctx::fail);
        });
    }
}
