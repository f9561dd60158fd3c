package id.atensi.local.demo;

import jakarta.json.Json;
import jakarta.json.JsonArray;
import jakarta.json.JsonObject;
import jakarta.json.JsonReader;
import jakarta.json.JsonStructure;
import jakarta.json.JsonValue;

import java.io.IOException;
import java.io.StringReader;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Predicate;
import java.util.stream.Collectors;

/**
 * The platform's public API as the demo loader calls it: JSON over HTTP through the gateway, as any client would.
 * It waits and retries where the API says to: 429 (after {@code Retry-After}) and a 422 for an id the service has not
 * heard of yet (events arrive within seconds; the API conventions tell a client to retry), for up to
 * {@link #EVENTUAL}. A gateway under load answers 502, 503 or 504 (or no answer comes): that is retried
 * {@link #OVERLOAD_RETRIES} times, waiting twice as long each time, and only where sending again cannot do a thing
 * twice. Any other unexpected answer fails with its status and problem.
 */
final class Gateway {

    private static final Duration TIMEOUT = Duration.ofSeconds(60);
    /** How long a referenced record may take to reach another service's read model before the load gives up. */
    private static final Duration EVENTUAL = Duration.ofSeconds(90);
    /**
     * Retries of one call the gateway answered 502/503/504 or that got no answer: with waits of 1, 2, 4, 8 and 16 s,
     * half a minute for a machine that was busy (a load average of 35 once made a read time out) before the load
     * stops and says which call failed; a load run again goes on from where it stopped.
     */
    static final int OVERLOAD_RETRIES = 5;
    private static final Duration FIRST_OVERLOAD_WAIT = Duration.ofSeconds(1);

    /** An answer: its status, body (parsed when JSON) and headers that matter here. */
    record Answer(int status, JsonValue body, Optional<String> location) {

        JsonObject object() {
            return body.asJsonObject();
        }

        JsonArray array() {
            return body.asJsonArray();
        }

        String id() {
            return object().getString("id");
        }
    }

    /** The load cannot go on: the call, the status and the problem it answered. */
    static final class Refused extends RuntimeException {
        final int status;

        Refused(String call, int status, String body) {
            super(call + " answered " + status + ": " + (body.length() > 600 ? body.substring(0, 600) + "…" : body));
            this.status = status;
        }
    }

    private final String url;
    private final Duration firstOverloadWait;
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    Gateway(String url) {
        this(url, FIRST_OVERLOAD_WAIT);
    }

    /** With another first wait after an overload answer (tests: milliseconds). */
    Gateway(String url, Duration firstOverloadWait) {
        this.url = url.endsWith("/") ? url.substring(0, url.length() - 1) : url;
        this.firstOverloadWait = firstOverloadWait;
    }

    Answer get(String token, String path, int... expected) {
        return send(token, "GET", path, null, null, null, expected);
    }

    Answer post(String token, String path, JsonStructure body, String idempotencyKey, int... expected) {
        return send(token, "POST", path, "application/json", body == null ? "" : body.toString(), idempotencyKey, expected);
    }

    Answer postText(String token, String path, String contentType, String body, int... expected) {
        return send(token, "POST", path, contentType, body, null, expected);
    }

    Answer put(String token, String path, JsonStructure body, int... expected) {
        return send(token, "PUT", path, "application/json", body.toString(), null, expected);
    }

    /** Every item of a paged list, page by page (size 200, the largest the API gives). */
    List<JsonObject> all(String token, String path, Map<String, String> filters) {
        List<JsonObject> items = new ArrayList<>();
        String query = filters.entrySet().stream()
                .map(filter -> filter.getKey() + "=" + URLEncoder.encode(filter.getValue(), StandardCharsets.UTF_8))
                .collect(Collectors.joining("&"));
        for (int page = 0; ; page++) {
            JsonObject answer = get(token, path + "?" + (query.isEmpty() ? "" : query + "&") + "size=200&page=" + page, 200).object();
            items.addAll(answer.getJsonArray("items").getValuesAs(JsonObject.class));
            if (items.size() >= answer.getInt("total") || answer.getJsonArray("items").isEmpty()) {
                return items;
            }
        }
    }

