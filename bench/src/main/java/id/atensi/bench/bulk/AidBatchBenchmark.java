package id.atensi.bench.bulk;

import com.fasterxml.jackson.databind.JsonNode;
import id.atensi.testing.TopicWriter;

import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static id.atensi.bench.bulk.ServiceUnderBench.JSON;

/**
 * aid-service's batch proposal: {@code distributions} distributions of one programme (to as many households) in one
 * request, each round into a fresh programme, timed from request to answer; then, beside it in the same run, a number
 * of the same proposals one request each, for the rate the batch replaces. The households and their unit reach the
 * service as the beneficiary and partner services' events.
 */
public final class AidBatchBenchmark {

    private static final String UNIT = "0a000000-0000-4000-8000-0000000000b1";
    private static final long ITEM_IDR = 312_345;

    public static void main(String[] args) throws Exception {
        int distributions = args.length > 0 ? Integer.parseInt(args[0]) : 10_000;
        int rounds = args.length > 1 ? Integer.parseInt(args[1]) : 3;
        int singles = args.length > 2 ? Integer.parseInt(args[2]) : 1_000;
        try (ServiceUnderBench aid = ServiceUnderBench.start("aid-service")) {
            List<String> households = households(aid, Math.max(distributions, singles));
            String item = aid.expect(201, "POST", "/api/v1/aid/items", aid.admin(), Map.of("code", "BENCH-" + UUID.randomUUID(),
                    "name", "Paket sembako", "unit", "paket", "category", "STAPLE_FOOD_PACKAGE", "amountIdr", ITEM_IDR)).get("id").asText();

            List<Double> seconds = new ArrayList<>();
            for (int round = 1; round <= rounds; round++) {
                String[] programme = programme(aid, distributions);
                List<Map<String, Object>> batch = new ArrayList<>();
                households.subList(0, distributions).forEach(household -> batch.add(proposal(programme, household, item)));
                String body = JSON.writeValueAsString(Map.of("distributions", batch));
                long start = System.nanoTime();
                HttpResponse<String> answer = aid.send("POST", "/api/v1/aid/distribution-batches", aid.admin(), body);
                double took = (System.nanoTime() - start) / 1e9;
                if (answer.statusCode() != 201) {
                    throw new IllegalStateException("batch round " + round + " answered " + answer.statusCode() + ": "
                            + answer.body().substring(0, Math.min(800, answer.body().length())));
                }
                JsonNode proposed = JSON.readTree(answer.body());
                if (proposed.get("count").asInt() != distributions || proposed.get("totalIdr").asLong() != ITEM_IDR * distributions) {
                    throw new IllegalStateException("batch round " + round + " proposed " + proposed.get("count") + " for " + proposed.get("totalIdr"));
                }
                seconds.add(took);
                System.out.printf("round %d: %d distributions in one request (%d KB): %.2f s%n", round, distributions, body.length() / 1024, took);
            }

            String[] programme = programme(aid, singles);
            long start = System.nanoTime();
            for (String household : households.subList(0, singles)) {
                aid.expect(201, "POST", "/api/v1/aid/distributions", aid.admin(), proposal(programme, household, item));
            }
            double singleSeconds = (System.nanoTime() - start) / 1e9;
            seconds.sort(Double::compare);
            double median = seconds.get(seconds.size() / 2);
            System.out.printf("%nbatch of %d distributions: median %.2f s (best %.2f, worst %.2f, %d rounds; goal < 5 s) = %.0f/s%n",
                    distributions, median, seconds.get(0), seconds.get(seconds.size() - 1), rounds, distributions / median);
            System.out.printf("single proposals, one client: %d in %.2f s = %.0f/s%n", singles, singleSeconds, singles / singleSeconds);
        }
    }

    /** Announces the unit and {@code count} households of it, as the partner and beneficiary services would, and waits until aid knows them. */
    private static List<String> households(ServiceUnderBench aid, int count) throws Exception {
        TopicWriter topic = TopicWriter.shared();
        topic.cloudEvent("atensi.partner.events", UUID.randomUUID().toString(), "atensi.partner.service-unit.registered.v1", "/atensi/partner", UNIT, """
                {"serviceUnitId":"%s","name":"Sentra Bench","kind":"SENTRA","provinceCode":"32","residentialCapacity":100,
                 "clusters":["ELDERLY"],"status":"ACTIVE"}""".formatted(UNIT));
        List<String> ids = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            String id = UUID.randomUUID().toString();
            String head = UUID.randomUUID().toString();
            topic.cloudEvent("atensi.beneficiary.events", UUID.randomUUID().toString(), "atensi.beneficiary.household.registered.v1",
                    "/atensi/beneficiary", id, """
                            {"householdId":"%s","name":"Keluarga","headBeneficiaryId":"%s","memberIds":["%s"],"serviceUnitId":"%s",
                             "provinceCode":"32","regencyCode":"32.75","active":true,"registeredAt":"2026-01-05T08:00:00+07:00"}"""
                            .formatted(id, head, head, UNIT));
            ids.add(id);
        }
        aid.awaitCount("SELECT count(*) FROM known_service_unit", 1, Duration.ofMinutes(2));
        aid.awaitCount("SELECT count(*) FROM known_collective", count, Duration.ofMinutes(10));
        System.out.printf("%d households known to aid-service%n", count);
        return ids;
    }

    private static String[] programme(ServiceUnderBench aid, int distributions) throws Exception {
        LocalDate today = LocalDate.now();
        JsonNode programme = aid.expect(201, "POST", "/api/v1/aid/programmes", aid.admin(), Map.of("name", "Bench " + UUID.randomUUID(),
                "kind", "SOCIAL_AID", "periodStart", today.minusMonths(1).toString(), "periodEnd", today.plusMonths(11).toString(),
                "fundingSources", List.of(Map.of("kind", "STATE_BUDGET", "amountIdr", ITEM_IDR * distributions))));
        return new String[] {programme.get("id").asText(), programme.get("fundingSources").get(0).get("id").asText()};
    }

    private static Map<String, Object> proposal(String[] programme, String household, String item) {
        return Map.of("programmeId", programme[0], "fundingSourceId", programme[1], "recipientKind", "HOUSEHOLD", "recipientId", household,
                "lines", List.of(Map.of("itemId", item, "quantity", 1)));
    }
}
