package id.atensi.systemtests;

import id.atensi.local.demo.DemoLoader;
import id.atensi.vocabulary.Regions;
import io.restassured.path.json.JsonPath;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import java.text.DecimalFormat;
import java.text.DecimalFormatSymbols;
import java.time.Duration;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

import static io.restassured.RestAssured.given;
import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.containsInAnyOrder;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.empty;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.everyItem;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.hasItems;
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.is;
import static org.hamcrest.Matchers.lessThanOrEqualTo;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.startsWith;

/**
 * The web console on the demo data ({@link LoadedDemo}) in headless chromium (tools/browser/console.mjs, steps
 * demoPartner and demoManager). A partner's staff (LKS Kumala) goes through everyone in its reach, its classes and
 * its distributions, each list exactly what the API gives that partner and none of another partner's records, and
 * another partner's person, class and distribution opened by their addresses show "not found" and nothing of them.
 * The programme manager's dashboard shows every figure exactly as the API answers the manager: people by cluster
 * and by province (named), participants per programme, and aid by programme, region, partner and funding source to
 * the rupiah. axe-core finds no serious or critical violation on any screen visited; screenshots are kept in
 * system-tests/target/browser/console-demo/.
 */
@ExtendWith(SharedPlatform.class)
class ConsoleDemoBrowserSystemTest {

    private static final Duration BROWSER_TIMEOUT = Duration.ofMinutes(5);
    private static final String PARTNER = "partner-kumala";
    /** The console's page size for people, classes and distributions. */
    private static final int PAGE = 20;
    private static final String NOT_RECORDED = "Tidak tercatat";
    /** The dashboard's period in the test: from before the demo's stories to the programme's today. */
    private static final String PERIOD_START = "2019-01-01";

    private final RunningPlatform platform = SharedPlatform.get();

    @BeforeAll
    static void requireBrowserTools() {
        BrowserScript.requireTools("playwright-core", "axe-core");
    }

