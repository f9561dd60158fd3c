package id.atensi.gateway.metrics;

import io.micrometer.core.instrument.Timer;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.vertx.core.http.HttpMethod;
import org.junit.jupiter.api.Test;

import java.time.Duration;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;

class HttpServerTimersTest {

    private final SimpleMeterRegistry registry = new SimpleMeterRegistry();
    private final HttpServerTimers timers = new HttpServerTimers(registry);

    private Timer timer(String method, String uri, String status, String outcome) {
        Timer timer = registry.find(HttpServerTimers.NAME).tags("method", method, "uri", uri, "status", status, "outcome", outcome).timer();
        assertNotNull(timer, () -> "no timer " + method + " " + uri + " " + status + " " + outcome + " among " + registry.getMetersAsString());
        return timer;
    }

    @Test
    void eachAnswerIsTimedUnderItsMethodRouteStatusAndOutcome() {
        timers.record(HttpMethod.GET, "/api/v1/beneficiaries/{path}", 200, true, Duration.ofMillis(3).toNanos());
        timers.record(HttpMethod.GET, "/api/v1/beneficiaries/{path}", 200, true, Duration.ofMillis(5).toNanos());
        timers.record(HttpMethod.POST, "/api/v1/beneficiaries/{path}", 429, true, Duration.ofMillis(1).toNanos());
        timers.record(HttpMethod.GET, "/api/v1/aid/{path}", 503, true, Duration.ofMillis(2).toNanos());

        Timer reads = timer("GET", "/api/v1/beneficiaries/{path}", "200", "SUCCESS");
        assertEquals(2, reads.count());
        assertEquals(8.0, reads.totalTime(java.util.concurrent.TimeUnit.MILLISECONDS), 0.001);
        assertEquals(1, timer("POST", "/api/v1/beneficiaries/{path}", "429", "CLIENT_ERROR").count());
        assertEquals(1, timer("GET", "/api/v1/aid/{path}", "503", "SERVER_ERROR").count());
        assertEquals(3, registry.find(HttpServerTimers.NAME).timers().size());
    }

    @Test
    void anAnswerCutOffBeforeItsEndIsAResetNotItsStatus() {
        // Nothing was sent yet: the response still says 200
        timers.record(HttpMethod.GET, "/api/v1/beneficiaries/{path}", 200, false, Duration.ofSeconds(30).toNanos());

        assertEquals(1, timer("GET", "/api/v1/beneficiaries/{path}", "RESET", "CLIENT_ERROR").count());
        assertEquals(1, registry.find(HttpServerTimers.NAME).timers().size());
    }

    @Test
    void inventedMethodsAndUnknownQPathsShareOneSeriesEach() {
        timers.record(HttpMethod.valueOf("BREW"), "/api/v1/aid/{path}", 405, true, 1_000);
        timers.record(HttpMethod.valueOf("WHEN"), "/api/v1/aid/{path}", 405, true, 1_000);
        // Anonymous requests for /q/ paths nobody serves are refused (401) before any route: still one series
        timers.record(HttpMethod.GET, "/q/nothing-here", 401, true, 1_000);
        timers.record(HttpMethod.GET, "/q/nor-here/*", 401, true, 1_000);
        timers.record(HttpMethod.GET, "/q/health/*", 200, true, 1_000);
        timers.record(HttpMethod.GET, "/q/metrics", 200, true, 1_000);

        assertEquals(2, timer("OTHER", "/api/v1/aid/{path}", "405", "CLIENT_ERROR").count());
        assertEquals(2, timer("GET", "/q/{other}", "401", "CLIENT_ERROR").count());
        assertEquals(1, timer("GET", "/q/health/*", "200", "SUCCESS").count());
        assertEquals(1, timer("GET", "/q/metrics", "200", "SUCCESS").count());
        assertEquals(4, registry.find(HttpServerTimers.NAME).timers().size());
    }
}
