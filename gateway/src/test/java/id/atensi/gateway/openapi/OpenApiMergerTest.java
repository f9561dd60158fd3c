package id.atensi.gateway.openapi;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.junit.jupiter.api.Test;

import java.net.URI;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

class OpenApiMergerTest {

    private final ObjectMapper json = new ObjectMapper();
    private final OpenApiMerger merger = new OpenApiMerger(json, "1.2.3",
            OpenApiMerger.LoginEndpoints.ofKeycloakRealm(URI.create("https://id.example/realms/atensi/")));

    /** Each service serves the paths under /api/v1/<its name>. */
    private static final Function<String, String> BY_NAME = path -> path.split("/")[3];

    @Test
    void aComponentDefinedAlikeByEveryServiceIsKeptOnceUnderItsName() throws Exception {
        ObjectNode merged = merge(
                service("aid", "AtensiService", "{\"type\": \"string\", \"enum\": [\"A\", \"B\"]}"),
                service("partner", "AtensiService", "{\"type\": \"string\", \"enum\": [\"A\", \"B\"]}"));
        assertEquals(List.of("AtensiService"), names(merged.at("/components/schemas")));
        assertEquals("#/components/schemas/AtensiService", merged.at("/paths/~1api~1v1~1partner/post/requestBody/content/application~1json/schema/$ref").asText());
    }

    @Test
    void differentComponentsUnderOneNameAreBothKeptUnderTheirServicesNamesAndEachServiceRefersToItsOwn() throws Exception {
        ObjectNode merged = merge(
                service("beneficiary", "AtensiService", "{\"type\": \"string\", \"enum\": [\"REHABILITATION\", \"SOCIAL_ASSISTANCE\"]}"),
                service("partner", "AtensiService", "{\"type\": \"string\", \"enum\": [\"ATENSI_REHAB\", \"ATENSI_CARE\"]}"));
        assertEquals(List.of("BeneficiaryAtensiService", "PartnerAtensiService"), names(merged.at("/components/schemas")));
        assertEquals("REHABILITATION", merged.at("/components/schemas/BeneficiaryAtensiService/enum/0").asText());
        assertEquals("ATENSI_REHAB", merged.at("/components/schemas/PartnerAtensiService/enum/0").asText());
        assertEquals("#/components/schemas/PartnerAtensiService",
                merged.at("/paths/~1api~1v1~1partner/post/requestBody/content/application~1json/schema/$ref").asText());
        assertEquals("#/components/schemas/BeneficiaryAtensiService",
                merged.at("/paths/~1api~1v1~1beneficiary/post/responses/200/content/application~1json/schema/$ref").asText());
    }

    @Test
    void servicesThatAgreeShareOneRenamedDefinitionAndTheOtherKeepsItsOwn() throws Exception {
        String services = "{\"type\": \"string\", \"enum\": [\"A\"]}";
        ObjectNode merged = merge(
                service("aid", "AtensiService", services),
                service("beneficiary", "AtensiService", services),
                service("partner", "AtensiService", "{\"type\": \"string\", \"enum\": [\"B\"]}"));
        assertEquals(List.of("AidBeneficiaryAtensiService", "PartnerAtensiService"), names(merged.at("/components/schemas")));
        assertEquals("#/components/schemas/AidBeneficiaryAtensiService",
                merged.at("/paths/~1api~1v1~1aid/post/requestBody/content/application~1json/schema/$ref").asText());
        assertEquals("#/components/schemas/AidBeneficiaryAtensiService",
                merged.at("/paths/~1api~1v1~1beneficiary/post/requestBody/content/application~1json/schema/$ref").asText());
    }

    @Test
    void aComponentThatLooksAlikeButRefersToDifferentOnesIsSplitToo() throws Exception {
        // Scope is textually the same in both documents, but its "services" refer to two different AtensiServices.
        String scope = "{\"type\": \"object\", \"properties\": {\"services\": {\"type\": \"array\", \"items\": {\"$ref\": \"#/components/schemas/AtensiService\"}}}}";
        ObjectNode merged = merge(
                document("aid", operation("/api/v1/aid", "Scope"),
                        Map.of("Scope", scope, "AtensiService", "{\"type\": \"string\", \"enum\": [\"A\"]}")),
                document("partner", operation("/api/v1/partner", "Scope"),
                        Map.of("Scope", scope, "AtensiService", "{\"type\": \"string\", \"enum\": [\"B\"]}")));
        assertEquals(List.of("AidAtensiService", "AidScope", "PartnerAtensiService", "PartnerScope"), names(merged.at("/components/schemas")));
        assertEquals("#/components/schemas/PartnerAtensiService", merged.at("/components/schemas/PartnerScope/properties/services/items/$ref").asText());
        assertEquals("#/components/schemas/AidAtensiService", merged.at("/components/schemas/AidScope/properties/services/items/$ref").asText());
        assertEquals("#/components/schemas/PartnerScope",
                merged.at("/paths/~1api~1v1~1partner/post/requestBody/content/application~1json/schema/$ref").asText());
    }

