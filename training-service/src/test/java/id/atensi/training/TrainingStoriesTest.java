package id.atensi.training;

import id.atensi.testing.AtensiTestResource;
import id.atensi.testing.TestTokens;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

import static id.atensi.training.ClassFixtures.as;
import static id.atensi.training.ReadModelFixtures.knownBeneficiaries;
import static id.atensi.training.ClassFixtures.sessionIds;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.everyItem;
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.notNullValue;

/** Stories 1 and 4 of docs/programme.md, through the API as the unit's officers and the providers would run them. */
@QuarkusTest
@WithTestResource(value = AtensiTestResource.class, initArgs = @ResourceArg(name = "database", value = "training"))
class TrainingStoriesTest {

    private static final String CLASSES = "/api/v1/training/classes";

    /**
     * Story 1: Balai Karya "Pangudi Luhur" Bekasi with Pertamina Lubricants, Cortezian Indonesia (CSR) and Yayasan
     * Kumala (LKS): automotive and workshop branding, grape planting and seedling, community waste management. Launched on
     * site and followed virtually by 58 participants of Pertamina Lubricants, Yayasan Kumala, Yayasan Balarenik, Yayasan
     * ERBE and the Balai; the goal is a home workshop of one's own.
     */
    @Test
    void pangudiLuhurRunsAutomotiveGrapeAndWasteClassesFollowedVirtuallyBy58Participants() {
        UUID balai = UUID.randomUUID();
        UUID pertamina = UUID.randomUUID();
        UUID cortezian = UUID.randomUUID();
        UUID kumala = UUID.randomUUID();
        ReadModelFixtures.knownUnits(balai);
        ReadModelFixtures.knownPartners(pertamina, cortezian, kumala);
        String officer = TestTokens.officer(balai.toString());

        String programme = as(officer).body("""
                        {"title":"Pangudi Luhur x Pertamina Lubricants 2020","skillAreas":["AUTOMOTIVE","AGRICULTURE","WASTE_MANAGEMENT"]}""")
                .when().post("/api/v1/training/programmes").then().statusCode(201).extract().path("id");
        String automotive = hybridClass(officer, programme, "Basic automotive and workshop branding", "AUTOMOTIVE", balai, pertamina);
        String grapes = hybridClass(officer, programme, "Grape planting and seedling", "AGRICULTURE", balai, cortezian);
        String waste = hybridClass(officer, programme, "Community waste management incubator",
                "WASTE_MANAGEMENT", balai, kumala);

        String[] organisations = {"Pertamina Lubricants", "Yayasan Kumala", "Yayasan Balarenik", "Yayasan ERBE", "Balai Karya Pangudi Luhur"};
        String[] classes = {automotive, grapes, waste};
        List<List<String>> participants = List.of(new ArrayList<>(), new ArrayList<>(), new ArrayList<>());
        for (int i = 0; i < 58; i++) {
            participants.get(i % 3).add(as(officer).body(ClassFixtures.namedBody("Peserta " + i, organisations[i % 5], "PARTNER_STAFF"))
                    .when().post(CLASSES + "/{id}/enrolments", classes[i % 3]).then().statusCode(201).extract().path("id"));
        }
        for (int c = 0; c < 3; c++) {
            as(officer).when().post(CLASSES + "/{id}/start", classes[c]).then().statusCode(200);
            StringBuilder register = new StringBuilder();
            for (String enrolment : participants.get(c)) {
                register.append(register.isEmpty() ? "" : ",").append("{\"enrolmentId\":\"%s\",\"status\":\"PRESENT\",\"mode\":\"ONLINE\"}".formatted(enrolment));
            }
            as(officer).body("{\"records\":[" + register + "]}")
                    .when().put(CLASSES + "/{c}/sessions/{s}/attendance", classes[c], sessionIds(officer, classes[c]).get(0))
                    .then().statusCode(200).body("mode", everyItem(equalTo("ONLINE")));
        }

        as(TestTokens.partner(pertamina.toString())).when().post(CLASSES + "/{id}/complete", automotive).then().statusCode(200);
        String graduate = participants.get(0).get(0);
        as(TestTokens.partner(pertamina.toString())).body("""
                        {"kind":"OWN_BUSINESS","incomeBand":"FROM_1M_TO_3M","observedOn":"2021-03-01","note":"Opened a bengkel rumahan"}""")
                .when().post(CLASSES + "/{c}/enrolments/{e}/outcomes", automotive, graduate).then().statusCode(201);

        as(officer).when().get("/api/v1/training/programmes/{id}/report", programme)
                .then().statusCode(200)
                .body("classCount", equalTo(3))
                .body("totals.participants", equalTo(58))
                .body("totals.participantsByAudience.PARTNER_STAFF", equalTo(58))
                .body("totals.attendanceRatePercent", equalTo(100.0f))
                .body("totals.latestOutcomes.OWN_BUSINESS", equalTo(1))
                .body("classes.find { it.title == 'Basic automotive and workshop branding' }.totals.completed", equalTo(20));
        as(TestTokens.partner(pertamina.toString())).when().get(CLASSES + "?programmeId={p}", programme)
                .then().statusCode(200).body("total", equalTo(1)).body("items[0].title", equalTo("Basic automotive and workshop branding"));
    }

