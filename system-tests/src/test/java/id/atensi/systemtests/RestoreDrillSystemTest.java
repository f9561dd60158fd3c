package id.atensi.systemtests;

import id.atensi.testing.TestInfrastructure;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.clients.consumer.OffsetAndTimestamp;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static id.atensi.systemtests.PlatformFixtures.as;
import static id.atensi.systemtests.PlatformFixtures.eventually;
import static id.atensi.systemtests.PlatformFixtures.lksPartner;
import static id.atensi.systemtests.PlatformFixtures.openClass;
import static id.atensi.systemtests.PlatformFixtures.serviceUnit;
import static id.atensi.systemtests.PlatformFixtures.trainingProgramme;
import static io.restassured.RestAssured.given;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Issue 22's restore drill: beneficiary-service's database is restored from a backup taken earlier while the other
 * services keep running, and the test checks what an operator has to know afterwards — that the restored outbox's
 * republished events are applied once, which writes made after the backup are lost and how they are found from the
 * topics, and that read models are rebuilt by replay. docs/operations/restore.md is the procedure this follows.
 *
 * <p>The backup is a copy of the database ({@code CREATE DATABASE … TEMPLATE}) taken while beneficiary-service is
 * stopped, not {@code pg_dump}: the harness' PostgreSQL is 17, its embedded binaries ship no pg_dump, and Debian 12's
 * pg_dump (15) refuses a newer server. A copy is the same database state a dump restores; the drill is about what the
 * platform does with it.
 */
@ExtendWith(SharedPlatform.class)
class RestoreDrillSystemTest {

    private static final String BENEFICIARY_TOPIC = "atensi.beneficiary.events";
    private static final String TRAINING_TOPIC = "atensi.training.events";
    private static final String DATABASE = "beneficiary_system";
    private static final String BACKUP = "beneficiary_system_drill_backup";
    private static final Pattern BENEFICIARY_ID = Pattern.compile("\"beneficiaryId\"\\s*:\\s*\"([0-9a-f-]{36})\"");

    private String officer;
    private String unitId;
    private String partnerId;
    private String classId;

    @Test
    void aRestoredBeneficiaryDatabaseLosesExactlyTheWritesAfterItsBackupAndNothingIsAppliedTwice() throws Exception {
        RunningPlatform platform = SharedPlatform.get();
        aUnitAPartnerAndAnOpenClass();

        // Before the backup: three people, the first two enrolled.
        List<String> before = List.of(register("Sri Sebelum", 1), register("Dewi Sebelum", 2), register("Rina Sebelum", 3));
        enrol(before.get(0));
        awaitKnownInTrainingAndAid(before);

        platform.stop("beneficiary-service");
        Instant backupTime = Instant.now();
        copyDatabase(DATABASE, BACKUP);
        platform.start("beneficiary-service");

        // After the backup: two registrations (B1 enrolled), a consent for a person from before, an enrolment of another.
        List<String> after = List.of(register("Ani Sesudah", 4), register("Tuti Sesudah", 5));
        String enrolledAfterBackup = enrol(after.get(0));
        String enrolmentOfAnEarlierPerson = enrol(before.get(1));
        String consentAfterBackup = before.get(2);
        as(officer).body(Map.of("purpose", "PARTNER_SHARING", "given", true,
                        "evidence", Map.of("formReference", "F/DRILL/" + consentAfterBackup)))
                .post("/api/v1/beneficiaries/{id}/consents", consentAfterBackup).then().statusCode(201);
        awaitKnownInTrainingAndAid(after);
        awaitTimelineEntries(enrolmentOfAnEarlierPerson, 1);
        awaitCaughtUp("atensi.training.beneficiary-read-model", BENEFICIARY_TOPIC);
        awaitCaughtUp("atensi.aid.beneficiary-read-model", BENEFICIARY_TOPIC);
        Counts settled = counts();

        // The restore: the database as it was at the backup, its outbox as if the relay had not yet marked the earlier
        // people's events published when the backup was taken (a backup taken between publish and commit).
        platform.stop("beneficiary-service");
        copyDatabase(BACKUP, DATABASE);
        Set<String> republished = markUnpublished(before);
        assertEquals(false, republished.isEmpty(), "the backup holds the earlier people's events in its outbox");
        platform.start("beneficiary-service");

        // Nothing applied twice: every re-sent event is on the topic twice, and the consumers' counts do not move.
        await("the restored outbox re-sends " + republished.size() + " events").atMost(Duration.ofSeconds(60))
                .pollInterval(Duration.ofSeconds(1)).until(() -> timesOnTopic(republished), equalTo(2));
        awaitCaughtUp("atensi.training.beneficiary-read-model", BENEFICIARY_TOPIC);
        awaitCaughtUp("atensi.aid.beneficiary-read-model", BENEFICIARY_TOPIC);
        assertEquals(settled, counts(), "training's and aid's read models and inboxes after the re-sent events");

        // The lost writes, found from the topics: the events since the backup whose ids the restored outbox lacks.
        LostWrites lost = lostWritesSince(backupTime);
        assertEquals(new TreeSet<>(after), lost.registered(), "people registered after the backup, lost: " + lost);
        assertEquals(new TreeSet<>(Set.of(consentAfterBackup)), lost.consentsChanged(), "consent given after the backup, lost: " + lost);
        assertEquals(new TreeSet<>(Set.of(after.get(0))), lost.enrolledButUnknown(),
                "people enrolled in training since the backup whom the restored database does not know: " + lost);
        for (String person : after) {
            as(officer).get("/api/v1/beneficiaries/{id}", person).then().statusCode(404);
        }
        as(officer).get("/api/v1/training/classes/{id}/enrolments/{enrolmentId}", classId, enrolledAfterBackup)
                .then().statusCode(200);

        // The restored timeline lacks the enrolment made after the backup (Kafka kept the group's offset past it); a
        // replay of the consumer brings it back, once.
        assertEquals(0, timelineEntries(enrolmentOfAnEarlierPerson), "the enrolment after the backup in the restored timeline");
        replay(platform.serviceUrl("beneficiary"), "training-timeline");
        awaitTimelineEntries(enrolmentOfAnEarlierPerson, 1);

        // Rebuilding training's read model of people from the topic ends where the consumer was.
        replay(platform.serviceUrl("training"), "beneficiary-read-model");
        await("training's known people rebuilt by replay").atMost(Duration.ofSeconds(90)).pollInterval(Duration.ofSeconds(1))
                .until(() -> count("training", "SELECT count(*) FROM known_beneficiary"), equalTo(settled.trainingKnown()));
        dropDatabase(BACKUP);
    }

