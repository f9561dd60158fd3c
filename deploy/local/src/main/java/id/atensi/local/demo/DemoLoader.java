package id.atensi.local.demo;

import id.atensi.local.KeycloakAdmin;
import id.atensi.local.LocalRealm;
import jakarta.json.Json;
import jakarta.json.JsonArray;
import jakarta.json.JsonArrayBuilder;
import jakarta.json.JsonObject;
import jakarta.json.JsonObjectBuilder;
import jakarta.json.JsonReader;
import jakarta.json.JsonString;
import jakarta.json.JsonValue;

import java.io.IOException;
import java.io.InputStream;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.stream.Collectors;

import static id.atensi.local.demo.RequestBodies.array;
import static id.atensi.local.demo.RequestBodies.object;

/**
 * Loads the demo into a running platform through its public API, via the gateway, as the platform's users would: the
 * stories of docs/programme.md ({@code /demo/stories.json}), the {@link SyntheticPeople}, and a Keycloak user for every
 * role, unit and partner of it. Idempotent: each record is looked up by its natural key before it is made (and
 * creations carry an Idempotency-Key besides), imports count known NIKs as unchanged, and a lifecycle step is taken
 * only from the state before it, so a second load changes nothing.
 */
public final class DemoLoader {

    /** The realm has no manager role: a programme manager reads every unit's and partner's figures, which is the auditor's reach. */
    public static final String MANAGER = "demo-manager";
    public static final String ADMIN = "demo-admin";
    public static final String AUDITOR = "demo-auditor";
    public static final String VIEWER = "demo-viewer";

    private static final ZoneId JAKARTA = ZoneId.of("Asia/Jakarta");
    private static final int REST_START = 295;

    /** A demo user of Keycloak: its name, realm role, and the unit or partner it works for. */
    public record DemoUser(String username, String role, String unitId, String partnerId, String worksFor) {
    }

    /** What the load found or made. */
    public record Result(Map<String, String> units, Map<String, String> partners, List<DemoUser> users, int people, Duration took) {

        public DemoUser user(String username) {
            return users.stream().filter(user -> user.username().equals(username)).findFirst()
                    .orElseThrow(() -> new IllegalArgumentException("no demo user " + username));
        }
    }

    private final Gateway gateway;
    private final KeycloakAdmin keycloak;
    private final String password;
    private final PrintStream progress;
    private final JsonObject stories;
    private final Map<String, String> tokens = new ConcurrentHashMap<>();
    private final Map<String, DemoUser> users = new LinkedHashMap<>();
    private final Map<String, String> units = new LinkedHashMap<>();
    private final Map<String, String> partners = new LinkedHashMap<>();
    private final Map<String, String> partnerNames = new HashMap<>();
    private final Map<String, String> beneficiaryByNik = new HashMap<>();
    private long began;

    /**
     * @param gatewayUrl the platform's gateway, e.g. http://localhost:8080
     * @param keycloak   the admin API of the realm's Keycloak, for the demo users
     * @param password   the password every demo user gets (set when the user is made)
     * @param progress   where the load says what it is doing
     */
    public DemoLoader(String gatewayUrl, KeycloakAdmin keycloak, String password, PrintStream progress) {
        this.gateway = new Gateway(gatewayUrl);
        this.keycloak = keycloak;
        this.password = password;
        this.progress = progress;
        this.stories = stories();
    }

