package id.atensi.training.rest;

import id.atensi.testing.AtensiTestResource;
import id.atensi.testing.TestTokens;
import id.atensi.training.ClassFixtures;
import id.atensi.training.ReadModelFixtures;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import static id.atensi.training.ClassFixtures.as;
import static id.atensi.training.ReadModelFixtures.knownBeneficiaries;
import static id.atensi.training.ClassFixtures.officer;
import static id.atensi.training.ClassFixtures.transition;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;

/** Story 5 of docs/programme.md: the PENA workshop at Sentra "Mulya Jaya", 26–28 January 2024, six classes. */
@QuarkusTest
@WithTestResource(value = AtensiTestResource.class, initArgs = @ResourceArg(name = "database", value = "training"))
class PenaWorkshopReportTest {

    @Test
    void penaTotalsOf179Residents64GraduatedFamiliesAnd303CompanionsComeOutOfTheApi() throws Exception {
        String programme = ClassFixtures.programme("PENA workshop, Sentra Mulya Jaya", "COOKING", "SEWING", "BRANDING_AND_PACKAGING",
                "PHOTOGRAPHY_AND_VIDEO", "DIGITAL_MARKETING", "RESEARCH", "FINANCIAL_LITERACY");
        List<String> beneficiaries = knownBeneficiaries(133 + 46 + 64);

        String cooking = penaClass(programme, "Cooking", "COOKING", 133, "RESIDENT");
        String sewing = penaClass(programme, "Sewing hotel sandals", "SEWING", 46, "RESIDENT");
        String tataRupa = penaClass(programme, "Tata Rupa: branding, packaging, simple research", "BRANDING_AND_PACKAGING", 64,
                "GRADUATED_KPM_FAMILY");
        String photo = penaClass(programme, "Photography and videography", "PHOTOGRAPHY_AND_VIDEO", 101, "SOCIAL_COMPANION");
        String marketing = penaClass(programme, "Digital marketing", "DIGITAL_MARKETING", 101, "SOCIAL_COMPANION");
        String research = penaClass(programme, "Simple research and financial literacy", "FINANCIAL_LITERACY", 101, "SOCIAL_COMPANION");

        List<String[]> enrolments = new ArrayList<>();
        for (int i = 0; i < beneficiaries.size(); i++) {
            String classId = i < 133 ? cooking : i < 179 ? sewing : tataRupa;
            String audience = i < 179 ? "RESIDENT" : "GRADUATED_KPM_FAMILY";
            enrolments.add(new String[]{classId, "{\"beneficiaryId\":\"%s\",\"audience\":\"%s\"}".formatted(beneficiaries.get(i), audience)});
        }
        String[] companionClasses = {photo, marketing, research};
        String[] roles = {"PKH", "TKSK", "SOCIAL_WORKER"};
        for (int i = 0; i < 303; i++) {
            enrolments.add(new String[]{companionClasses[i % 3], """
                    {"fullName":"Pendamping %d","organisation":"Dinas Sosial DKI Jakarta","audience":"SOCIAL_COMPANION","companionRole":"%s"}"""
                    .formatted(i, roles[i % 3])});
        }
        enrolAll(enrolments);

        as(TestTokens.auditor()).when().get("/api/v1/training/programmes/{id}/report", programme)
                .then().statusCode(200)
                .body("classCount", equalTo(6))
                .body("totals.participants", equalTo(546))
                .body("totals.waitlisted", equalTo(0))
                .body("totals.participantsByAudience.RESIDENT", equalTo(179))
                .body("totals.participantsByAudience.GRADUATED_KPM_FAMILY", equalTo(64))
                .body("totals.participantsByAudience.SOCIAL_COMPANION", equalTo(303))
                .body("classes.find { it.title == 'Cooking' }.totals.participants", equalTo(133))
                .body("classes.find { it.title == 'Sewing hotel sandals' }.totals.participants", equalTo(46));
    }

    private static String penaClass(String programme, String title, String skillArea, int capacity, String audience) {
        ReadModelFixtures.knowReferenceData();
        String body = """
                {"programmeId":"%s","title":"%s","skillAreas":["%s"],"hostUnitId":"%s","providerPartnerIds":["%s"],
                 "modality":"ON_SITE","place":"Sentra Mulya Jaya, Jakarta","startDate":"2024-01-26","endDate":"2024-01-28",
                 "capacity":%d,"audiences":["%s"],"sessions":[
                   {"date":"2024-01-26","startTime":"08:00","endTime":"16:00","topic":"Day 1"},
                   {"date":"2024-01-27","startTime":"08:00","endTime":"16:00","topic":"Day 2"},
                   {"date":"2024-01-28","startTime":"08:00","endTime":"12:00","topic":"Day 3"}]}"""
                .formatted(programme, title, skillArea, ClassFixtures.HOST_UNIT, ClassFixtures.PROVIDER, capacity, audience);
        String classId = officer().body(body).when().post("/api/v1/training/classes").then().statusCode(201).extract().path("id");
        transition(classId, "open");
        return classId;
    }

    /** Several at a time: the classes lock separately, and 546 calls one by one would slow the suite for nothing. */
    private static void enrolAll(List<String[]> enrolments) throws Exception {
        String token = TestTokens.officer();
        ExecutorService pool = Executors.newFixedThreadPool(6);
        try {
            List<Future<Integer>> answers = new ArrayList<>();
            for (String[] enrolment : enrolments) {
                answers.add(pool.submit(() -> as(token).body(enrolment[1])
                        .when().post("/api/v1/training/classes/{id}/enrolments", enrolment[0]).then().extract().statusCode()));
            }
            for (Future<Integer> answer : answers) {
                assertEquals(201, answer.get());
            }
        } finally {
            pool.shutdownNow();
        }
    }
}
