package id.atensi.gateway.security;

import io.smallrye.config.PropertiesConfigSource;
import io.smallrye.config.SmallRyeConfig;
import io.smallrye.config.SmallRyeConfigBuilder;
import org.junit.jupiter.api.Test;

import java.util.HashMap;
import java.util.Map;
import java.util.Set;

import static org.junit.jupiter.api.Assertions.assertEquals;

/** Which roles KnownTokenForwarding may let through without Quarkus' permission check. */
class PlatformPermissionsTest {

    private static final Map<String, String> GATEWAY = Map.of(
            "quarkus.http.auth.policy.platform-role.roles-allowed", "admin,officer,viewer",
            "quarkus.http.auth.permission.platform.paths", "/*",
            "quarkus.http.auth.permission.platform.policy", "platform-role",
            "quarkus.http.auth.permission.public.paths", "/q/health,/q/metrics",
            "quarkus.http.auth.permission.public.policy", "permit",
            "%dev.quarkus.http.auth.permission.dev-ui.paths", "/q/dev-ui",
            "%dev.quarkus.http.auth.permission.dev-ui.policy", "permit");

    private static Set<String> roles(Map<String, String> base, Map<String, String> extra) {
        Map<String, String> properties = new HashMap<>(base);
        properties.putAll(extra);
        SmallRyeConfig config = new SmallRyeConfigBuilder().withProfile("prod")
                .withSources(new PropertiesConfigSource(properties, "test", 100)).build();
        return PlatformPermissions.rolesAdmittedEverywhere(config);
    }

    @Test
    void theGatewaysPermissionsAdmitThePlatformRolesEverywhere() {
        assertEquals(Set.of("admin", "officer", "viewer"), roles(GATEWAY, Map.of()));
        assertEquals(Set.of("admin", "officer", "viewer"), roles(GATEWAY, Map.of(
                "quarkus.http.auth.permission.\"quoted.name\".paths", "/x/*",
                "quarkus.http.auth.permission.\"quoted.name\".policy", "permit")));
    }

    @Test
    void anyStricterPermissionLeavesNothingToSkip() {
        assertEquals(Set.of(), roles(GATEWAY, Map.of(
                "quarkus.http.auth.permission.aid.paths", "/api/v1/aid/*",
                "quarkus.http.auth.permission.aid.policy", "deny")));
        assertEquals(Set.of(), roles(GATEWAY, Map.of(
                "quarkus.http.auth.policy.admins.roles-allowed", "admin",
                "quarkus.http.auth.permission.aid.paths", "/api/v1/aid/*",
                "quarkus.http.auth.permission.aid.policy", "admins")));
        assertEquals(Set.of(), roles(GATEWAY, Map.of(
                "%prod.quarkus.http.auth.permission.aid.paths", "/api/v1/aid/*",
                "%prod.quarkus.http.auth.permission.aid.policy", "authenticated")));
        assertEquals(Set.of(), roles(GATEWAY, Map.of("quarkus.http.auth.policy.platform-role.roles-allowed", "**")));
    }

    @Test
    void aPermissionLimitedToSomeMethodsOrOneMechanismLeavesNothingToSkip() {
        // Quarkus denies the path's other methods, and a bearer token where another mechanism is named
        assertEquals(Set.of(), roles(GATEWAY, Map.of("quarkus.http.auth.permission.public.methods", "POST")));
        assertEquals(Set.of(), roles(GATEWAY, Map.of("quarkus.http.auth.permission.platform.auth-mechanism", "basic")));
        assertEquals(Set.of(), roles(GATEWAY, Map.of("QUARKUS_HTTP_AUTH_PERMISSION_PLATFORM_METHODS", "GET")));
        assertEquals(Set.of("admin", "officer", "viewer"), roles(GATEWAY,
                Map.of("%dev.quarkus.http.auth.permission.dev-ui.methods", "GET")), "another profile's setting is not read");
    }

    @Test
    void noPermissionsOrOnlyPermitLeaveNothingToSkip() {
        assertEquals(Set.of(), roles(Map.of(), Map.of()));
        assertEquals(Set.of(), roles(Map.of(
                "quarkus.http.auth.permission.public.paths", "/*",
                "quarkus.http.auth.permission.public.policy", "permit"), Map.of()));
    }
}
