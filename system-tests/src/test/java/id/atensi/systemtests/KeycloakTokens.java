package id.atensi.systemtests;

import id.atensi.testing.TestInfrastructure;

/** Tokens as the platform's users get them: from the test run's Keycloak, realm atensi. */
final class KeycloakTokens {

    private KeycloakTokens() {
    }

    static String admin() {
        return TestInfrastructure.keycloak().adminToken();
    }

    static String officer(String unitId) {
        return TestInfrastructure.keycloak().officerToken(unitId);
    }

    static String partner(String partnerId) {
        return TestInfrastructure.keycloak().partnerToken(partnerId);
    }

    static String auditor() {
        return TestInfrastructure.keycloak().auditorToken();
    }

    static String viewer() {
        return TestInfrastructure.keycloak().viewerToken();
    }
}