    @Test
    void everyOperationDescribesExactlyWhatItsServicePublishes() throws Exception {
        List<OpenApiMerger.ServiceDocument> documents = List.of(
                document("aid", operation("/api/v1/aid", "Programme"), Map.of(
                        "Programme", "{\"type\": \"object\", \"properties\": {\"funding\": {\"$ref\": \"#/components/schemas/Money\"}, \"cluster\": {\"$ref\": \"#/components/schemas/Cluster\"}}}",
                        "Money", "{\"type\": \"integer\", \"format\": \"int64\"}",
                        "Cluster", "{\"type\": \"string\", \"enum\": [\"CHILDREN\", \"ELDERLY\"]}")),
                document("training", operation("/api/v1/training", "Programme"), Map.of(
                        "Programme", "{\"type\": \"object\", \"required\": [\"title\"], \"properties\": {\"title\": {\"type\": \"string\"}, \"cluster\": {\"$ref\": \"#/components/schemas/Cluster\"}, \"parent\": {\"$ref\": \"#/components/schemas/Programme\"}}}",
                        "Money", "{\"type\": \"integer\", \"format\": \"int64\"}",
                        "Cluster", "{\"type\": \"string\", \"enum\": [\"ANAK\", \"LANSIA\"]}")));
        ObjectNode merged = merger.merge(documents, List.of(), BY_NAME);
        for (OpenApiMerger.ServiceDocument document : documents) {
            document.document().path("paths").properties().forEach(path -> assertEquals(
                    Resolved.of(document.document(), path.getValue()),
                    Resolved.of(merged, merged.path("paths").path(path.getKey())),
                    document.service() + " " + path.getKey()));
        }
        assertTrue(merged.at("/components/schemas").has("Money"), "alike, so shared");
        assertFalse(merged.at("/components/schemas").has("Programme"));
        assertFalse(merged.at("/components/schemas").has("Cluster"));
    }

    @Test
    void referencesIntoAComponentAndDiscriminatorMappingsFollowTheRename() throws Exception {
        ObjectNode merged = merge(
                document("aid", "{\"/api/v1/aid\": {\"get\": {\"parameters\": [{\"name\": \"kind\", \"in\": \"query\","
                                + " \"schema\": {\"$ref\": \"#/components/schemas/Recipient/properties/kind\"}}],"
                                + " \"responses\": {\"200\": {\"description\": \"ok\", \"content\": {\"application/json\": {\"schema\":"
                                + " {\"oneOf\": [{\"$ref\": \"#/components/schemas/Recipient\"}], \"discriminator\": {\"propertyName\": \"kind\","
                                + " \"mapping\": {\"person\": \"#/components/schemas/Recipient\", \"group\": \"Recipient\"}}}}}}}}}}",
                        Map.of("Recipient", "{\"type\": \"object\", \"properties\": {\"kind\": {\"type\": \"string\"}}}")),
                service("partner", "Recipient", "{\"type\": \"string\"}"));
        JsonNode get = merged.at("/paths/~1api~1v1~1aid/get");
        assertEquals("#/components/schemas/AidRecipient/properties/kind", get.at("/parameters/0/schema/$ref").asText());
        JsonNode schema = get.at("/responses/200/content/application~1json/schema");
        assertEquals("#/components/schemas/AidRecipient", schema.at("/oneOf/0/$ref").asText());
        assertEquals("#/components/schemas/AidRecipient", schema.at("/discriminator/mapping/person").asText());
        assertEquals("AidRecipient", schema.at("/discriminator/mapping/group").asText());
    }

    @Test
    void aNewNameSomeServiceAlreadyUsesGetsANumber() throws Exception {
        ObjectNode merged = merge(
                document("aid", operation("/api/v1/aid", "Unit"), Map.of("Unit", "{\"type\": \"string\"}", "PartnerUnit", "{\"type\": \"integer\"}")),
                service("partner", "Unit", "{\"type\": \"boolean\"}"));
        assertEquals(List.of("AidUnit", "PartnerUnit", "PartnerUnit2"), names(merged.at("/components/schemas")));
        assertEquals("integer", merged.at("/components/schemas/PartnerUnit/type").asText(), "aid's own PartnerUnit is untouched");
        assertEquals("boolean", merged.at("/components/schemas/PartnerUnit2/type").asText());
        assertEquals("#/components/schemas/PartnerUnit2",
                merged.at("/paths/~1api~1v1~1partner/post/requestBody/content/application~1json/schema/$ref").asText());
    }

