package id.atensi.local;

import jakarta.json.Json;
import jakarta.json.JsonArray;
import jakarta.json.JsonObject;
import jakarta.json.JsonObjectBuilder;
import jakarta.json.JsonReader;
import jakarta.json.JsonString;

import java.io.IOException;
import java.io.InputStream;
import java.io.StringReader;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * What the launcher and the tests ask of Keycloak's admin REST API: the ATENSI realm from its definition in the
 * repository, local clients and users, tokens. Plain JSON over HTTP; an unexpected answer fails with its status
 * and body.
 */
public final class KeycloakAdmin {

    public static final String REALM = "atensi";
    /** The realm's definition, with {@code ${NAME}} placeholders filled in at import (deploy/keycloak/atensi-realm.json). */
    public static final String REALM_RESOURCE = "/keycloak/atensi-realm.json";

    private static final Pattern PLACEHOLDER = Pattern.compile("\\$\\{([A-Z0-9_]+)}");
    private static final Duration TIMEOUT = Duration.ofSeconds(30);

    private final String url;
    private final String username;
    private final String password;
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private String adminToken;
    private long adminTokenExpiresAt;

    KeycloakAdmin(String url, String username, String password) {
        this.url = url;
        this.username = username;
        this.password = password;
    }

    /** The realm definition with each {@code ${NAME}} replaced; a placeholder without a value is an error. */
    public static String realmDefinition(Map<String, String> values) {
        String template;
        try (InputStream in = KeycloakAdmin.class.getResourceAsStream(REALM_RESOURCE)) {
            if (in == null) {
                throw new IllegalStateException(REALM_RESOURCE + " is not on the classpath");
            }
            template = new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        Matcher placeholder = PLACEHOLDER.matcher(template);
        StringBuilder filled = new StringBuilder();
        while (placeholder.find()) {
            String value = values.get(placeholder.group(1));
            if (value == null) {
                throw new IllegalArgumentException("no value for the realm placeholder ${" + placeholder.group(1) + "}");
            }
            placeholder.appendReplacement(filled, Matcher.quoteReplacement(jsonStringContent(value)));
        }
        placeholder.appendTail(filled);
        return filled.toString();
    }

    /**
     * Imports the realm unless it exists. An existing realm is left as it is, as Keycloak's operator does: a changed
     * definition reaches it through a reset (local) or Keycloak's admin console.
     *
     * @return whether the realm was created now
     */
    public boolean ensureRealm(String definition) {
        if (send(authorised("/admin/realms/" + REALM).GET(), 200, 404).statusCode() == 200) {
            return false;
        }
        send(authorised("/admin/realms").header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(definition)), 201);
        return true;
    }

