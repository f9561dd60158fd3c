package id.atensi.bench.bulk;

import com.fasterxml.jackson.databind.JsonNode;
import id.atensi.testing.TopicWriter;

import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static id.atensi.bench.bulk.ServiceUnderBench.JSON;

/**
 * training-service's register of a whole session: a running class of {@code participants}, each session's register
 * recorded in one request (all present, on site), timed from request to answer, {@code sessions} times.
 */
public final class TrainingAttendanceBenchmark {

    private static final String UNIT = "0a000000-0000-4000-8000-0000000000c1";
    private static final String PROVIDER = "0b6f5a7e-0000-4000-8000-0000000000c2";

    public static void main(String[] args) throws Exception {
        int participants = args.length > 0 ? Integer.parseInt(args[0]) : 500;
        int sessions = args.length > 1 ? Integer.parseInt(args[1]) : 5;
        try (ServiceUnderBench training = ServiceUnderBench.start("training-service")) {
            referenceData(training);
            String programme = training.expect(201, "POST", "/api/v1/training/programmes", training.admin(),
                    Map.of("title", "Bench " + UUID.randomUUID(), "skillAreas", List.of("SEWING"))).get("id").asText();
            List<Map<String, String>> days = new ArrayList<>();
            for (int day = 0; day < sessions; day++) {
                days.add(Map.of("date", "2024-01-%02d".formatted(10 + day), "startTime", "09:00", "endTime", "12:00", "topic", "Day " + (day + 1)));
            }
            String classId = training.expect(201, "POST", "/api/v1/training/classes", training.admin(), Map.ofEntries(
                    Map.entry("programmeId", programme), Map.entry("title", "Bench class"), Map.entry("skillAreas", List.of("SEWING")),
                    Map.entry("hostUnitId", UNIT), Map.entry("providerPartnerIds", List.of(PROVIDER)), Map.entry("modality", "ON_SITE"),
                    Map.entry("place", "Sentra Bench"), Map.entry("startDate", "2024-01-10"), Map.entry("endDate", "2024-01-31"),
                    Map.entry("capacity", participants), Map.entry("audiences", List.of("PARTNER_STAFF")), Map.entry("sessions", days)))
                    .get("id").asText();
            training.expect(200, "POST", "/api/v1/training/classes/" + classId + "/open", training.admin(), null);
            List<String> enrolments = new ArrayList<>();
            for (int i = 0; i < participants; i++) {
                enrolments.add(training.expect(201, "POST", "/api/v1/training/classes/" + classId + "/enrolments", training.admin(),
                        Map.of("fullName", "Peserta " + i, "organisation", "Yayasan Bench", "audience", "PARTNER_STAFF")).get("id").asText());
            }
            training.expect(200, "POST", "/api/v1/training/classes/" + classId + "/start", training.admin(), null);
            JsonNode sessionList = training.expect(200, "GET", "/api/v1/training/classes/" + classId + "/sessions", training.admin(), null);
            List<Map<String, String>> register = enrolments.stream()
                    .map(enrolment -> Map.of("enrolmentId", enrolment, "status", "PRESENT", "mode", "ON_SITE")).toList();
            String body = JSON.writeValueAsString(Map.of("records", register));
            List<Double> seconds = new ArrayList<>();
            for (JsonNode session : sessionList) {
                String path = "/api/v1/training/classes/" + classId + "/sessions/" + session.get("id").asText() + "/attendance";
                long start = System.nanoTime();
                HttpResponse<String> answer = training.send("PUT", path, training.admin(), body);
                double took = (System.nanoTime() - start) / 1e9;
                if (answer.statusCode() != 200 || JSON.readTree(answer.body()).size() != participants) {
                    throw new IllegalStateException("the register answered " + answer.statusCode() + ": "
                            + answer.body().substring(0, Math.min(800, answer.body().length())));
                }
                seconds.add(took);
                System.out.printf("session %s: %d participants' attendance in one request: %.3f s%n", session.get("id").asText(), participants, took);
            }
            seconds.sort(Double::compare);
            System.out.printf("%nregister of %d participants: median %.3f s (best %.3f, worst %.3f over %d sessions; goal < 1 s)%n", participants,
                    seconds.get(seconds.size() / 2), seconds.get(0), seconds.get(seconds.size() - 1), seconds.size());
        }
    }

    /** The host unit and the provider, announced as the partner service would. */
    private static void referenceData(ServiceUnderBench training) throws Exception {
        TopicWriter topic = TopicWriter.shared();
        topic.cloudEvent("atensi.partner.events", UUID.randomUUID().toString(), "atensi.partner.service-unit.registered.v1", "/atensi/partner", UNIT, """
                {"serviceUnitId":"%s","name":"Sentra Bench","kind":"SENTRA","provinceCode":"31","regencyCode":"31.75",
                 "residentialCapacity":120,"clusters":["DISABILITY"]}""".formatted(UNIT));
        topic.cloudEvent("atensi.partner.events", UUID.randomUUID().toString(), "atensi.partner.registered.v1", "/atensi/partner", PROVIDER, """
                {"partnerId":"%s","type":"CSR","legalName":"PT Mitra Bench","shortName":"Mitra","status":"ACTIVE","provinceCode":"31",
                 "regencyCode":"31.75","clusters":["DISABILITY"]}""".formatted(PROVIDER));
        training.awaitCount("SELECT count(*) FROM known_service_unit", 1, Duration.ofMinutes(2));
        training.awaitCount("SELECT count(*) FROM known_partner", 1, Duration.ofMinutes(2));
    }
}
