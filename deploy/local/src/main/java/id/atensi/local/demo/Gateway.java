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
 * It waits and retries where the API says to: 429 and 503 (after {@code Retry-After}), 502 and 504, and a 422 for an
 * id the service has not heard of yet (events arrive within seconds; the API conventions tell a client to retry).
 * Any other unexpected answer fails with its status and problem.
 */
final class Gateway {

    private static final Duration TIMEOUT = Duration.ofSeconds(60);
    /** How long a referenced record may take to reach another service's read model before the load gives up. */
    private static final Duration EVENTUAL = Duration.ofSeconds(90);

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
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    Gateway(String url) {
        this.url = url.endsWith("/") ? url.substring(0, url.length() - 1) : url;
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
                if (repeatable && System.nanoTime() < deadline) {
                    pause(Duration.ofSeconds(1));
                    continue;
                }
                throw new UncheckedIOException("the gateway at " + url + " did not answer " + method + " " + path, e);
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
            attempt++;
            if (System.nanoTime() < deadline && retryable(status, answer.body(), repeatable)) {
                pause(retryAfter(answer).orElse(Duration.ofMillis(Math.min(2_000, 200L * attempt))));
                continue;
            }
            throw new Refused(method + " " + path, status, answer.body());
        }
    }

    /**
     * Waits for what will pass: rate limits and a service that takes no requests now (neither did anything), a read model
     * not yet told of an id; and, where a repeat is harmless, a service that broke off or did not answer in time.
     */
    private static boolean retryable(int status, String body, boolean repeatable) {
        return status == 429 || status == 503 || status == 422 && UNKNOWN_YET.test(body) || repeatable && (status == 502 || status == 504);
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