    @Test
    void aPartnerSeesOnlyItsOwnRecordsAndTheManagersDashboardShowsTheApisFiguresToTheRupiah() {
        DemoLoader.Result demo = LoadedDemo.get(platform);
        String kumala = demo.partners().get("kumala");
        String suaraPeduli = demo.partners().get("suara-peduli");
        String admin = LoadedDemo.token(DemoLoader.ADMIN);
        String partner = LoadedDemo.token(PARTNER);
        String manager = LoadedDemo.token(DemoLoader.MANAGER);

        JsonPath otherPerson = get(admin, "/api/v1/beneficiaries?size=1&partnerId=" + suaraPeduli);
        String otherPersonId = otherPerson.getString("items[0].id");
        Map<String, Object> otherClass = get(admin, "/api/v1/training/classes?size=200").<Map<String, Object>>getList("items").stream()
                .filter(c -> !((List<?>) c.get("providerPartnerIds")).isEmpty() && !((List<?>) c.get("providerPartnerIds")).contains(kumala))
                .findFirst().orElseThrow(() -> new AssertionError("the demo has no class of another partner"));
        Map<String, Object> otherDistribution = get(admin, "/api/v1/aid/distributions?size=200").<Map<String, Object>>getList("items").stream()
                .filter(d -> d.get("channellingPartnerId") != null && !kumala.equals(d.get("channellingPartnerId")))
                .findFirst().orElseThrow(() -> new AssertionError("the demo has no distribution another partner channels"));
        String otherClassId = (String) otherClass.get("id");
        String otherDistributionId = (String) otherDistribution.get("id");
        for (String path : List.of("/api/v1/beneficiaries/" + otherPersonId, "/api/v1/training/classes/" + otherClassId,
                "/api/v1/aid/distributions/" + otherDistributionId)) {
            given().auth().oauth2(partner).when().get(path).then().statusCode(404);
        }

        // The realm lets the console back only to addresses it knows; this gateway's port is known only now.
        LoadedDemo.keycloak().addRedirectUri("atensi-console", platform.gatewayUrl() + "/console/");
        String mulyaJaya = demo.units().get("mulya-jaya");
        String today = LocalDate.now(ZoneId.of("Asia/Jakarta")).toString();
        Map<String, Object> scenario = Map.of(
                "steps", List.of("demoPartner", "demoManager"),
                "filters", Map.of("from", PERIOD_START, "to", today, "unit", mulyaJaya),
                "partner", Map.of("username", PARTNER, "password", LoadedDemo.PASSWORD),
                "manager", Map.of("username", DemoLoader.MANAGER, "password", LoadedDemo.PASSWORD),
                "otherPartner", Map.of(
                        "personId", otherPersonId,
                        "personWords", List.of(otherPerson.getString("items[0].fullName"), otherPerson.getString("items[0].nik")),
                        "classId", otherClassId, "classWords", List.of(otherClass.get("title")),
                        "distributionId", otherDistributionId, "distributionWords", List.of(otherDistribution.get("recipientId"))));
        JsonPath report = new BrowserScript("console.mjs", platform, "console-demo").scenario(scenario).timeout(BROWSER_TIMEOUT).run();
        assertThat("script errors on the pages", report.getList("pageErrors"), empty());

        JsonPath shown = JsonPath.from(report.prettify()).setRootPath("demoPartner");
        List<String> ownPeople = get(partner, "/api/v1/beneficiaries?size=" + PAGE).getList("items.id", String.class);
        assertThat("the partner's people, as the API lists them for it", shown.getList("people", String.class),
                containsInAnyOrder(ownPeople.toArray()));
        assertThat(shown.getList("people"), hasSize(16));
        assertThat(shown.getString("peopleCaption"), equalTo("16 ditemukan"));
        List<String> othersPeople = get(admin, "/api/v1/beneficiaries?size=200&partnerId=" + suaraPeduli).getList("items.id", String.class);
        for (String id : shown.getList("people", String.class)) {
            assertThat("a listed person is another partner's", othersPeople.contains(id), is(false));
        }
        assertThat("its own case file opens", shown.getInt("ownCaseFile.facts"), equalTo(1));
        assertThat(shown.getInt("ownCaseFile.error"), equalTo(0));
        // The demo records no consent to sharing: the partner reads its person's record, withheld, and no timeline.
        assertThat("the timeline withheld, in words", shown.getList("ownCaseFile.hints", String.class),
                hasItem("Riwayat tidak dibagikan kepada mitra tanpa persetujuan orang ini."));

        List<String> ownClasses = get(partner, "/api/v1/training/classes?size=" + PAGE).getList("items.id", String.class);
        assertThat("the partner's classes, as the API lists them for it", shown.getList("classes", String.class),
                containsInAnyOrder(ownClasses.toArray()));
        assertThat(shown.getList("classes"), not(hasItem(otherClassId)));
        if (!ownClasses.isEmpty()) {
            assertThat("its own class opens", shown.getInt("ownClass.error"), equalTo(0));
        }

        JsonPath ownDistributions = get(partner, "/api/v1/aid/distributions?size=" + PAGE);
        assertThat("the partner's distributions, as the API lists them for it", shown.getList("distributions", String.class),
                containsInAnyOrder(ownDistributions.getList("items.id").toArray()));
        assertThat(shown.getList("distributions"), hasSize(2));
        assertThat(ownDistributions.getList("items.channellingPartnerId", String.class), everyItem(equalTo(kumala)));
        assertThat("its own distribution opens", shown.getInt("ownDistribution.facts"), equalTo(1));

        for (String other : List.of("otherPerson", "otherClass", "otherDistribution")) {
            assertThat(other + " is not found", shown.getString(other + ".error"), startsWith("Tidak ditemukan, atau di luar jangkauan Anda."));
            assertThat(other + " names the request", shown.getString(other + ".error"), containsString("ID permintaan:"));
            assertThat(other + ": no facts of it", shown.getInt(other + ".facts"), equalTo(0));
            assertThat(other + ": no list of it", shown.getInt(other + ".rows"), equalTo(0));
            assertThat(other + ": none of its words", shown.getList(other + ".shownWords"), empty());
        }
        Set<String> others = Set.of(otherPersonId, otherClassId, otherDistributionId);
        String withheldTimeline = "403 GET /api/v1/beneficiaries/" + shown.getString("people[0]") + "/timeline";
        for (String failed : report.getList("failedResponses", String.class)) {
            assertThat("the only failed requests are the other partner's records and the withheld timeline: " + failed,
                    failed.equals(withheldTimeline) || failed.startsWith("404 GET ") && others.stream().anyMatch(failed::contains), is(true));
        }

        JsonPath dashboard = JsonPath.from(report.prettify()).setRootPath("demoManager");
        assertThat("the manager lands on the dashboard", dashboard.getString("landing"), equalTo("#/dashboard"));
        assertThat(dashboard.getList("panels.heading", String.class), equalTo(List.of("Penerima manfaat", "Pelatihan", "Bantuan")));

        List<Map<String, Object>> byCluster = get(manager, "/api/v1/beneficiaries/counts?by=cluster").getList("counts");
        assertThat("people by cluster, as counted by the API", column(dashboard.getList("panels[0].tables[0].rows"), 1),
                equalTo(byCluster.stream().map(c -> grouped(((Number) c.get("count")).longValue())).toList()));
        List<List<String>> byProvince = provinceRows(manager, "");
        assertThat("people by province, named", dashboard.getList("panels[0].tables[1].rows"), equalTo(byProvince));
        assertThat("the demo's people are in several provinces", byProvince.size() > 1, is(true));

        Map<String, String> shownParticipants = shownParticipants(dashboard.getList("panels[1].tables[0].rows"));
        assertThat("participants per programme, as each report says", shownParticipants, equalTo(participants(manager, "")));
        assertThat(shownParticipants.get("PENA workshop, Sentra Mulya Jaya"), equalTo("546"));

        for (String by : List.of("programme", "region", "partner", "funding-source")) {
            assertThat("aid by " + by + ", to the rupiah", dashboard.getMap("aid").get(by), equalTo((Object) aidRows(manager, by, "")));
        }

        String period = "&from=" + PERIOD_START + "&to=" + today;
        assertThat("the filters are in the address", dashboard.getString("filtered.address"),
                equalTo("#/dashboard?aidBy=programme&from=" + PERIOD_START + "&to=" + today + "&unit=" + mulyaJaya));
        List<List<String>> unitsProvinces = provinceRows(manager, period + "&serviceUnitId=" + mulyaJaya);
        assertThat("people of the unit in the period, by province", dashboard.getList("filtered.panels[0].tables[1].rows"), equalTo(unitsProvinces));
        assertThat("Mulya Jaya's 669 people", get(manager, "/api/v1/beneficiaries/counts?by=province" + period + "&serviceUnitId=" + mulyaJaya)
                .getList("counts.count", Integer.class).stream().mapToInt(Integer::intValue).sum(), equalTo(669));
        assertThat("participants of the unit's classes starting in the period",
                shownParticipants(dashboard.getList("filtered.panels[1].tables[0].rows")), equalTo(participants(manager, period + "&hostUnitId=" + mulyaJaya)));
        // A panel with no rows says so in words instead of showing an empty table.
        List<List<String>> shownAid = dashboard.getList("filtered.panels[2].tables").isEmpty() ? List.of()
                : dashboard.getList("filtered.panels[2].tables[0].rows");
        assertThat("the unit's aid proposed in the period, to the rupiah", shownAid,
                equalTo(aidRows(manager, "programme", period + "&serviceUnitId=" + mulyaJaya)));
        String rakornas = DemoLoader.stories().getJsonObject("aid").getJsonObject("programme").getString("name");
        assertThat("Rakornas delivered exactly", dashboard.<List<String>>getList("aid.programme").stream()
                .filter(row -> row.get(0).equals(rakornas)).map(row -> row.get(4)).toList(), equalTo(List.of("Rp 325.000.000")));
        assertThat("nothing wider than a phone's screen", dashboard.getInt("phone.scrollWidth"), lessThanOrEqualTo(dashboard.getInt("phone.viewportWidth")));

        List<String> screens = report.getList("axeChecked", String.class);
        assertThat(screens, hasItems("partner-people", "partner-case-file", "partner-classes", "partner-aid", "partner-distribution",
                "partner-other-person", "manager-dashboard", "manager-dashboard-by-funding-source", "manager-dashboard-phone"));
        for (String screen : screens) {
            assertThat("axe-core's serious and critical violations on " + screen, report.getList("axe." + screen), empty());
        }
    }