    // ---------------------------------------------------------------------------------------------
    // Writes through the gateway
    // ---------------------------------------------------------------------------------------------

    private void aUnitAPartnerAndAnOpenClass() {
        String suffix = UUID.randomUUID().toString().substring(0, 8);
        unitId = serviceUnit("Pemulihan " + suffix);
        partnerId = lksPartner("Pemulihan " + suffix);
        officer = KeycloakTokens.officer(unitId);
        String programme = trainingProgramme("Pemulihan programme " + suffix);
        classId = openClass(officer, programme, unitId, partnerId, "Pemulihan class " + suffix);
    }

    /** A woman born 12 March 1985 (NIK day 52 = 12 + 40); serials of this test only. */
    private String register(String name, int serial) {
        String nik = "320101520385%04d".formatted(9000 + serial);
        return eventually(() -> as(officer).body(Map.of("fullName", name, "nik", nik, "birthDate", "1985-03-12",
                        "sex", "FEMALE", "serviceUnitId", unitId, "partnerIds", List.of(partnerId)))
                .post("/api/v1/beneficiaries").then().statusCode(201).extract().path("id"));
    }

    /** Enrols the person once training knows them; the enrolment's id. */
    private String enrol(String beneficiaryId) {
        return eventually(() -> as(officer).body(Map.of("beneficiaryId", beneficiaryId, "audience", "BENEFICIARY"))
                .post("/api/v1/training/classes/{id}/enrolments", classId).then().statusCode(201).extract().path("id"));
    }

    private static void replay(String serviceUrl, String consumer) {
        given().baseUri(serviceUrl).header("Authorization", "Bearer " + KeycloakTokens.admin())
                .post("/admin/event-consumers/{name}/replay", consumer).then().statusCode(204);
    }



    // ---------------------------------------------------------------------------------------------
    // Databases
    // ---------------------------------------------------------------------------------------------

    private static Connection connect(String service) throws SQLException {
        TestInfrastructure infrastructure = TestInfrastructure.get();
        return DriverManager.getConnection(infrastructure.jdbcUrl(service + "_system"), infrastructure.dbUser(),
                infrastructure.dbPassword());
    }

    private static Connection admin() throws SQLException {
        TestInfrastructure infrastructure = TestInfrastructure.get();
        return DriverManager.getConnection(infrastructure.jdbcUrl("postgres"), infrastructure.dbUser(), infrastructure.dbPassword());
    }

    /** Replaces {@code target} with a copy of {@code source}; neither may have sessions (their service is stopped). */
    private static void copyDatabase(String source, String target) throws SQLException {
        try (Connection connection = admin(); Statement statement = connection.createStatement()) {
            statement.execute("DROP DATABASE IF EXISTS " + target + " WITH (FORCE)");
            statement.execute("CREATE DATABASE " + target + " TEMPLATE " + source);
        }
    }

