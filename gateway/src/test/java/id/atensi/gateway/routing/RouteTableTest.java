package id.atensi.gateway.routing;

import id.atensi.gateway.config.GatewayConfig;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.RequestOptions;
import org.junit.jupiter.api.Test;

import java.net.URI;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class RouteTableTest {

    @Test
    void longerPrefixesAreTriedFirst() {
        RouteTable table = new RouteTable(Map.of(
                "aid", service("http://aid:8080", "/api/v1/aid"),
                "reports", service("http://reports:8080", "/api/v1/aid/reports")));
        assertEquals(List.of("/api/v1/aid/reports", "/api/v1/aid"), table.routes().stream().map(RouteTable.Route::prefix).toList());
        assertEquals("reports", table.routes().get(0).upstream().name());
    }

    @Test
    void servicesAreOrderedByName() {
        RouteTable table = new RouteTable(Map.of(
                "training", service("http://t:1", "/api/v1/training"),
                "aid", service("http://a:1", "/api/v1/aid"),
                "partner", service("http://p:1", "/api/v1/partners")));
        assertEquals(List.of("aid", "partner", "training"), table.upstreams().stream().map(Upstream::name).toList());
    }

    @Test
    void prefixClaimedByTwoServicesStopsTheStart() {
        IllegalArgumentException failure = assertThrows(IllegalArgumentException.class, () -> new RouteTable(Map.of(
                "aid", service("http://aid:8080", "/api/v1/aid"),
                "other", service("http://other:8080", "/api/v1/aid/"))));
        assertTrue(failure.getMessage().contains("/api/v1/aid"), failure.getMessage());
    }

    @Test
    void wildcardPrefixIsRejected() {
        assertThrows(IllegalArgumentException.class, () -> new RouteTable(Map.of("aid", service("http://aid:8080", "/api/*"))));
    }

    @Test
    void urlThatIsNotHttpIsRejected() {
        assertThrows(IllegalArgumentException.class, () -> new RouteTable(Map.of("aid", service("ftp://aid", "/api/v1/aid"))));
    }

    @Test
    void pathOfTheBaseUrlGoesInFrontOfTheForwardedPath() {
        Upstream upstream = Upstream.of("aid", URI.create("https://apps.example/aid/"));
        RequestOptions options = upstream.request(HttpMethod.GET, "/api/v1/aid/programmes", "page=1");
        assertEquals("/aid/api/v1/aid/programmes?page=1", options.getURI());
        assertEquals(443, options.getPort());
        assertTrue(options.isSsl());
    }

    private static GatewayConfig.Service service(String url, String... prefixes) {
        return new GatewayConfig.Service() {
            @Override
            public URI url() {
                return URI.create(url);
            }

            @Override
            public List<String> prefixes() {
                return List.of(prefixes);
            }

            @Override
            public java.util.Optional<java.time.Duration> timeout() {
                return java.util.Optional.empty();
            }
        };
    }
}