    /** People by province as the console shows them: named, counted as the API counts them with the given filters. */
    private static List<List<String>> provinceRows(String manager, String filters) {
        return get(manager, "/api/v1/beneficiaries/counts?by=province" + filters).<Map<String, Object>>getList("counts").stream()
                .map(c -> List.of(c.get("key") == null ? NOT_RECORDED : province((String) c.get("key")), grouped(((Number) c.get("count")).longValue())))
                .toList();
    }

    /** Each programme's participants, by title, from its report with the given filters. */
    private static Map<String, String> participants(String manager, String filters) {
        Map<String, String> participants = new LinkedHashMap<>();
        for (Map<String, Object> programme : get(manager, "/api/v1/training/programmes?size=" + PAGE).<Map<String, Object>>getList("items")) {
            String path = "/api/v1/training/programmes/" + programme.get("id") + "/report";
            JsonPath programmeReport = get(manager, filters.isEmpty() ? path : path + "?" + filters.substring(1));
            participants.put(programmeReport.getString("title"), grouped(programmeReport.getLong("totals.participants")));
        }
        return participants;
    }

    private static Map<String, String> shownParticipants(List<List<String>> rows) {
        Map<String, String> shown = new LinkedHashMap<>();
        for (List<String> row : rows) {
            shown.put(row.get(0), row.get(1));
        }
        return shown;
    }