    private Answer send(String token, String method, String path, String contentType, String body, String idempotencyKey, int... expected) {
        long deadline = System.nanoTime() + EVENTUAL.toNanos();
        // A POST without a key that timed out may have been done: sent again it could be done twice.
        boolean repeatable = !method.equals("POST") || idempotencyKey != null;
        int attempt = 0;
        int overloaded = 0;
        while (true) {
            HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(url + path)).timeout(TIMEOUT)
                    .header("Authorization", "Bearer " + token).header("Accept", "application/json, application/problem+json");
            if (contentType != null) {
                request.header("Content-Type", contentType);
            }
            if (idempotencyKey != null) {
                request.header("Idempotency-Key", idempotencyKey);
            }
            request.method(method, body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(body));
            HttpResponse<String> answer;
            try {
                answer = http.send(request.build(), HttpResponse.BodyHandlers.ofString());
            } catch (IOException e) {
                if (repeatable && overloaded < OVERLOAD_RETRIES) {
                    pause(overloadWait(overloaded++));
                    continue;
                }
                throw new UncheckedIOException("the gateway at " + url + " did not answer " + method + " " + path
                        + (repeatable ? " (tried " + (overloaded + 1) + " times)" : "; not sent again, it may have been done"), e);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException("interrupted", e);
            }
            int status = answer.statusCode();
            for (int wanted : expected) {
                if (status == wanted) {
                    return new Answer(status, parse(answer.body()), answer.headers().firstValue("Location"));
                }
            }
            if (overload(status, repeatable)) {
                if (overloaded < OVERLOAD_RETRIES) {
                    Duration wait = overloadWait(overloaded++);
                    pause(retryAfter(answer).filter(after -> after.compareTo(wait) > 0).orElse(wait));
                    continue;
                }
                throw new Refused(method + " " + path + " (tried " + (overloaded + 1) + " times)", status, answer.body());
            }
            if (status == 502 || status == 504) {
                throw new Refused(method + " " + path + " (not sent again: it may have been done; a new load goes on from where this one stopped)",
                        status, answer.body());
            }
            attempt++;
            if (System.nanoTime() < deadline && (status == 429 || status == 422 && UNKNOWN_YET.test(body(answer)))) {
                pause(retryAfter(answer).orElse(Duration.ofMillis(Math.min(2_000, 200L * attempt))));
                continue;
            }
            throw new Refused(method + " " + path, status, answer.body());
        }
    }

    private static String body(HttpResponse<String> answer) {
        return answer.body() == null ? "" : answer.body();
    }

    /**
     * The gateway or a service too busy to answer: 503 (nothing was forwarded, or the service took nothing) always;
     * 502 and 504 (the service broke off or did not answer in time, and may have done the work) only where a repeat
     * is harmless: a read, a PUT, a POST with an Idempotency-Key.
     */
    private static boolean overload(int status, boolean repeatable) {
        return status == 503 || repeatable && (status == 502 || status == 504);
    }

    private Duration overloadWait(int retriesBefore) {
        return firstOverloadWait.multipliedBy(1L << retriesBefore);
    }

    /** The services' 422 for an id their read model has not heard of (yet); not a refusal by a rule. */
    private static final Predicate<String> UNKNOWN_YET = body -> {
        String lower = body.toLowerCase(java.util.Locale.ROOT);
        if (lower.contains("idempotency")) {
            return false;
        }
        if (lower.contains("\"rule\"")) {
            return lower.matches("(?s).*\"rule\"\\s*:\\s*\"unknown-.*");
        }
        return lower.contains("not know") || lower.contains("unknown") || lower.contains("(yet)");
    };

    private static Optional<Duration> retryAfter(HttpResponse<String> answer) {
        return answer.headers().firstValue("Retry-After").flatMap(value -> {
            try {
                return Optional.of(Duration.ofSeconds(Math.max(1, Long.parseLong(value.trim()))));
            } catch (NumberFormatException e) {
                return Optional.empty();
            }
        });
    }

    private static void pause(Duration duration) {
        try {
            Thread.sleep(duration.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted", e);
        }
    }

    private static JsonValue parse(String body) {
        if (body == null || body.isBlank()) {
            return JsonValue.NULL;
        }
        try (JsonReader reader = Json.createReader(new StringReader(body))) {
            return reader.readValue();
        } catch (RuntimeException e) {
            return Json.createValue(body);
        }
    }
}