    @Test
    void otherComponentSectionsAreKeptApartAlike() throws Exception {
        ObjectNode merged = merger.merge(List.of(
                documentOf("aid", "{\"paths\": {\"/api/v1/aid\": {\"get\": {\"responses\": {\"404\": {\"$ref\": \"#/components/responses/NotFound\"}}}}},"
                        + " \"components\": {\"responses\": {\"NotFound\": {\"description\": \"No such programme\"}}}}"),
                documentOf("partner", "{\"paths\": {\"/api/v1/partner\": {\"get\": {\"responses\": {\"404\": {\"$ref\": \"#/components/responses/NotFound\"}}}}},"
                        + " \"components\": {\"responses\": {\"NotFound\": {\"description\": \"No such partner\"}}}}")), List.of(), BY_NAME);
        assertEquals(List.of("AidNotFound", "PartnerNotFound"), names(merged.at("/components/responses")));
        assertEquals("#/components/responses/PartnerNotFound", merged.at("/paths/~1api~1v1~1partner/get/responses/404/$ref").asText());
    }

    @Test
    void theSameDocumentsGiveTheSameDocumentWhateverTheOrderOfTheirMembers() throws Exception {
        ObjectNode one = merger.merge(List.of(
                documentOf("aid", "{\"paths\": {\"/api/v1/aid/b\": {}, \"/api/v1/aid/a\": {}}, \"components\": {\"schemas\": {\"Z\": {}, \"Y\": {}}}}")),
                List.of(), path -> "aid");
        ObjectNode other = merger.merge(List.of(
                documentOf("aid", "{\"paths\": {\"/api/v1/aid/a\": {}, \"/api/v1/aid/b\": {}}, \"components\": {\"schemas\": {\"Y\": {}, \"Z\": {}}}}")),
                List.of(), path -> "aid");
        assertEquals(json.writeValueAsString(one), json.writeValueAsString(other));
        assertEquals(List.of("/api/v1/aid/a", "/api/v1/aid/b"), names(one.path("paths")));
    }

    @Test
    void aPathComesFromTheServiceTheGatewayRoutesItTo() throws Exception {
        ObjectNode merged = merger.merge(List.of(
                documentOf("aid", "{\"paths\": {\"/api/v1/partners\": {\"get\": {\"summary\": \"from aid\"}}, \"/api/v1/aid\": {\"get\": {}}}}"),
                documentOf("partner", "{\"paths\": {\"/api/v1/partners\": {\"get\": {\"summary\": \"from partner\"}}}}")),
                List.of(), path -> path.startsWith("/api/v1/partners") ? "partner" : path.startsWith("/api/v1/aid") ? "aid" : null);
        assertEquals("from partner", merged.at("/paths/~1api~1v1~1partners/get/summary").asText());
        assertEquals(List.of("/api/v1/aid", "/api/v1/partners"), names(merged.path("paths")));
    }

    @Test
    void aPathNoServiceIsRoutedForIsLeftOut() throws Exception {
        ObjectNode merged = merger.merge(List.of(
                documentOf("aid", "{\"paths\": {\"/api/v1/aid\": {\"get\": {}}, \"/api/v2/aid\": {\"get\": {}}, \"/q/health\": {\"get\": {}}}}")),
                List.of(), path -> path.startsWith("/api/v1/aid") ? "aid" : null);
        assertEquals(List.of("/api/v1/aid"), names(merged.path("paths")));
    }

    @Test
    void pathsOutsideApiThatTheGatewayRoutesAreKeptAndThoseItLetsThroughWithoutATokenSaySo() throws Exception {
        OpenApiMerger withOpenPaths = new OpenApiMerger(json, "1.2.3",
                OpenApiMerger.LoginEndpoints.ofKeycloakRealm(java.net.URI.create("http://keycloak/realms/atensi")),
                path -> path.equals("/oauth2/client/token"));
        ObjectNode merged = withOpenPaths.merge(List.of(documentOf("beneficiary", """
                        {"paths": {"/registry/sync/search": {"post": {"security": [{"jwt": []}]}},
                                   "/oauth2/client/token": {"post": {}, "parameters": []},
                                   "/q/health": {"get": {}}}}""")),
                List.of(), path -> path.startsWith("/registry") || path.equals("/oauth2/client/token") ? "beneficiary" : null);
        assertEquals(List.of("/oauth2/client/token", "/registry/sync/search"), names(merged.path("paths")));
        assertTrue(merged.at("/paths/~1oauth2~1client~1token/post/security").isArray());
        assertEquals(0, merged.at("/paths/~1oauth2~1client~1token/post/security").size(), "open to anyone: an empty requirement");
        assertTrue(merged.at("/paths/~1oauth2~1client~1token/parameters").isArray(), "a path item's parameters are not an operation");
        assertTrue(merged.at("/paths/~1registry~1sync~1search/post/security").isMissingNode(), "the document-wide token requirement applies");
    }

