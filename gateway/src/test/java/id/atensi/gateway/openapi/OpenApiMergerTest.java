package id.atensi.gateway.openapi;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

class OpenApiMergerTest {

    private final ObjectMapper json = new ObjectMapper();
    private final OpenApiMerger merger = new OpenApiMerger(json, "1.2.3");

    @Test
    void pathPublishedByTwoServicesKeepsTheFirstOne() throws Exception {
        ObjectNode merged = merger.merge(List.of(
                document("aid", "{\"paths\": {\"/api/v1/aid\": {\"get\": {\"summary\": \"from aid\"}}}}"),
                document("partner", "{\"paths\": {\"/api/v1/aid\": {\"get\": {\"summary\": \"from partner\"}}}}")), List.of());
        assertEquals("from aid", merged.at("/paths/~1api~1v1~1aid/get/summary").asText());
    }

    @Test
    void documentWithoutMissingServicesHasNoMissingList() throws Exception {
        ObjectNode merged = merger.merge(List.of(document("aid", "{}")), List.of());
        assertFalse(merged.has(OpenApiMerger.MISSING_SERVICES));
        assertEquals("1.2.3", merged.at("/info/version").asText());
    }

    @Test
    void servicesOwnSecuritySchemesGiveWayToTheGatewayOne() throws Exception {
        ObjectNode merged = merger.merge(List.of(
                document("aid", "{\"components\": {\"securitySchemes\": {\"jwt\": {\"type\": \"apiKey\"}}}}")), List.of());
        JsonNode schemes = merged.at("/components/securitySchemes");
        assertEquals(1, schemes.size());
        assertEquals("bearer", schemes.path("bearerAuth").path("scheme").asText());
    }

    private OpenApiMerger.ServiceDocument document(String service, String content) throws Exception {
        JsonNode document = json.readTree(content);
        return new OpenApiMerger.ServiceDocument(service, document);
    }
}