    private static void dropDatabase(String name) throws SQLException {
        try (Connection connection = admin(); Statement statement = connection.createStatement()) {
            statement.execute("DROP DATABASE IF EXISTS " + name + " WITH (FORCE)");
        }
    }

    /** Marks the people's events unpublished in the restored outbox; their ids. */
    private static Set<String> markUnpublished(List<String> people) throws SQLException {
        Set<String> ids = new TreeSet<>();
        try (Connection connection = connect("beneficiary");
             PreparedStatement update = connection.prepareStatement(
                     "UPDATE outbox_event SET published_at = NULL WHERE aggregate_id = ANY (?) RETURNING id")) {
            update.setArray(1, connection.createArrayOf("text", people.toArray()));
            try (ResultSet rows = update.executeQuery()) {
                while (rows.next()) {
                    ids.add(rows.getString(1));
                }
            }
        }
        return ids;
    }

    private static Set<String> restoredOutboxIds() throws SQLException {
        Set<String> ids = new TreeSet<>();
        try (Connection connection = connect("beneficiary"); Statement statement = connection.createStatement();
             ResultSet rows = statement.executeQuery("SELECT id FROM outbox_event")) {
            while (rows.next()) {
                ids.add(rows.getString(1));
            }
        }
        return ids;
    }

    private static Set<String> restoredPeople() throws SQLException {
        Set<String> ids = new TreeSet<>();
        try (Connection connection = connect("beneficiary"); Statement statement = connection.createStatement();
             ResultSet rows = statement.executeQuery("SELECT id FROM beneficiary")) {
            while (rows.next()) {
                ids.add(rows.getString(1));
            }
        }
        return ids;
    }

    private static long count(String service, String query) throws SQLException {
        try (Connection connection = connect(service); Statement statement = connection.createStatement();
             ResultSet rows = statement.executeQuery(query)) {
            rows.next();
            return rows.getLong(1);
        }
    }

    /** What the beneficiary topic's consumers in training and aid hold. */
    private record Counts(long trainingKnown, long trainingInbox, long aidKnown, long aidInbox) {
    }

    private static Counts counts() throws SQLException {
        String inbox = "SELECT count(*) FROM inbox_event WHERE consumer = 'beneficiary-read-model'";
        return new Counts(count("training", "SELECT count(*) FROM known_beneficiary"), count("training", inbox),
                count("aid", "SELECT count(*) FROM known_beneficiary"), count("aid", inbox));
    }