    @Test
    void documentWithoutMissingServicesHasNoMissingList() throws Exception {
        ObjectNode merged = merger.merge(List.of(documentOf("aid", "{}")), List.of(), BY_NAME);
        assertFalse(merged.has(OpenApiMerger.MISSING_SERVICES));
        assertEquals("1.2.3", merged.at("/info/version").asText());
    }

    @Test
    void servicesOwnSecuritySchemesGiveWayToTheGatewayOnes() throws Exception {
        ObjectNode merged = merger.merge(List.of(
                documentOf("aid", "{\"components\": {\"securitySchemes\": {\"jwt\": {\"type\": \"apiKey\"}}}}")), List.of(), BY_NAME);
        JsonNode schemes = merged.at("/components/securitySchemes");
        assertEquals(List.of("bearerAuth", "oauth2"), names(schemes));
        assertEquals("bearer", schemes.path("bearerAuth").path("scheme").asText());
    }

    @Test
    void loginsGoToTheRealmsEndpoints() throws Exception {
        JsonNode flow = merger.merge(List.of(documentOf("aid", "{}")), List.of(), BY_NAME)
                .at("/components/securitySchemes/oauth2/flows/authorizationCode");
        assertEquals("https://id.example/realms/atensi/protocol/openid-connect/auth", flow.path("authorizationUrl").asText());
        assertEquals("https://id.example/realms/atensi/protocol/openid-connect/token", flow.path("tokenUrl").asText());
        assertTrue(flow.path("scopes").isObject());
    }

    @Test
    void operationsLoseTheirServicesSchemeForTheDocumentsRequirementUnlessOpenToAnyone() throws Exception {
        ObjectNode merged = merge(documentOf("aid", """
                {"paths": {"/api/v1/aid": {
                   "get": {"security": [{"jwt": []}], "responses": {"200": {"description": "ok"}}},
                   "post": {"security": [], "responses": {"200": {"description": "ok"}}}}}}
                """));
        assertFalse(merged.at("/paths/~1api~1v1~1aid/get").has("security"));
        JsonNode openToAnyone = merged.at("/paths/~1api~1v1~1aid/post/security");
        assertTrue(openToAnyone.isArray() && openToAnyone.isEmpty());
        assertEquals(2, merged.path("security").size());
    }

    private ObjectNode merge(OpenApiMerger.ServiceDocument... documents) {
        return merger.merge(List.of(documents), List.of(), BY_NAME);
    }

    /** A service with one operation that takes and returns the schema {@code name}, defined as given. */
    private OpenApiMerger.ServiceDocument service(String service, String name, String definition) throws Exception {
        return document(service, operation("/api/v1/" + service, name), Map.of(name, definition));
    }

    private static String operation(String path, String schema) {
        String ref = "{\"$ref\": \"#/components/schemas/" + schema + "\"}";
        return "{\"" + path + "\": {\"post\": {\"requestBody\": {\"content\": {\"application/json\": {\"schema\": " + ref + "}}},"
                + " \"responses\": {\"200\": {\"description\": \"ok\", \"content\": {\"application/json\": {\"schema\": " + ref + "}}}}}}}";
    }

    private OpenApiMerger.ServiceDocument document(String service, String paths, Map<String, String> schemas) throws Exception {
        ObjectNode document = json.createObjectNode();
        document.set("paths", json.readTree(paths));
        ObjectNode components = document.putObject("components").putObject("schemas");
        for (Map.Entry<String, String> schema : schemas.entrySet()) {
            components.set(schema.getKey(), json.readTree(schema.getValue()));
        }
        return new OpenApiMerger.ServiceDocument(service, document);
    }

    private OpenApiMerger.ServiceDocument documentOf(String service, String content) throws Exception {
        return new OpenApiMerger.ServiceDocument(service, json.readTree(content));
    }

    private static List<String> names(JsonNode node) {
        List<String> names = new ArrayList<>();
        node.fieldNames().forEachRemaining(names::add);
        return names;
    }
}