    /** The aid totals grouped by, with the given filters, as the console shows them: label, count and rupiah. */
    private static List<List<String>> aidRows(String manager, String by, String filters) {
        List<List<String>> expected = new ArrayList<>();
        for (Map<String, Object> row : get(manager, "/api/v1/aid/reports/totals?by=" + by + filters).<Map<String, Object>>getList("$")) {
            String label = "region".equals(by)
                    ? ("UNKNOWN".equals(row.get("key")) || row.get("key") == null ? NOT_RECORDED : province((String) row.get("key")))
                    : row.get("label") != null ? (String) row.get("label") : row.get("key") != null ? (String) row.get("key") : NOT_RECORDED;
            expected.add(List.of(label, grouped(number(row, "distributions")), rupiah(number(row, "proposedIdr")),
                    rupiah(number(row, "committedIdr")), rupiah(number(row, "deliveredIdr"))));
        }
        return expected;
    }

    private static JsonPath get(String token, String path) {
        return given().auth().oauth2(token).when().get(path).then().statusCode(200).extract().jsonPath();
    }

    private static List<String> column(List<List<String>> rows, int index) {
        return rows.stream().map(row -> row.get(index)).toList();
    }

    private static long number(Map<String, Object> row, String name) {
        return ((Number) row.get(name)).longValue();
    }

    /** As the console shows a province: the ministry's name, then the code. */
    private static String province(String code) {
        return Regions.provinceName(code).map(name -> name + " (" + code + ")").orElse(code);
    }

    /** A count as the console shows it in Indonesian: grouped by thousands with dots. */
    private static String grouped(long value) {
        DecimalFormatSymbols symbols = new DecimalFormatSymbols(Locale.ROOT);
        symbols.setGroupingSeparator('.');
        return new DecimalFormat("#,##0", symbols).format(value);
    }

    private static String rupiah(long value) {
        return "Rp " + grouped(value);
    }
}