    /**
     * Story 4: a free four-day class (30 August – 2 September 2022) at Sentra "Budi Perkasa" Palembang, where coached
     * small businesses of Kilang Pertamina Plaju teach persons with disabilities to make bags from tali meiwa cord.
     */
    @Test
    void taliMeiwaFourDayClassAtBudiPerkasaCertifiesThoseWhoAttendedThreeDaysOfFour() {
        UUID budiPerkasa = UUID.randomUUID();
        UUID coachedBusiness = UUID.randomUUID();
        ReadModelFixtures.knownUnits(budiPerkasa);
        ReadModelFixtures.knownPartners(coachedBusiness);
        List<String> beneficiaries = knownBeneficiaries(12);
        String token = TestTokens.officer(budiPerkasa.toString());

        String programme = as(token).body("{\"title\":\"Tali meiwa bags, Kilang Pertamina Plaju x BPJS Ketenagakerjaan\",\"skillAreas\":[\"CRAFTS\"]}")
                .when().post("/api/v1/training/programmes").then().statusCode(201).extract().path("id");
        String classId = as(token).body("""
                        {"programmeId":"%s","title":"Tali meiwa bag making","skillAreas":["CRAFTS"],"hostUnitId":"%s",
                         "providerPartnerIds":["%s"],"modality":"ON_SITE","place":"Sentra Budi Perkasa, Palembang",
                         "startDate":"2022-08-30","endDate":"2022-09-02","capacity":12,"audiences":["BENEFICIARY"],"sessions":[
                           {"date":"2022-08-30","startTime":"08:00","endTime":"15:00","topic":"Cord and patterns"},
                           {"date":"2022-08-31","startTime":"08:00","endTime":"15:00","topic":"Weaving the body"},
                           {"date":"2022-09-01","startTime":"08:00","endTime":"15:00","topic":"Handles and finishing"},
                           {"date":"2022-09-02","startTime":"08:00","endTime":"12:00","topic":"Pricing and selling"}]}"""
                        .formatted(programme, budiPerkasa, coachedBusiness))
                .when().post(CLASSES).then().statusCode(201).body("sessions", hasSize(4)).extract().path("id");
        as(token).when().post(CLASSES + "/{id}/open", classId).then().statusCode(200);
        List<String> enrolments = new ArrayList<>();
        for (String beneficiary : beneficiaries) {
            enrolments.add(as(token).body("{\"beneficiaryId\":\"%s\",\"audience\":\"BENEFICIARY\"}".formatted(beneficiary))
                    .when().post(CLASSES + "/{id}/enrolments", classId).then().statusCode(201).extract().path("id"));
        }
        as(token).when().post(CLASSES + "/{id}/start", classId).then().statusCode(200);

        List<String> days = sessionIds(token, classId);
        for (int day = 0; day < 4; day++) {
            StringBuilder register = new StringBuilder();
            for (int p = 0; p < enrolments.size(); p++) {
                // The first nine miss at most the last day; the other three leave after day two.
                boolean present = p < 9 ? day < 3 || p % 2 == 0 : day < 2;
                register.append(register.isEmpty() ? "" : ",").append(present
                        ? "{\"enrolmentId\":\"%s\",\"status\":\"PRESENT\",\"mode\":\"ON_SITE\"}".formatted(enrolments.get(p))
                        : "{\"enrolmentId\":\"%s\",\"status\":\"ABSENT\"}".formatted(enrolments.get(p)));
            }
            as(token).body("{\"records\":[" + register + "]}").when().put(CLASSES + "/{c}/sessions/{s}/attendance", classId, days.get(day))
                    .then().statusCode(200);
        }
        as(token).when().post(CLASSES + "/{id}/complete", classId).then().statusCode(200);

        as(token).when().get(CLASSES + "/{c}/enrolments/{e}", classId, enrolments.get(1))
                .then().body("status", equalTo("COMPLETED")).body("sessionsAttended", equalTo(3)).body("certificateNumber", notNullValue());
        as(token).when().get(CLASSES + "/{c}/enrolments/{e}", classId, enrolments.get(11))
                .then().body("status", equalTo("NOT_COMPLETED")).body("sessionsAttended", equalTo(2));
        as(token).body("{\"kind\":\"OWN_BUSINESS\",\"incomeBand\":\"UNDER_1M\",\"observedOn\":\"2022-12-01\",\"note\":\"Sells bags at the Sentra shop\"}")
                .when().post(CLASSES + "/{c}/enrolments/{e}/outcomes", classId, enrolments.get(0)).then().statusCode(201);
        as(token).when().get(CLASSES + "/{id}/report", classId)
                .then().statusCode(200)
                .body("sessions", equalTo(4))
                .body("totals.participantsByAudience.BENEFICIARY", equalTo(12))
                .body("totals.completed", equalTo(9))
                .body("totals.notCompleted", equalTo(3))
                .body("totals.completionRatePercent", equalTo(75.0f))
                .body("totals.latestOutcomes.OWN_BUSINESS", equalTo(1));
    }

    private static String hybridClass(String officer, String programme, String title, String skillArea, UUID unit, UUID provider) {
        String classId = as(officer).body("""
                        {"programmeId":"%s","title":"%s","skillAreas":["%s"],"hostUnitId":"%s","providerPartnerIds":["%s"],
                         "modality":"HYBRID","place":"Balai Karya Pangudi Luhur, Bekasi","meetingLink":"https://meet.example.org/pangudi-luhur",
                         "startDate":"2020-10-12","endDate":"2020-10-30","capacity":30,"audiences":["PARTNER_STAFF"],"sessions":[
                           {"date":"2020-10-12","startTime":"09:00","endTime":"12:00","topic":"Launch"}]}"""
                        .formatted(programme, title, skillArea, unit, provider))
                .when().post(CLASSES).then().statusCode(201).extract().path("id");
        as(officer).when().post(CLASSES + "/{id}/open", classId).then().statusCode(200);
        return classId;
    }
}