    private static void awaitKnownInTrainingAndAid(List<String> people) {
        String ids = "'" + String.join("','", people) + "'";
        await("training and aid know " + people).atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(500))
                .until(() -> count("training", "SELECT count(*) FROM known_beneficiary WHERE beneficiary_id IN (" + ids + ")")
                        + count("aid", "SELECT count(*) FROM known_beneficiary WHERE beneficiary_id IN (" + ids + ")"),
                        equalTo(2L * people.size()));
    }

    private static long timelineEntries(String enrolmentId) throws SQLException {
        return count("beneficiary", "SELECT count(*) FROM timeline_entry WHERE source = 'training' AND reference_id = '" + enrolmentId + "'");
    }

    private static void awaitTimelineEntries(String enrolmentId, long expected) {
        await("beneficiary's timeline holds enrolment " + enrolmentId).atMost(Duration.ofSeconds(60))
                .pollInterval(Duration.ofMillis(500)).until(() -> timelineEntries(enrolmentId), equalTo(expected));
    }

    // ---------------------------------------------------------------------------------------------
    // Kafka
    // ---------------------------------------------------------------------------------------------

    private static KafkaConsumer<String, byte[]> reader() {
        return new KafkaConsumer<>(Map.of(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, TestInfrastructure.get().kafkaBootstrapServers(),
                ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false), new StringDeserializer(), new ByteArrayDeserializer());
    }

    /** Every record of the topic from the first at or after {@code since} (the start when null) to its end now. */
    private static List<ConsumerRecord<String, byte[]>> records(String topic, Instant since) {
        try (KafkaConsumer<String, byte[]> consumer = reader()) {
            List<TopicPartition> partitions = consumer.partitionsFor(topic).stream()
                    .map(info -> new TopicPartition(topic, info.partition())).toList();
            consumer.assign(partitions);
            Map<TopicPartition, Long> end = consumer.endOffsets(partitions);
            if (since == null) {
                consumer.seekToBeginning(partitions);
            } else {
                Map<TopicPartition, Long> times = new LinkedHashMap<>();
                partitions.forEach(partition -> times.put(partition, since.toEpochMilli()));
                Map<TopicPartition, OffsetAndTimestamp> from = consumer.offsetsForTimes(times);
                partitions.forEach(partition -> consumer.seek(partition,
                        from.get(partition) == null ? end.get(partition) : from.get(partition).offset()));
            }
            List<ConsumerRecord<String, byte[]>> records = new ArrayList<>();
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
            while (partitions.stream().anyMatch(partition -> consumer.position(partition) < end.get(partition))) {
                if (System.nanoTime() > deadline) {
                    throw new AssertionError("could not read " + topic + " to its end offsets " + end + " within 30 s");
                }
                for (ConsumerRecord<String, byte[]> record : consumer.poll(Duration.ofMillis(200))) {
                    if (record.offset() < end.get(new TopicPartition(topic, record.partition()))) {
                        records.add(record);
                    }
                }
            }
            return records;
        }
    }

    private static String header(ConsumerRecord<String, byte[]> record, String name) {
        var header = record.headers().lastHeader(name);
        return header == null ? null : new String(header.value(), StandardCharsets.UTF_8);
    }

    /** How often each of the events is on the beneficiary topic, when it is the same for all; -1 otherwise. */
    private static int timesOnTopic(Set<String> eventIds) {
        Map<String, Integer> seen = new LinkedHashMap<>();
        eventIds.forEach(id -> seen.put(id, 0));
        for (ConsumerRecord<String, byte[]> record : records(BENEFICIARY_TOPIC, null)) {
            seen.computeIfPresent(header(record, "ce_id"), (id, times) -> times + 1);
        }
        return seen.values().stream().distinct().count() == 1 ? seen.values().iterator().next() : -1;
    }

    /** Waits until the group has committed every partition's end offset of the topic. */
    private static void awaitCaughtUp(String group, String topic) {
        await(group + " reads " + topic + " to its end").atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofSeconds(1))
                .until(() -> lag(group, topic), equalTo(0L));
    }

    private static long lag(String group, String topic) throws Exception {
        try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, TestInfrastructure.get().kafkaBootstrapServers()));
             KafkaConsumer<String, byte[]> consumer = reader()) {
            Map<TopicPartition, OffsetAndMetadata> committed = admin.listConsumerGroupOffsets(group)
                    .partitionsToOffsetAndMetadata().get(30, TimeUnit.SECONDS);
            List<TopicPartition> partitions = consumer.partitionsFor(topic).stream()
                    .map(info -> new TopicPartition(topic, info.partition())).toList();
            long lag = 0;
            for (Map.Entry<TopicPartition, Long> end : consumer.endOffsets(partitions).entrySet()) {
                OffsetAndMetadata at = committed.get(end.getKey());
                lag += end.getValue() - (at == null ? 0 : at.offset());
            }
            return lag;
        }
    }

    /**
     * The runbook's search: events on the beneficiary topic since the backup whose ids the restored outbox lacks were
     * written after the backup and are lost; the training topic's enrolments since then name people the restored
     * database does not know.
     */
    private record LostWrites(Set<String> registered, Set<String> consentsChanged, Set<String> otherEvents,
                              Set<String> enrolledButUnknown) {
    }

    private static LostWrites lostWritesSince(Instant backupTime) throws SQLException {
        Set<String> kept = restoredOutboxIds();
        Set<String> people = restoredPeople();
        Set<String> registered = new TreeSet<>();
        Set<String> consents = new TreeSet<>();
        Set<String> other = new TreeSet<>();
        for (ConsumerRecord<String, byte[]> record : records(BENEFICIARY_TOPIC, backupTime)) {
            if (kept.contains(header(record, "ce_id"))) {
                continue;
            }
            String type = header(record, "ce_type");
            switch (type) {
                case "atensi.beneficiary.registered.v1" -> registered.add(record.key());
                case "atensi.beneficiary.consent-changed.v1" -> consents.add(record.key());
                default -> other.add(type + " " + record.key());
            }
        }
        Set<String> enrolledButUnknown = new TreeSet<>();
        for (ConsumerRecord<String, byte[]> record : records(TRAINING_TOPIC, backupTime)) {
            Matcher beneficiary = BENEFICIARY_ID.matcher(new String(record.value(), StandardCharsets.UTF_8));
            if ("atensi.training.participant.enrolled.v1".equals(header(record, "ce_type")) && beneficiary.find()
                    && !people.contains(beneficiary.group(1))) {
                enrolledButUnknown.add(beneficiary.group(1));
            }
        }
        assertTrue(other.isEmpty(), "no other event was written after the backup: " + other);
        return new LostWrites(registered, consents, other, enrolledButUnknown);
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
