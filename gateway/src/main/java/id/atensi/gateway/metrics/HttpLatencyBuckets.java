package id.atensi.gateway.metrics;

import io.micrometer.core.instrument.Meter;
import io.micrometer.core.instrument.config.MeterFilter;
import io.micrometer.core.instrument.distribution.DistributionStatisticConfig;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Singleton;

/**
 * Histogram buckets for the HTTP server timer, so that Prometheus can compute the gateway's p99 latency per route
 * ({@code histogram_quantile} over {@code http_server_requests_seconds_bucket}); Quarkus publishes only count, sum
 * and max by default. The same bounds as platform-commons' for the services (the gateway does not depend on it). A fixed set of eleven bounds, from 5 ms to 10 s, instead of Micrometer's ~70 percentile
 * buckets: the alert thresholds (0.5 s, 2 s) sit on bounds, and the series count stays small (routes × statuses × 12).
 */
@Singleton
public class HttpLatencyBuckets {

    static final double[] BOUNDS_SECONDS = {0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2, 5, 10};

    @Produces
    @Singleton
    MeterFilter httpServerLatencyBuckets() {
        return new MeterFilter() {
            @Override
            public DistributionStatisticConfig configure(Meter.Id id, DistributionStatisticConfig config) {
                if (!id.getName().equals("http.server.requests")) {
                    return config;
                }
                double[] nanos = new double[BOUNDS_SECONDS.length];
                for (int i = 0; i < nanos.length; i++) {
                    nanos[i] = BOUNDS_SECONDS[i] * 1e9; // a timer's bounds are in nanoseconds
                }
                return DistributionStatisticConfig.builder().serviceLevelObjectives(nanos).build().merge(config);
            }
        };
    }
}