    /**
     * A public client that may exchange a user's password for tokens. Only for local use (the launcher's
     * {@code ./atensi tokens} and the tests): the realm in the repository has no such client.
     */
    public void ensurePasswordClient(String clientId, Duration accessTokenLifespan) {
        if (clientUuid(clientId).isPresent()) {
            return;
        }
        JsonObject client = Json.createObjectBuilder()
                .add("clientId", clientId)
                .add("description", "Local only: passwords exchanged for tokens, for curl and tests")
                .add("publicClient", true)
                .add("standardFlowEnabled", false)
                .add("directAccessGrantsEnabled", true)
                .add("attributes", Json.createObjectBuilder().add("access.token.lifespan", String.valueOf(accessTokenLifespan.toSeconds())))
                .add("defaultClientScopes", Json.createArrayBuilder().add("atensi"))
                .build();
        send(authorised("/admin/realms/" + REALM + "/clients").header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(client.toString())), 201);
    }

    /**
     * A confidential client with a service account holding one realm role, made unless it exists.
     *
     * @param representation the client as Keycloak's admin API takes it (clientId, scopes, mappers)
     * @return the client's secret
     */
    public String ensureServiceAccountClient(JsonObject representation, String role) {
        String clientId = representation.getString("clientId");
        if (clientUuid(clientId).isEmpty()) {
            JsonObject client = Json.createObjectBuilder(representation)
                    .add("publicClient", false)
                    .add("serviceAccountsEnabled", true)
                    .add("standardFlowEnabled", false)
                    .add("directAccessGrantsEnabled", false)
                    .build();
            send(authorised("/admin/realms/" + REALM + "/clients").header("Content-Type", "application/json")
                    .POST(HttpRequest.BodyPublishers.ofString(client.toString())), 201);
        }
        String uuid = clientUuid(clientId).orElseThrow(() -> new IllegalStateException("Keycloak created client " + clientId + " but cannot find it"));
        String serviceAccount = object(send(authorised("/admin/realms/" + REALM + "/clients/" + uuid + "/service-account-user").GET(), 200).body())
                .getString("id");
        JsonObject roleRepresentation = object(send(authorised("/admin/realms/" + REALM + "/roles/" + role).GET(), 200).body());
        send(authorised("/admin/realms/" + REALM + "/users/" + serviceAccount + "/role-mappings/realm").header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(Json.createArrayBuilder().add(roleRepresentation).build().toString())), 204);
        return object(send(authorised("/admin/realms/" + REALM + "/clients/" + uuid + "/client-secret").GET(), 200).body()).getString("value");
    }

    /**
     * Lets a client send users back to one more redirect URI, unless it may already. With the client's web origins
     * at {@code +}, the URI's origin may then also call the token endpoint from a browser: a redirect URI known only
     * once a port is chosen (a test's gateway) cannot be in the realm's definition.
     */
    public void addRedirectUri(String clientId, String redirectUri) {
        String uuid = clientUuid(clientId).orElseThrow(() -> new IllegalArgumentException("no client " + clientId + " in realm " + REALM));
        JsonObject client = object(send(authorised("/admin/realms/" + REALM + "/clients/" + uuid).GET(), 200).body());
        JsonArray redirectUris = client.getJsonArray("redirectUris");
        if (redirectUris != null && redirectUris.getValuesAs(JsonString::getString).contains(redirectUri)) {
            return;
        }
        JsonObject updated = Json.createObjectBuilder(client)
                .add("redirectUris", Json.createArrayBuilder(redirectUris == null ? JsonArray.EMPTY_JSON_ARRAY : redirectUris).add(redirectUri))
                .build();
        send(authorised("/admin/realms/" + REALM + "/clients/" + uuid).header("Content-Type", "application/json")
                .PUT(HttpRequest.BodyPublishers.ofString(updated.toString())), 204);
    }

    /**
     * A user with one realm role and the given attributes ({@code unit_id}, {@code partner_id}), made or brought up
     * to date; the password is set when the user is made.
     *
     * @return the user's id (the {@code sub} of its tokens)
     */
    public String ensureUser(String name, String userPassword, String role, Map<String, String> attributes) {
        JsonObjectBuilder attributeValues = Json.createObjectBuilder();
        attributes.forEach((key, value) -> attributeValues.add(key, Json.createArrayBuilder().add(value)));
        JsonObject user = Json.createObjectBuilder()
                .add("username", name)
                .add("enabled", true)
                .add("email", name + "@atensi.local")
                .add("emailVerified", true)
                .add("firstName", name)
                .add("lastName", role)
                .add("attributes", attributeValues)
                .build();
        Optional<String> existing = userId(name);
        String id;
        if (existing.isPresent()) {
            id = existing.get();
            send(authorised("/admin/realms/" + REALM + "/users/" + id).header("Content-Type", "application/json")
                    .PUT(HttpRequest.BodyPublishers.ofString(user.toString())), 204);
        } else {
            send(authorised("/admin/realms/" + REALM + "/users").header("Content-Type", "application/json")
                    .POST(HttpRequest.BodyPublishers.ofString(user.toString())), 201);
            id = userId(name).orElseThrow(() -> new IllegalStateException("Keycloak created user " + name + " but cannot find it"));
            // Set once: the realm's password history refuses setting the same password again.
            JsonObject credential = Json.createObjectBuilder().add("type", "password").add("value", userPassword).add("temporary", false).build();
            send(authorised("/admin/realms/" + REALM + "/users/" + id + "/reset-password").header("Content-Type", "application/json")
                    .PUT(HttpRequest.BodyPublishers.ofString(credential.toString())), 204);
        }
        JsonObject roleRepresentation = object(send(authorised("/admin/realms/" + REALM + "/roles/" + role).GET(), 200).body());
        send(authorised("/admin/realms/" + REALM + "/users/" + id + "/role-mappings/realm").header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(Json.createArrayBuilder().add(roleRepresentation).build().toString())), 204);
        return id;
    }

    /**
     * Makes a new RSA signing key the realm's active one (a higher priority than any before); the older keys stay
     * published for the tokens they signed. What an operator does when rotating keys.
     */
    public void rotateSigningKey(int priority) {
        String realmId = object(send(authorised("/admin/realms/" + REALM).GET(), 200).body()).getString("id");
        JsonObject component = Json.createObjectBuilder()
                .add("name", "rsa-rotated-" + priority)
                .add("providerId", "rsa-generated")
                .add("providerType", "org.keycloak.keys.KeyProvider")
                .add("parentId", realmId)
                .add("config", Json.createObjectBuilder()
                        .add("priority", Json.createArrayBuilder().add(String.valueOf(priority)))
                        .add("algorithm", Json.createArrayBuilder().add("RS256")))
                .build();
        send(authorised("/admin/realms/" + REALM + "/components").header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(component.toString())), 201);
    }

    /** An access token for a user, through a client made by {@link #ensurePasswordClient}. */
    public String passwordToken(String clientId, String user, String userPassword) {
        return token(Map.of("grant_type", "password", "client_id", clientId, "username", user, "password", userPassword));
    }

    /** An access token for a confidential client's service account. */
    public String clientCredentialsToken(String clientId, String secret) {
        return token(Map.of("grant_type", "client_credentials", "client_id", clientId, "client_secret", secret));
    }

    private String token(Map<String, String> form) {
        HttpResponse<String> answer = send(HttpRequest.newBuilder(URI.create(url + "/realms/" + REALM + "/protocol/openid-connect/token"))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString(form(form))), 200);
        return object(answer.body()).getString("access_token");
    }

    /** The client ids of the realm's clients whose display name contains {@code text}, for checking what is left. */
    public List<String> clientIdsNamedWith(String text) {
        JsonArray clients = array(send(authorised("/admin/realms/" + REALM + "/clients?first=0&max=10000").GET(), 200).body());
        return clients.getValuesAs(JsonObject.class).stream()
                .filter(client -> client.getString("name", "").contains(text))
                .map(client -> client.getString("clientId"))
                .toList();
    }

    private Optional<String> userId(String name) {
        JsonArray users = array(send(authorised("/admin/realms/" + REALM + "/users?exact=true&username="
                + URLEncoder.encode(name, StandardCharsets.UTF_8)).GET(), 200).body());
        return users.isEmpty() ? Optional.empty() : Optional.of(users.getJsonObject(0).getString("id"));
    }

    private Optional<String> clientUuid(String clientId) {
        JsonArray clients = array(send(authorised("/admin/realms/" + REALM + "/clients?clientId="
                + URLEncoder.encode(clientId, StandardCharsets.UTF_8)).GET(), 200).body());
        return clients.isEmpty() ? Optional.empty() : Optional.of(clients.getJsonObject(0).getString("id"));
    }

    private HttpRequest.Builder authorised(String path) {
        return HttpRequest.newBuilder(URI.create(url + path)).timeout(TIMEOUT).header("Authorization", "Bearer " + adminToken());
    }

    private synchronized String adminToken() {
        if (adminToken == null || System.currentTimeMillis() > adminTokenExpiresAt) {
            HttpResponse<String> answer = send(HttpRequest.newBuilder(URI.create(url + "/realms/master/protocol/openid-connect/token"))
                    .header("Content-Type", "application/x-www-form-urlencoded")
                    .POST(HttpRequest.BodyPublishers.ofString(form(Map.of("grant_type", "password", "client_id", "admin-cli",
                            "username", username, "password", password)))), 200);
            JsonObject token = object(answer.body());
            adminToken = token.getString("access_token");
            // Renewed a little before it expires, so that a request never carries a token that lapses in flight.
            adminTokenExpiresAt = System.currentTimeMillis() + (token.getInt("expires_in") - 15) * 1000L;
        }
        return adminToken;
    }

    private HttpResponse<String> send(HttpRequest.Builder request, int... expected) {
        HttpRequest built = request.timeout(TIMEOUT).build();
        HttpResponse<String> answer;
        try {
            answer = http.send(built, HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            throw new UncheckedIOException("Keycloak at " + url + " did not answer " + built.method() + " " + built.uri().getPath(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while calling Keycloak", e);
        }
        for (int status : expected) {
            if (answer.statusCode() == status) {
                return answer;
            }
        }
        String body = answer.body();
        throw new IllegalStateException("Keycloak answered " + built.method() + " " + built.uri().getPath() + " with " + answer.statusCode()
                + ": " + (body.length() > 500 ? body.substring(0, 500) + "…" : body));
    }

    private static String form(Map<String, String> fields) {
        return new LinkedHashMap<>(fields).entrySet().stream()
                .map(field -> URLEncoder.encode(field.getKey(), StandardCharsets.UTF_8) + "=" + URLEncoder.encode(field.getValue(), StandardCharsets.UTF_8))
                .collect(Collectors.joining("&"));
    }

    private static JsonObject object(String json) {
        try (JsonReader reader = Json.createReader(new StringReader(json))) {
            return reader.readObject();
        }
    }

    private static JsonArray array(String json) {
        try (JsonReader reader = Json.createReader(new StringReader(json))) {
            return reader.readArray();
        }
    }

    /** The characters of a JSON string literal for {@code value}, without its quotes. */
    private static String jsonStringContent(String value) {
        String quoted = Json.createValue(value).toString();
        return quoted.substring(1, quoted.length() - 1);
    }
}
