package id.atensi.local;

import jakarta.json.Json;
import jakarta.json.JsonObject;
import org.junit.jupiter.api.Test;

import java.io.StringReader;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The realm definition the launcher and the tests import: deploy/keycloak/atensi-realm.json with its placeholders filled. */
class RealmDefinitionTest {

    private static final Map<String, String> VALUES = Map.of(
            "ATENSI_CONSOLE_REDIRECT_URI", "http://localhost:8080/*",
            "ATENSI_MOBILE_REDIRECT_URI", "id.atensi.mobile:/oauth2redirect",
            "ATENSI_KEYCLOAK_PARTNER_SERVICE_SECRET", "a \"quoted\" \\ secret");

    @Test
    void everyPlaceholderIsFilledAndTheResultIsJsonWithTheValuesAsGiven() {
        String definition = KeycloakAdmin.realmDefinition(VALUES);
        // ${username} and the like are Keycloak's own message keys in the user profile, not ours to fill.
        assertFalse(definition.contains("${ATENSI_"), "a placeholder is left");
        JsonObject realm = Json.createReader(new StringReader(definition)).readObject();
        assertEquals("atensi", realm.getString("realm"));
        JsonObject partnerService = realm.getJsonArray("clients").getValuesAs(JsonObject.class).stream()
                .filter(client -> client.getString("clientId").equals("atensi-partner-service")).findFirst().orElseThrow();
        assertEquals("a \"quoted\" \\ secret", partnerService.getString("secret"));
        JsonObject console = realm.getJsonArray("clients").getValuesAs(JsonObject.class).stream()
                .filter(client -> client.getString("clientId").equals("atensi-console")).findFirst().orElseThrow();
        assertEquals("http://localhost:8080/*", console.getJsonArray("redirectUris").getString(0));
        assertEquals("S256", console.getJsonObject("attributes").getString("pkce.code.challenge.method"));
        assertTrue(console.getBoolean("publicClient"));
        assertFalse(console.getBoolean("directAccessGrantsEnabled"), "the realm's own clients never take passwords");
    }

    @Test
    void aPlaceholderWithoutAValueIsRefusedNamingIt() {
        IllegalArgumentException refused = assertThrows(IllegalArgumentException.class,
                () -> KeycloakAdmin.realmDefinition(Map.of("ATENSI_CONSOLE_REDIRECT_URI", "http://localhost:8080/*")));
        assertTrue(refused.getMessage().contains("ATENSI_"), refused.getMessage());
    }

    @Test
    void theRealmCarriesItsSecurityPolicies() {
        JsonObject realm = Json.createReader(new StringReader(KeycloakAdmin.realmDefinition(VALUES))).readObject();
        assertTrue(realm.getBoolean("bruteForceProtected"));
        assertTrue(realm.getString("passwordPolicy").contains("length(12)"), realm.getString("passwordPolicy"));
        assertEquals(300, realm.getInt("accessTokenLifespan"));
        assertEquals("atensi", realm.getJsonArray("defaultDefaultClientScopes").getString(0));
    }
}
