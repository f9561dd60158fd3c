package id.atensi.aid;

import id.atensi.local.Tokens;
import id.atensi.testing.TestTokens;
import io.restassured.response.ValidatableResponse;

import java.util.List;
import java.util.Map;

import static id.atensi.aid.ProgrammeFixtures.as;
import static id.atensi.aid.ReadModelFixtures.household;

/** Distributions proposed and moved through the API, with the proof of delivery they need. */
public final class DistributionFixtures {

    /** A second officer of UNIT_A: the four-eyes rule needs an approver who is not the proposer. */
    public static final String APPROVER = TestTokens.scoped("approver-officer", Tokens.Scope.unit(TestTokens.UNIT_A), "officer");
    public static final String PROOF_SHA = "9f86d081884c7d659a2feaa0c55ad015a3bf4f1b2b0b822cd15d6c15b0f00a08";

    private DistributionFixtures() {
    }

    public static Map<String, Object> proposal(String[] programme, String kind, String recipientId, String itemId, long quantity) {
        return Map.of("programmeId", programme[0], "fundingSourceId", programme[1], "recipientKind", kind,
                "recipientId", recipientId, "lines", List.of(Map.of("itemId", itemId, "quantity", quantity)));
    }

    public static ValidatableResponse propose(String token, Map<String, Object> proposal) {
        return as(token).body(proposal).post("/api/v1/aid/distributions").then();
    }

    /** A distribution to a new household of UNIT_A, proposed by the officer of UNIT_A. */
    public static String proposed(String[] programme, String itemId, long quantity) {
        return propose(TestTokens.officer(), proposal(programme, "HOUSEHOLD", household(), itemId, quantity))
                .statusCode(201).extract().path("id");
    }

    public static ValidatableResponse act(String token, String distributionId, String action) {
        return as(token).post("/api/v1/aid/distributions/{id}/" + action, distributionId).then();
    }

    public static ValidatableResponse act(String token, String distributionId, String action, Object body) {
        return as(token).body(body).post("/api/v1/aid/distributions/{id}/" + action, distributionId).then();
    }

    public static Map<String, Object> proof() {
        return Map.of("receivedBy", "Ketua kelompok", "receivedAt", "2026-03-05T10:00:00+07:00", "place", "Bantargebang, Bekasi",
                "latitude", -6.35, "longitude", 106.99, "fileReference", "s3://atensi-proofs/photo-1.jpg", "fileSha256", PROOF_SHA);
    }

    public static Map<String, Object> delivery() {
        return Map.of("proof", proof());
    }
}
