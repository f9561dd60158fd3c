package id.atensi.beneficiary.registry.service;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import id.atensi.beneficiary.registry.config.RegistryConfig;
import jakarta.enterprise.context.ApplicationScoped;

import java.io.IOException;
import java.net.URLDecoder;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * The standard's token path: a client-credentials request passed to the platform's identity provider (Keycloak),
 * whose clients are the organisations' credentials, and its answer given back in the standard's shape. Nothing is
 * kept; the secret only passes through.
 */
@ApplicationScoped
public class TokenForwarding {

    /** What the caller is answered: the HTTP status and the body, the standard's token or its HTTP error shape. */
    public record Answer(int status, ObjectNode body) {
    }

    private final RegistryConfig.Token config;
    private final ObjectMapper json;
    private final HttpClient client;

    TokenForwarding(RegistryConfig config, ObjectMapper json) {
        this.config = config.token();
        this.json = json;
        this.client = HttpClient.newBuilder().connectTimeout(this.config.timeout()).followRedirects(HttpClient.Redirect.NEVER).build();
    }

    public Answer token(String form, Optional<String> basicAuthorization) {
        Map<String, String> fields = parse(form == null ? "" : form);
        if (!"client_credentials".equals(fields.get("grant_type"))) {
            return error(400, "err.request.bad", "grant_type is client_credentials");
        }
        if (config.endpoint().isEmpty()) {
            return error(503, "err.service.unavailable", "the token endpoint is not configured (atensi.beneficiary.registry.token.endpoint)");
        }
        Map<String, String> forwarded = new LinkedHashMap<>();
        for (String name : new String[] {"grant_type", "client_id", "client_secret", "scope"}) {
            if (fields.containsKey(name)) {
                forwarded.put(name, fields.get(name));
            }
        }
        HttpRequest.Builder request = HttpRequest.newBuilder(config.endpoint().get()).timeout(config.timeout())
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString(encode(forwarded)));
        basicAuthorization.filter(value -> value.regionMatches(true, 0, "Basic ", 0, 6)).ifPresent(value -> request.header("Authorization", value));
        HttpResponse<String> response;
        try {
            response = client.send(request.build(), HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            return error(503, "err.service.unavailable", "the identity provider did not answer");
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return error(503, "err.service.unavailable", "interrupted waiting for the identity provider");
        }
        if (response.statusCode() == 400 || response.statusCode() == 401) {
            return error(401, "err.request.unauthorized", "the client id and secret were not accepted");
        }
        if (response.statusCode() != 200) {
            return error(503, "err.service.unavailable", "the identity provider answered " + response.statusCode());
        }
        try {
            JsonNode token = json.readTree(response.body());
            ObjectNode body = JsonNodeFactory.instance.objectNode();
            body.put("access_token", token.path("access_token").asText());
            body.put("token_type", token.path("token_type").asText("Bearer"));
            body.put("expires_in", token.path("expires_in").asText());
            return new Answer(200, body);
        } catch (IOException e) {
            return error(503, "err.service.unavailable", "the identity provider's answer is not JSON");
        }
    }

    private static Answer error(int status, String code, String message) {
        ObjectNode body = JsonNodeFactory.instance.objectNode();
        body.putArray("errors").addObject().put("code", code).put("message", message);
        return new Answer(status, body);
    }

    private static Map<String, String> parse(String form) {
        Map<String, String> fields = new LinkedHashMap<>();
        for (String pair : form.split("&")) {
            int equals = pair.indexOf('=');
            if (equals > 0) {
                fields.put(URLDecoder.decode(pair.substring(0, equals), StandardCharsets.UTF_8), URLDecoder.decode(pair.substring(equals + 1), StandardCharsets.UTF_8));
            }
        }
        return fields;
    }

    private static String encode(Map<String, String> fields) {
        return fields.entrySet().stream().map(field -> URLEncoder.encode(field.getKey(), StandardCharsets.UTF_8) + "="
                + URLEncoder.encode(field.getValue(), StandardCharsets.UTF_8)).collect(Collectors.joining("&"));
    }
}