    /** The story data as the loader reads it. */
    public static JsonObject stories() {
        try (InputStream in = DemoLoader.class.getResourceAsStream("/demo/stories.json")) {
            if (in == null) {
                throw new IllegalStateException("/demo/stories.json is not on the classpath");
            }
            try (JsonReader reader = Json.createReader(in)) {
                return reader.readObject();
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public Result load() {
        began = System.nanoTime();
        user(ADMIN, "admin", null, null, "the whole platform");
        user(MANAGER, "auditor", null, null, "programme manager: every unit's and partner's figures (role auditor)");
        user(AUDITOR, "auditor", null, null, "reads everything, changes nothing");
        user(VIEWER, "viewer", null, null, "reads everything, personal data masked");
        loadUnits();
        loadPartners();
        loadNetworks();
        loadAgreements();
        List<SyntheticPeople.Person> people = SyntheticPeople.demo();
        loadPeople(people);
        loadCommunities(people);
        loadTrainings(people);
        loadAid();
        Duration took = Duration.ofNanos(System.nanoTime() - began);
        say("Demo loaded in " + took.toSeconds() + " s.");
        return new Result(Map.copyOf(units), Map.copyOf(partners), List.copyOf(users.values()), people.size(), took);
    }

    // ---------------------------------------------------------------------------------------------
    // Units, partners, networks, agreements (partner-service)
    // ---------------------------------------------------------------------------------------------

    private void loadUnits() {
        int made = 0;
        for (JsonObject unit : objects(stories, "units")) {
            String key = unit.getString("key");
            String name = unit.getString("name");
            String id = findByName("/api/v1/service-units", "q", name, "name");
            if (id == null) {
                JsonObject body = object("name", name, "kind", unit.getString("kind"), "provinceCode", unit.getString("provinceCode"),
                        "regencyCode", unit.getString("regencyCode"), "residentialCapacity", unit.getInt("residentialCapacity"),
                        "clusters", unit.getJsonArray("clusters"));
                id = gateway.post(admin(), "/api/v1/service-units", body, "demo-unit-" + key, 201).id();
                made++;
            }
            units.put(key, id);
            user("officer-" + key, "officer", id, null, "officer of " + name);
        }
        say("Service units: " + units.size() + " (" + made + " new), each with its officer.");
    }

    private void loadPartners() {
        int made = 0;
        List<JsonObject> all = new ArrayList<>(objects(stories, "partners"));
        JsonObject network = stories.getJsonObject("phalaMarthaNetwork");
        for (JsonArray lks : network.getJsonArray("lks").getValuesAs(JsonArray.class)) {
            all.add(object("key", slug(lks.getString(0)), "type", "LKS", "legalName", lks.getString(0), "provinceCode", lks.getString(1),
                    "regencyCode", lks.getString(2), "clusters", array("PERSONS_WITH_DISABILITIES")));
        }
        for (JsonObject partner : all) {
            String key = partner.getString("key");
            String name = partner.getString("legalName");
            String id = findByName("/api/v1/partners", "q", name, "legalName");
            if (id == null) {
                JsonObjectBuilder body = Json.createObjectBuilder().add("type", partner.getString("type")).add("legalName", name)
                        .add("provinceCode", partner.getString("provinceCode")).add("regencyCode", partner.getString("regencyCode"))
                        .add("clusters", partner.getJsonArray("clusters"));
                if (partner.containsKey("shortName")) {
                    body.add("shortName", partner.getString("shortName"));
                }
                if (partner.containsKey("parent")) {
                    body.add("parentId", partners.get(partner.getString("parent")));
                }
                if (partner.getString("type").equals("LKS")) {
                    // Accreditation is an LKS's; a grade valid for years keeps the demo's LKS out of the lapsed list.
                    body.add("accreditationGrade", "A").add("accreditationExpiresOn", LocalDate.now(JAKARTA).plusYears(3).withDayOfYear(1).toString());
                }
                id = gateway.post(admin(), "/api/v1/partners", body.build(), "demo-partner-" + key, 201).id();
                made++;
            }
            partners.put(key, id);
            partnerNames.put(key, name);
            user("partner-" + key, "partner", null, id, "staff of " + name);
        }
        say("Partners: " + partners.size() + " (" + made + " new), each with a staff user.");
    }

    private void loadNetworks() {
        List<JsonObject> networks = new ArrayList<>(objects(stories, "networks"));
        JsonObject phalaMartha = stories.getJsonObject("phalaMarthaNetwork");
        JsonArrayBuilder links = Json.createArrayBuilder();
        for (JsonArray lks : phalaMartha.getJsonArray("lks").getValuesAs(JsonArray.class)) {
            links.add(object("partner", slug(lks.getString(0)), "focus", phalaMartha.getString("focus")));
        }
        networks.add(object("unit", phalaMartha.getString("unit"), "since", phalaMartha.getString("since"), "links", links.build()));
        int made = 0;
        for (JsonObject network : networks) {
            String unit = units.get(network.getString("unit"));
            String officer = token("officer-" + network.getString("unit"));
            Set<String> linked = gateway.get(officer, "/api/v1/service-units/" + unit + "/partners", 200).array().getValuesAs(JsonObject.class)
                    .stream().map(link -> link.getString("partnerId")).collect(Collectors.toSet());
            JsonArrayBuilder missing = Json.createArrayBuilder();
            int count = 0;
            for (JsonObject link : objects(network, "links")) {
                String partner = partners.get(link.getString("partner"));
                if (!linked.contains(partner)) {
                    missing.add(Json.createObjectBuilder().add("partnerId", partner).add("since", network.getString("since"))
                            .add("focus", link.getString("focus")).add("notes", link.containsKey("notes") ? link.get("notes") : JsonValue.NULL));
                    count++;
                }
            }
            if (count > 0) {
                gateway.post(officer, "/api/v1/service-units/" + unit + "/partners", object("partners", missing.build()), null, 201);
                made += count;
            }
        }
        say("Units' partner networks: " + made + " new links (Phala Martha's 21 LKS among them).");
    }

    private void loadAgreements() {
        int made = 0;
        for (JsonObject agreement : objects(stories, "agreements")) {
            String number = agreement.getString("number");
            String signer = agreement.getString("signedBy");
            String token = signer.equals("admin") ? admin() : token("officer-" + signer.substring("officer:".length()));
            JsonObject found = find(admin(), "/api/v1/agreements", "q", number, "number");
            if (found == null) {
                JsonArrayBuilder parties = Json.createArrayBuilder();
                for (JsonObject party : objects(agreement, "parties")) {
                    parties.add(party.containsKey("unit") ? object("serviceUnitId", units.get(party.getString("unit")), "role", party.getString("role"))
                            : object("partnerId", partners.get(party.getString("partner")), "role", party.getString("role")));
                }
                JsonObject scope = agreement.getJsonObject("scope");
                JsonObjectBuilder scopeBody = Json.createObjectBuilder().add("services", scope.getJsonArray("services"));
                for (String member : List.of("clusters", "regionCodes")) {
                    if (scope.containsKey(member)) {
                        scopeBody.add(member, scope.getJsonArray(member));
                    }
                }
                if (scope.containsKey("units")) {
                    scopeBody.add("serviceUnitIds", ids(scope.getJsonArray("units"), units));
                }
                JsonArrayBuilder commitments = Json.createArrayBuilder();
                for (JsonObject commitment : objects(agreement, "commitments")) {
                    JsonObjectBuilder line = Json.createObjectBuilder(commitment).remove("partner")
                            .add("partnerId", partners.get(commitment.getString("partner")));
                    commitments.add(line);
                }
                JsonObject body = Json.createObjectBuilder().add("number", number).add("title", agreement.getString("title"))
                        .add("kind", agreement.getString("kind")).add("startsOn", agreement.getString("startsOn"))
                        .add("endsOn", agreement.getString("endsOn")).add("parties", parties).add("scope", scopeBody)
                        .add("commitments", commitments).build();
                found = gateway.post(token, "/api/v1/agreements", body, "demo-agreement-" + number, 201).object();
                made++;
            }
            String id = found.getString("id");
            if (found.getString("status").equals("DRAFT")) {
                JsonArrayBuilder signatories = Json.createArrayBuilder();
                for (JsonObject signatory : objects(agreement, "signatories")) {
                    String party = signatory.getString("party");
                    String partyId = party.startsWith("unit:") ? units.get(party.substring(5)) : partners.get(party.substring(8));
                    signatories.add(object("name", signatory.getString("name"), "title", signatory.getString("title"), "partyId", partyId));
                }
                found = gateway.post(token, "/api/v1/agreements/" + id + "/signature",
                        object("signedOn", agreement.getString("signedOn"), "signatories", signatories.build()), null, 200).object();
            }
            // An agreement of the past is EXPIRED once signed; one still in its period is put in force.
            if (found.getString("status").equals("SIGNED")) {
                gateway.post(token, "/api/v1/agreements/" + id + "/activation", null, null, 200);
            }
        }
        say("Agreements: " + objects(stories, "agreements").size() + " (" + made + " new), signed and, where their period runs, active.");
    }

    // ---------------------------------------------------------------------------------------------
    // People (beneficiary-service): JSON-lines imports, one per unit's officer and per coaching LKS
    // ---------------------------------------------------------------------------------------------

    /** Who registers each synthetic person, by index: the story segments first, then the rest round the units. */
    static String registrar(int index) {
        if (index < 243) {
            return "officer-mulya-jaya";
        }
        if (index < 255) {
            return "officer-budi-perkasa";
        }
        if (index < REST_START) {
            return "partner-" + communityCoach(index);
        }
        return "officer-" + List.of("pangudi-luhur", "phala-martha", "budi-perkasa", "mulya-jaya").get((index - REST_START) % 4);
    }

    private static String communityCoach(int index) {
        return List.of("kumala", "kumala", "suara-peduli", "erbe", "balarenik").get((index - 255) / 8);
    }

    private static String clusterOf(int index, SyntheticPeople.Person person) {
        if (index >= 243 && index < 255) {
            return "PERSONS_WITH_DISABILITIES";
        }
        if (index >= 255 && index < REST_START) {
            return "SOCIAL_EXCLUSION";
        }
        return person.cluster();
    }

    private void loadPeople(List<SyntheticPeople.Person> people) {
        Map<String, StringBuilder> files = new LinkedHashMap<>();
        Map<String, Integer> counts = new LinkedHashMap<>();
        for (int i = 0; i < people.size(); i++) {
            SyntheticPeople.Person person = people.get(i);
            JsonObjectBuilder row = Json.createObjectBuilder().add("fullName", person.fullName()).add("nik", person.nik())
                    .add("birthDate", person.birthDate().toString()).add("sex", person.sex()).add("birthPlace", person.birthPlace())
                    .add("provinceCode", person.provinceCode()).add("regencyCode", person.regencyCode()).add("districtCode", person.districtCode())
                    .add("addressLine", person.addressLine()).add("clusters", array(clusterOf(i, person)));
            if (person.villageCode() != null) {
                row.add("villageCode", person.villageCode());
            }
            files.computeIfAbsent(registrar(i), who -> new StringBuilder()).append(row.build()).append('\n');
            counts.merge(registrar(i), 1, Integer::sum);
        }
        say("Importing " + people.size() + " synthetic people (seed " + SyntheticPeople.SEED + ") as JSON lines, "
                + files.size() + " imports: one per unit's officer and per coaching LKS...");
        int registered = 0;
        int unchanged = 0;
        for (Map.Entry<String, StringBuilder> file : files.entrySet()) {
            String token = token(file.getKey());
            Gateway.Answer accepted = gateway.postText(token, "/api/v1/beneficiary-imports", "application/x-ndjson", file.getValue().toString(), 202);
            String job = accepted.object().getString("id");
            JsonObject state = accepted.object();
            long lastSaid = 0;
            while (state.getString("status").equals("RUNNING")) {
                sleep(Duration.ofMillis(500));
                state = gateway.get(token, "/api/v1/beneficiary-imports/" + job, 200).object();
                if (state.getString("status").equals("RUNNING") && System.nanoTime() - lastSaid > Duration.ofSeconds(5).toNanos()) {
                    say("  " + file.getKey() + ": " + state.getInt("done") + " of " + state.getInt("total") + " rows");
                    lastSaid = System.nanoTime();
                }
            }
            if (!state.getString("status").equals("DONE") || state.getInt("rejected") > 0) {
                throw new IllegalStateException("the import of " + file.getKey() + " ended " + state.getString("status") + " with "
                        + state.getInt("rejected") + " rejected rows: " + state.getOrDefault("rejections", JsonValue.NULL)
                        + (state.containsKey("failure") ? " (" + state.getString("failure") + ")" : ""));
            }
            registered += state.getInt("registered");
            unchanged += state.getInt("unchanged");
            say("  " + file.getKey() + ": " + counts.get(file.getKey()) + " rows, " + state.getInt("registered") + " registered, "
                    + state.getInt("unchanged") + " known already");
        }
        say("People: " + people.size() + " (" + registered + " new, " + unchanged + " known already).");
        // The records' ids, for enrolments and community groups, by NIK: those of the demo's units and LKS, as the admin
        // sees them unmasked (not the whole registry, which may hold a benchmark's million).
        List<Map<String, String>> filters = new ArrayList<>();
        units.values().forEach(unit -> filters.add(Map.of("serviceUnitId", unit)));
        files.keySet().stream().filter(who -> who.startsWith("partner-"))
                .forEach(who -> filters.add(Map.of("partnerId", partners.get(who.substring("partner-".length())))));
        for (Map<String, String> filter : filters) {
            for (JsonObject person : gateway.all(admin(), "/api/v1/beneficiaries", filter)) {
                if (person.containsKey("nik")) {
                    beneficiaryByNik.put(person.getString("nik"), person.getString("id"));
                }
            }
        }
        for (SyntheticPeople.Person person : people) {
            if (!beneficiaryByNik.containsKey(person.nik())) {
                throw new IllegalStateException("a demo person imported without rejection is not in the beneficiary list: " + person.fullName());
            }
        }
    }

    private String beneficiary(List<SyntheticPeople.Person> people, int index) {
        return beneficiaryByNik.get(people.get(index).nik());
    }

    // ---------------------------------------------------------------------------------------------
    // Scavenger communities (beneficiary-service) and the Rakornas aid (aid-service)
    // ---------------------------------------------------------------------------------------------

    private final Map<String, String> communities = new LinkedHashMap<>();

    private void loadCommunities(List<SyntheticPeople.Person> people) {
        JsonObject aid = stories.getJsonObject("aid");
        int made = 0;
        int index = 255;
        for (JsonObject community : objects(aid, "communities")) {
            String name = community.getString("name");
            String coach = partners.get(community.getString("coach"));
            int size = community.getInt("members");
            String id = gateway.all(admin(), "/api/v1/community-groups", Map.of("coachingPartnerId", coach)).stream()
                    .filter(group -> group.getString("name").equals(name)).map(group -> group.getString("id")).findFirst().orElse(null);
            if (id == null) {
                JsonArrayBuilder members = Json.createArrayBuilder();
                for (int m = 0; m < size; m++) {
                    members.add(beneficiary(people, index + m));
                }
                JsonObject body = object("name", name, "description", aid.getString("communityNote"), "coachingPartnerId", coach,
                        "provinceCode", aid.getString("provinceCode"), "regencyCode", aid.getString("regencyCode"), "memberIds", members.build(),
                        "coordinatorId", beneficiary(people, index), "serviceUnitId", units.get(aid.getString("unit")));
                id = gateway.post(admin(), "/api/v1/community-groups", body, null, 201).id();
                made++;
            }
            communities.put(name, id);
            index += size;
        }
        say("Scavenger communities: " + communities.size() + " (" + made + " new), coached by their LKS.");
    }

    private void loadAid() {
        JsonObject aid = stories.getJsonObject("aid");
        Map<String, String> items = new HashMap<>();
        List<JsonObject> knownItems = gateway.all(admin(), "/api/v1/aid/items", Map.of());
        for (JsonObject item : objects(aid, "items")) {
            String code = item.getString("code");
            String id = knownItems.stream().filter(known -> known.getString("code").equals(code)).map(known -> known.getString("id"))
                    .findFirst().orElse(null);
            if (id == null) {
                JsonObject body = Json.createObjectBuilder(item).remove("key").build();
                id = gateway.post(admin(), "/api/v1/aid/items", body, "demo-item-" + code, 201).id();
            }
            items.put(item.getString("key"), id);
        }
        JsonObject programme = aid.getJsonObject("programme");
        String name = programme.getString("name");
        JsonObject found = gateway.all(admin(), "/api/v1/aid/programmes", Map.of()).stream()
                .filter(known -> known.getString("name").equals(name)).findFirst().orElse(null);
        if (found == null) {
            String periodEnd = LocalDate.now(JAKARTA).plusYears(1).withMonth(12).withDayOfMonth(31).toString();
            JsonObject body = Json.createObjectBuilder(programme).remove("note").add("periodEnd", periodEnd).build();
            found = gateway.post(admin(), "/api/v1/aid/programmes", body, "demo-aid-programme-" + slug(name), 201).object();
        }
        String programmeId = found.getString("id");
        String source = found.getJsonArray("fundingSources").getJsonObject(0).getString("id");
        JsonArrayBuilder lines = Json.createArrayBuilder();
        for (JsonObject line : objects(aid, "lines")) {
            lines.add(object("itemId", items.get(line.getString("item")), "quantity", line.getInt("quantity")));
        }
        JsonArray distributionLines = lines.build();
        int delivered = 0;
        for (JsonObject community : objects(aid, "communities")) {
            String group = communities.get(community.getString("name"));
            String partnerUser = "partner-" + community.getString("coach");
            String partner = token(partnerUser);
            JsonObject distribution = gateway.all(admin(), "/api/v1/aid/distributions",
                            Map.of("programmeId", programmeId, "recipientKind", "COMMUNITY_GROUP", "recipientId", group)).stream()
                    .filter(known -> !known.getString("status").equals("CANCELLED")).findFirst().orElse(null);
            if (distribution == null) {
                JsonObject body = object("programmeId", programmeId, "fundingSourceId", source, "recipientKind", "COMMUNITY_GROUP",
                        "recipientId", group, "lines", distributionLines);
                distribution = gateway.post(partner, "/api/v1/aid/distributions", body, "demo-aid-" + group, 201).object();
            }
            String id = distribution.getString("id");
            String path = "/api/v1/aid/distributions/" + id;
            if (distribution.getString("status").equals("PROPOSED")) {
                distribution = gateway.post(admin(), path + "/approve", null, null, 200).object();
            }
            if (distribution.getString("status").equals("APPROVED")) {
                distribution = gateway.post(partner, path + "/dispatch", null, null, 200).object();
            }
            if (distribution.getString("status").equals("DISPATCHED")) {
                JsonObject proof = Json.createObjectBuilder(aid.getJsonObject("proof"))
                        .add("receivedAt", OffsetDateTime.now(JAKARTA).minusMinutes(1).truncatedTo(ChronoUnit.SECONDS).toString()).build();
                distribution = gateway.post(partner, path + "/deliver", object("proof", proof), null, 200).object();
            }
            if (distribution.getString("status").equals("DELIVERED")) {
                delivered++;
            }
        }
        say("Rakornas aid: " + delivered + " of " + communities.size() + " scavenger communities delivered their machines ("
                + "programme " + programmeId + ").");
    }

    // ---------------------------------------------------------------------------------------------
    // Trainings (training-service)
    // ---------------------------------------------------------------------------------------------

    private void loadTrainings(List<SyntheticPeople.Person> people) {
        List<JsonObject> trainings = objects(stories, "trainings");
        loadTraining(trainings.get(0), List.of(), people);
        loadTraining(trainings.get(1), indices(243, 255), people);
        loadTraining(trainings.get(2), indices(0, 243), people);
    }

    private static List<Integer> indices(int from, int to) {
        List<Integer> indices = new ArrayList<>();
        for (int i = from; i < to; i++) {
            indices.add(i);
        }
        return indices;
    }

    private void loadTraining(JsonObject training, List<Integer> beneficiaries, List<SyntheticPeople.Person> people) {
        String unitKey = training.getString("unit");
        String officer = token("officer-" + unitKey);
        String title = training.getString("title");
        String programme = gateway.all(officer, "/api/v1/training/programmes", Map.of()).stream()
                .filter(known -> known.getString("title").equals(title)).map(known -> known.getString("id")).findFirst().orElse(null);
        if (programme == null) {
            programme = gateway.post(officer, "/api/v1/training/programmes", object("title", title, "skillAreas", training.getJsonArray("skillAreas")),
                    null, 201).id();
        }
        List<JsonObject> known = gateway.all(officer, "/api/v1/training/classes", Map.of("programmeId", programme));
        JsonObject defaults = training.getJsonObject("classDefaults");
        JsonObject participants = training.getJsonObject("participants");
        List<JsonObject> classes = objects(training, "classes");
        int enrolled = 0;
        int nextBeneficiary = 0;
        Map<String, String> classIds = new HashMap<>();
        Map<String, List<Participant>> classParticipants = new HashMap<>();
        for (int c = 0; c < classes.size(); c++) {
            JsonObject spec = classes.get(c);
            String classTitle = spec.getString("title");
            JsonObject found = known.stream().filter(k -> k.getString("title").equals(classTitle)).findFirst().orElse(null);
            List<Participant> wanted = participants(training, c, beneficiaries, nextBeneficiary, people);
            nextBeneficiary += wanted.stream().filter(p -> p.beneficiaryId() != null).count();
            if (found == null) {
                JsonArray providers = spec.containsKey("providers") ? spec.getJsonArray("providers") : defaults.getJsonArray("providers");
                String audience = wanted.get(0).audience();
                JsonObjectBuilder body = Json.createObjectBuilder().add("programmeId", programme).add("title", classTitle)
                        .add("skillAreas", spec.getJsonArray("skillAreas")).add("hostUnitId", units.get(unitKey))
                        .add("providerPartnerIds", ids(providers, partners)).add("modality", defaults.getString("modality"))
                        .add("place", defaults.getString("place")).add("startDate", defaults.getString("startDate"))
                        .add("endDate", defaults.getString("endDate"))
                        .add("capacity", defaults.containsKey("capacity") ? defaults.getInt("capacity") : wanted.size())
                        .add("audiences", defaults.containsKey("audiences") ? defaults.getJsonArray("audiences") : array(audience))
                        .add("sessions", defaults.getJsonArray("sessions"));
                if (defaults.containsKey("meetingLink")) {
                    body.add("meetingLink", defaults.getString("meetingLink"));
                }
                found = gateway.post(officer, "/api/v1/training/classes", body.build(), null, 201).object();
            }
            String classId = found.getString("id");
            classIds.put(classTitle, classId);
            classParticipants.put(classTitle, wanted);
            String path = "/api/v1/training/classes/" + classId;
            String status = found.getString("status");
            if (status.equals("PLANNED")) {
                status = gateway.post(officer, path + "/open", null, null, 200).object().getString("status");
            }
            if (status.equals("COMPLETED") || status.equals("CANCELLED")) {
                continue;
            }
            List<String> enrolments = enrol(officer, path, wanted);
            enrolled += wanted.size();
            if (status.equals("OPEN")) {
                gateway.post(officer, path + "/start", null, null, 200);
            }
            List<JsonObject> sessions = gateway.get(officer, path + "/sessions", 200).array().getValuesAs(JsonObject.class);
            for (int day = 0; day < sessions.size(); day++) {
                JsonArrayBuilder records = Json.createArrayBuilder();
                for (int p = 0; p < enrolments.size(); p++) {
                    records.add(present(training, p, day)
                            ? object("enrolmentId", enrolments.get(p), "status", "PRESENT", "mode", participants.getString("mode"))
                            : object("enrolmentId", enrolments.get(p), "status", "ABSENT"));
                }
                gateway.put(officer, path + "/sessions/" + sessions.get(day).getString("id") + "/attendance", object("records", records.build()), 200);
            }
            gateway.post(officer, path + "/complete", null, null, 200);
        }
        int outcomes = loadOutcomes(training, classIds, classParticipants);
        say("Training \"" + title + "\": " + classes.size() + (classes.size() == 1 ? " class" : " classes") + (enrolled > 0 ? ", " + enrolled + " participants enrolled, attended and completed" : ", complete already")
                + (outcomes > 0 ? ", " + outcomes + " outcome recorded" : "") + ".");
    }

    /** What became of a participant after the class (the stories' goals: a home workshop, bags sold), unless recorded already. */
    private int loadOutcomes(JsonObject training, Map<String, String> classIds, Map<String, List<Participant>> classParticipants) {
        int made = 0;
        for (JsonObject outcome : objects(training, "outcomes")) {
            String classTitle = outcome.getString("class");
            String path = "/api/v1/training/classes/" + classIds.get(classTitle);
            String by = outcome.getString("by");
            String token = token(by.replace(':', '-'));
            Participant participant = classParticipants.get(classTitle).get(outcome.getInt("participant"));
            String enrolment = gateway.all(token, path + "/enrolments", Map.of()).stream()
                    .filter(e -> participant.key().equals(e.getString("beneficiaryId", e.getString("fullName", ""))))
                    .map(e -> e.getString("id")).findFirst()
                    .orElseThrow(() -> new IllegalStateException("no enrolment of " + participant.key() + " in " + classTitle));
            String outcomes = path + "/enrolments/" + enrolment + "/outcomes";
            if (gateway.get(token, outcomes, 200).array().isEmpty()) {
                gateway.post(token, outcomes, Json.createObjectBuilder(outcome).remove("class").remove("participant").remove("by").build(), null, 201);
                made++;
            }
        }
        return made;
    }

    /** Tali meiwa (four days): the first nine miss at most the last day, the other three leave after day two; elsewhere all attend. */
    private static boolean present(JsonObject training, int participant, int day) {
        if (!training.getJsonObject("classDefaults").getString("place").contains("Budi Perkasa")) {
            return true;
        }
        return participant < 9 ? day < 3 || participant % 2 == 0 : day < 2;
    }

    private record Participant(String beneficiaryId, String fullName, String organisation, String audience, String companionRole) {

        JsonObject body() {
            JsonObjectBuilder body = Json.createObjectBuilder().add("audience", audience);
            if (beneficiaryId != null) {
                body.add("beneficiaryId", beneficiaryId);
            } else {
                body.add("fullName", fullName).add("organisation", organisation);
            }
            if (companionRole != null) {
                body.add("companionRole", companionRole);
            }
            return body.build();
        }

        String key() {
            return beneficiaryId != null ? beneficiaryId : fullName;
        }
    }

    private List<Participant> participants(JsonObject training, int classIndex, List<Integer> beneficiaries, int from, List<SyntheticPeople.Person> people) {
        JsonObject spec = training.getJsonObject("participants");
        JsonObject classSpec = objects(training, "classes").get(classIndex);
        List<Participant> list = new ArrayList<>();
        switch (spec.getString("kind")) {
            case "named" -> {
                List<String> organisations = spec.getJsonArray("organisations").getValuesAs(JsonString::getString);
                int classes = objects(training, "classes").size();
                for (int i = classIndex; i < spec.getInt("count"); i += classes) {
                    list.add(new Participant(null, "Peserta Pangudi Luhur " + (i + 1), organisations.get(i % organisations.size()),
                            spec.getString("audience"), null));
                }
            }
            case "beneficiaries" -> {
                for (int i = 0; i < classSpec.getInt("participants"); i++) {
                    list.add(new Participant(beneficiary(people, beneficiaries.get(from + i)), null, null, spec.getString("audience"), null));
                }
            }
            default -> {
                String audience = classSpec.getString("audience");
                int count = classSpec.getInt("participants");
                if (audience.equals("SOCIAL_COMPANION")) {
                    List<String> roles = spec.getJsonArray("companionRoles").getValuesAs(JsonString::getString);
                    for (int i = 0; i < count; i++) {
                        list.add(new Participant(null, "Pendamping " + classSpec.getString("title").split("[ :]")[0] + " " + (i + 1),
                                spec.getString("companionOrganisation"), audience, roles.get(i % roles.size())));
                    }
                } else {
                    for (int i = 0; i < count; i++) {
                        list.add(new Participant(beneficiary(people, beneficiaries.get(from + i)), null, null, audience, null));
                    }
                }
            }
        }
        return list;
    }

    /** Enrols whoever of the class's participants is not enrolled yet, a few at a time; answers every enrolment, in their order. */
    private List<String> enrol(String officer, String classPath, List<Participant> wanted) {
        Map<String, String> enrolled = new ConcurrentHashMap<>();
        for (JsonObject enrolment : gateway.all(officer, classPath + "/enrolments", Map.of())) {
            enrolled.put(enrolment.containsKey("beneficiaryId") ? enrolment.getString("beneficiaryId") : enrolment.getString("fullName"),
                    enrolment.getString("id"));
        }
        List<Participant> missing = wanted.stream().filter(p -> !enrolled.containsKey(p.key())).toList();
        if (!missing.isEmpty()) {
            // Four at a time: the class takes them one by one under its lock; more would only queue at the gateway's rate limit.
            ExecutorService pool = Executors.newFixedThreadPool(4);
            try {
                List<Future<?>> calls = new ArrayList<>();
                for (Participant participant : missing) {
                    calls.add(pool.submit(() -> enrolled.put(participant.key(), gateway.post(officer, classPath + "/enrolments", participant.body(),
                            "demo-enrol-" + classPath.substring(classPath.lastIndexOf('/') + 1) + "-" + slug(participant.key()), 201).id())));
                }
                for (Future<?> call : calls) {
                    call.get();
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException("interrupted", e);
            } catch (java.util.concurrent.ExecutionException e) {
                throw e.getCause() instanceof RuntimeException runtime ? runtime : new IllegalStateException(e.getCause());
            } finally {
                pool.shutdownNow();
            }
        }
        return wanted.stream().map(p -> enrolled.get(p.key())).toList();
    }

    // ---------------------------------------------------------------------------------------------
    // Users, tokens, look-ups
    // ---------------------------------------------------------------------------------------------

    private void user(String username, String role, String unitId, String partnerId, String worksFor) {
        Map<String, String> attributes = new LinkedHashMap<>();
        if (unitId != null) {
            attributes.put("unit_id", unitId);
        }
        if (partnerId != null) {
            attributes.put("partner_id", partnerId);
        }
        keycloak.ensureUser(username, password, role, attributes);
        users.put(username, new DemoUser(username, role, unitId, partnerId, worksFor));
    }

    private String token(String username) {
        return tokens.computeIfAbsent(username, name -> keycloak.passwordToken(LocalRealm.PASSWORD_CLIENT, name, password));
    }

    private String admin() {
        return token(ADMIN);
    }

    private String findByName(String path, String filter, String name, String member) {
        JsonObject found = find(admin(), path, filter, name, member);
        return found == null ? null : found.getString("id");
    }

    private JsonObject find(String token, String path, String filter, String value, String member) {
        return gateway.get(token, path + "?size=200&" + filter + "=" + URLEncoder.encode(value, StandardCharsets.UTF_8), 200).object()
                .getJsonArray("items").getValuesAs(JsonObject.class).stream()
                .filter(item -> value.equals(item.getString(member, null))).findFirst().orElse(null);
    }

    private static JsonArray ids(JsonArray keys, Map<String, String> byKey) {
        JsonArrayBuilder ids = Json.createArrayBuilder();
        keys.getValuesAs(JsonString::getString).forEach(key -> ids.add(byKey.get(key)));
        return ids.build();
    }

    private static List<JsonObject> objects(JsonObject parent, String member) {
        return parent.containsKey(member) ? parent.getJsonArray(member).getValuesAs(JsonObject.class) : List.of();
    }

    static String slug(String name) {
        return name.toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9]+", "-").replaceAll("(^-|-$)", "");
    }

    private void say(String line) {
        long seconds = began == 0 ? 0 : Duration.ofNanos(System.nanoTime() - began).toSeconds();
        progress.printf("[demo %3d s] %s%n", seconds, line);
        progress.flush();
    }

    private static void sleep(Duration duration) {
        try {
            Thread.sleep(duration.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted", e);
        }
    }
}
