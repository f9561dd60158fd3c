package id.atensi.beneficiary.service;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import id.atensi.beneficiary.domain.BeneficiaryStatus;
import id.atensi.beneficiary.domain.NameKey;
import id.atensi.beneficiary.events.BeneficiaryRegisteredV1;
import id.atensi.beneficiary.pii.PersonalNumberCipher;
import id.atensi.commons.config.PlatformConfig;
import id.atensi.commons.events.EventNames;
import id.atensi.commons.persistence.SqlStates;
import id.atensi.commons.persistence.TimeOrderedIds;
import io.agroal.api.AgroalDataSource;
import io.quarkus.narayana.jta.QuarkusTransaction;
import jakarta.enterprise.context.ApplicationScoped;
import org.postgresql.PGConnection;

import java.io.IOException;
import java.io.StringReader;
import java.io.UncheckedIOException;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Clock;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.UUID;

/**
 * Registers one chunk of checked import rows in one transaction, set-based: the rows are sealed and hashed in Java,
 * sent with {@code COPY} into a temporary staging table, and registered by {@code INSERT … SELECT … ON CONFLICT
 * (nik_hash) DO NOTHING} (a NIK registered already, by anyone, is skipped). Their events go to the outbox and their
 * timeline entries are written by one statement each, and the job's progress and the chunk's span of lines are
 * recorded in the same transaction, so a chunk is registered whole or not at all. Several chunks of a job are written
 * at once, each on its own connection, none waiting for another. The likely duplicates of a chunk's people are looked
 * up for the whole chunk at once after it committed ({@link #lookUp}), so that of two chunks written at once the later
 * to commit sees the other's people; until then the chunk's row keeps them as pending. The people's, their events'
 * and their timeline entries' ids are time-ordered ({@link TimeOrderedIds}): at 1,000,000 people a random id puts
 * each insert into those tables' B-trees on a page of its own.
 */
@ApplicationScoped
public class ImportChunks {

    private static final String STAGE = """
            CREATE TEMP TABLE IF NOT EXISTS import_stage (
                id UUID, line INT, full_name TEXT, name_key TEXT, nik_hash TEXT, nik_cipher TEXT, nik_key_id TEXT,
                kk_hash TEXT, kk_cipher TEXT, kk_key_id TEXT, birth_place TEXT, birth_date DATE, sex TEXT,
                province_code TEXT, regency_code TEXT, district_code TEXT, village_code TEXT, address_line TEXT,
                phone TEXT, welfare_id TEXT, clusters TEXT[], event_id UUID, timeline_id UUID, payload TEXT,
                inserted BOOLEAN NOT NULL DEFAULT FALSE
            ) ON COMMIT DELETE ROWS""";
    private static final String COPY = """
            COPY import_stage (id, line, full_name, name_key, nik_hash, nik_cipher, nik_key_id, kk_hash, kk_cipher, kk_key_id,
                birth_place, birth_date, sex, province_code, regency_code, district_code, village_code, address_line, phone,
                welfare_id, clusters, event_id, timeline_id, payload) FROM STDIN""";
    private static final String REGISTER = """
            WITH registered AS (
                INSERT INTO beneficiary (id, full_name, name_key, nik_hash, nik_cipher, nik_key_id, kk_hash, kk_cipher, kk_key_id,
                    birth_place, birth_date, sex, province_code, regency_code, district_code, village_code, address_line, phone,
                    welfare_id, clusters, disability_types, service_unit_id, partner_ids, status, registered_at, updated_at,
                    version, import_job_id)
                SELECT id, full_name, name_key, nik_hash, nik_cipher, nik_key_id, kk_hash, kk_cipher, kk_key_id,
                    birth_place, birth_date, sex, province_code, regency_code, district_code, village_code, address_line, phone,
                    welfare_id, clusters, '{}', ?, ?, ?, ?, ?, 0, ?
                FROM import_stage ORDER BY line
                ON CONFLICT (nik_hash) DO NOTHING
                RETURNING id)
            UPDATE import_stage s SET inserted = TRUE FROM registered r WHERE s.id = r.id""";
    private static final String EVENTS = """
            INSERT INTO outbox_event (id, aggregate_type, aggregate_id, event_type, payload, trace_parent, occurred_at)
            SELECT event_id, ?, id::text, ?, payload::jsonb, ?, ? FROM import_stage WHERE inserted ORDER BY line""";
    private static final String TIMELINE = """
            INSERT INTO timeline_entry (id, beneficiary_id, occurred_at, kind, summary, source)
            SELECT timeline_id, id, ?, 'registered', ?, 'beneficiary' FROM import_stage WHERE inserted ORDER BY line""";
    private static final String NOT_REGISTERED = """
            SELECT s.line, b.import_job_id FROM import_stage s JOIN beneficiary b ON b.nik_hash = s.nik_hash WHERE NOT s.inserted""";
    /**
     * The rule of DuplicateService.detect for a committed chunk's people at once: those born the same day in the same
     * regency (or province when the person has no regency), not merged, whose name keys are at most max(2, longer / 5)
     * edits apart. The names are compared here (levenshtein_less_equal gives the exact distance up to its bound; a key
     * NameKey folds holds only ASCII, so octet_length is the length String.length counts, read from the value's header
     * where length would count its characters, a third of the statement's CPU; only keys V3 copied as lower(full_name)
     * may hold other letters, counted as their bytes) rather than sent to the service in pairs; the
     * regency branch reads only beneficiary_birth_region (V43). Inserted in key order, so that two lookups recording
     * the same pairs at once (chunks written side by side both see each other) wait for each other instead of
     * deadlocking.
     */
    private static final String LOOKUP = """
            WITH chunk AS MATERIALIZED (
                SELECT s.id, s.name_key, s.birth_date, s.regency_code, s.province_code
                FROM import_chunk c CROSS JOIN unnest(c.lookup_pending) AS p (id) JOIN beneficiary s ON s.id = p.id
                WHERE c.job_id = ? AND c.first_line = ?),
            same_day_and_region AS (
                SELECT s.id AS person, b.id AS other, s.birth_date, s.regency_code AS region, s.name_key AS a, b.name_key AS b
                FROM chunk s JOIN beneficiary b ON b.birth_date = s.birth_date AND b.regency_code = s.regency_code
                WHERE b.id <> s.id AND b.merged_into IS NULL
                UNION ALL
                SELECT s.id, b.id, s.birth_date, s.province_code, s.name_key, b.name_key
                FROM chunk s JOIN beneficiary b ON b.birth_date = s.birth_date AND b.province_code = s.province_code
                WHERE s.regency_code IS NULL AND b.id <> s.id AND b.merged_into IS NULL),
            bounded AS (
                SELECT person, other, birth_date, region, a, b, greatest(2, greatest(octet_length(a), octet_length(b)) / 5) AS bound
                FROM same_day_and_region),
            close AS (
                SELECT person, other, birth_date, region, levenshtein_less_equal(a, b, bound) AS distance, bound
                FROM bounded WHERE abs(octet_length(a) - octet_length(b)) <= bound)
            INSERT INTO duplicate_candidate (id, first_id, second_id, reason, status, detected_at, version)
            SELECT gen_random_uuid(), least(person, other), greatest(person, other),
                'same birth date ' || to_char(birth_date, 'YYYY-MM-DD') || ', same region ' || region
                    || CASE WHEN distance = 0 THEN ', same name' ELSE ', names ' || distance || ' edit(s) apart' END,
                'OPEN', ?, 0
            FROM close WHERE distance <= bound
            ORDER BY 2, 3
            ON CONFLICT ON CONSTRAINT duplicate_candidate_pair DO NOTHING""";
    private static final String LOOKED_UP = "UPDATE import_chunk SET lookup_pending = NULL WHERE job_id = ? AND first_line = ?";
    /** A chunk whose lookup is still pending though its job is not running any more (its lookup failed), claimed. */
    private static final String ABANDONED_LOOKUP = """
            SELECT c.job_id, c.first_line FROM import_chunk c JOIN import_job j ON j.id = c.job_id
            WHERE c.lookup_pending IS NOT NULL AND j.status <> 'RUNNING'
            LIMIT 1 FOR UPDATE OF c SKIP LOCKED""";
    private static final String PROGRESS = """
            UPDATE import_job SET done = done + ?, registered = registered + ?, unchanged = unchanged + ?, rejected = rejected + ?,
                chunks = chunks + 1, progressed_at = ?, heartbeat_at = ?
            WHERE id = ? AND status = 'RUNNING' AND worker = ?""";
    private static final String CHUNK = "INSERT INTO import_chunk (job_id, first_line, last_line) VALUES (?, ?, ?)";
    /** The chunk's span and the people it registered, whose likely duplicates are looked up once it committed. */
    private static final String CHUNK_PENDING_LOOKUP = """
            INSERT INTO import_chunk (job_id, first_line, last_line, lookup_pending)
            SELECT ?, ?, ?, array_agg(id ORDER BY line) FROM import_stage WHERE inserted""";
    private static final int ATTEMPTS = 3;
    /** A chunk or lookup the database chose as a deadlock's or a serialisation failure's victim is written again. */
    private static final Set<String> RETRYABLE = Set.of(SqlStates.DEADLOCK_DETECTED, SqlStates.SERIALIZATION_FAILURE);

    private final AgroalDataSource dataSource;
    private final PersonalNumberCipher cipher;
    private final ObjectMapper json;
    private final String eventType;
    private final String aggregateType;
    private final Clock clock;

    ImportChunks(AgroalDataSource dataSource, PersonalNumberCipher cipher, ObjectMapper json, PlatformConfig platform, Clock clock) {
        this.dataSource = dataSource;
        this.clock = clock;
        this.cipher = cipher;
        this.json = json;
        this.eventType = EventNames.type(platform.serviceName(), BeneficiaryRegisteredV1.class);
        this.aggregateType = EventNames.aggregateType(BeneficiaryRegisteredV1.class);
    }

    /**
     * The job a chunk belongs to, as the worker knows it, and the run ({@code worker}) that holds it; its events carry
     * the trace of the upload that started it ({@code traceParent}, null without one), whichever worker runs it.
     */
    record Job(UUID id, UUID serviceUnitId, UUID partnerId, UUID worker, String traceParent) {
    }

    /** What a chunk did. */
    record Outcome(int registered, int unchanged, List<ImportRows.Rejected> rejected) {
    }

    /** Thrown when the job moved on without this worker (another took it over): the chunk is rolled back. */
    static final class Superseded extends RuntimeException {

        Superseded(UUID job) {
            super("import " + job + " was taken over by another worker");
        }
    }

    /**
     * Seals, hashes and encodes the checked rows of a chunk, ready for {@code COPY}; CPU only. The rows come checked
     * against each other (a NIK's repeat in the file is a rejection already, see {@link NikFirstLines}).
     */
    Prepared prepare(Job job, List<ImportRows.Checked> rows, int firstLine, int lastLine, OffsetDateTime now) {
        StringBuilder copy = new StringBuilder(rows.size() * 600);
        List<ImportRows.Rejected> rejected = new ArrayList<>();
        List<UUID> partners = job.partnerId() == null ? List.of() : List.of(job.partnerId());
        int staged = 0;
        for (ImportRows.Checked row : rows) {
            if (row.rejected() != null) {
                rejected.add(row.rejected());
                continue;
            }
            BeneficiaryService.Person person = row.person();
            String nikHash = cipher.hash(person.nik(), "nik");
            PersonalNumberCipher.Sealed nik = cipher.seal(person.nik(), "nik");
            PersonalNumberCipher.Sealed kk = person.kkNumber() == null ? null : cipher.seal(person.kkNumber(), "kk");
            BeneficiaryService.Address address = person.address() == null
                    ? new BeneficiaryService.Address(null, null, null, null, null) : person.address();
            UUID id = TimeOrderedIds.next();
            String fullName = person.fullName();
            BeneficiaryRegisteredV1 event = new BeneficiaryRegisteredV1(id, fullName, BeneficiaryStatus.REGISTERED.name(), now,
                    job.serviceUnitId(), partners, address.provinceCode(), address.regencyCode());
            String payload;
            try {
                payload = json.writeValueAsString(event);
            } catch (JsonProcessingException e) {
                throw new IllegalStateException("BeneficiaryRegisteredV1 cannot be written as JSON", e);
            }
            field(copy, id.toString());
            field(copy, Integer.toString(row.line()));
            field(copy, fullName);
            field(copy, NameKey.of(fullName));
            field(copy, nikHash);
            field(copy, nik.ciphertext());
            field(copy, nik.keyId());
            field(copy, person.kkNumber() == null ? null : cipher.hash(person.kkNumber(), "kk"));
            field(copy, kk == null ? null : kk.ciphertext());
            field(copy, kk == null ? null : kk.keyId());
            field(copy, person.birthPlace());
            field(copy, person.birthDate().toString());
            field(copy, person.sex().name());
            field(copy, address.provinceCode());
            field(copy, address.regencyCode());
            field(copy, address.districtCode());
            field(copy, address.villageCode());
            field(copy, address.line());
            field(copy, person.phone());
            field(copy, person.welfareId());
            field(copy, "{" + String.join(",", person.clusters().stream().map(Enum::name).sorted().toList()) + "}");
            field(copy, TimeOrderedIds.next().toString());
            field(copy, TimeOrderedIds.next().toString());
            appendText(copy, payload);
            copy.append('\n');
            staged++;
        }
        return new Prepared(copy.toString(), staged, rows.size(), rejected, firstLine, lastLine, now);
    }

    /** A chunk ready to write: the COPY text of its staged rows, the rows refused before the database, its span of lines. */
    record Prepared(String copy, int staged, int rows, List<ImportRows.Rejected> rejected, int firstLine, int lastLine,
                    OffsetDateTime now) {
    }

    /** COPY text format: a tab between fields, \N for null, backslash escapes for backslash, tab and line breaks. */
    private static void field(StringBuilder copy, String value) {
        if (value == null) {
            copy.append("\\N");
        } else {
            appendText(copy, value);
        }
        copy.append('\t');
    }

    private static void appendText(StringBuilder copy, String value) {
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            switch (c) {
                case '\\' -> copy.append("\\\\");
                case '\t' -> copy.append("\\t");
                case '\n' -> copy.append("\\n");
                case '\r' -> copy.append("\\r");
                default -> copy.append(c);
            }
        }
    }

    /**
     * Writes a prepared chunk and the job's progress in one transaction, again when the database chose it as the victim
     * of a deadlock (another job's chunk taking the same NIKs in another order). If another run holds the job now (it
     * was taken over), the chunk is rolled back ({@link Superseded}).
     */
    Outcome write(Job job, Prepared chunk) {
        for (int attempt = 1; ; attempt++) {
            try {
                return QuarkusTransaction.requiringNew().call(() -> {
                    try (Connection connection = dataSource.getConnection()) {
                        return write(connection, job, chunk);
                    }
                });
            } catch (RuntimeException e) {
                if (attempt == ATTEMPTS || !SqlStates.causedBy(e, RETRYABLE)) {
                    throw e;
                }
            }
        }
    }


    private Outcome write(Connection connection, Job job, Prepared chunk) throws SQLException {
        List<ImportRows.Rejected> rejected = new ArrayList<>(chunk.rejected());
        int registered = 0;
        int unchanged = 0;
        if (chunk.staged() > 0) {
            try (Statement statement = connection.createStatement()) {
                statement.execute(STAGE);
            }
            try {
                connection.unwrap(PGConnection.class).getCopyAPI().copyIn(COPY, new StringReader(chunk.copy()));
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
            try (PreparedStatement register = connection.prepareStatement(REGISTER)) {
                register.setObject(1, job.serviceUnitId());
                register.setArray(2, connection.createArrayOf("uuid", job.partnerId() == null ? new Object[0] : new Object[] {job.partnerId()}));
                register.setString(3, BeneficiaryStatus.REGISTERED.name());
                register.setObject(4, chunk.now());
                register.setObject(5, chunk.now());
                register.setObject(6, job.id());
                registered = register.executeUpdate();
            }
            if (registered > 0) {
                try (PreparedStatement events = connection.prepareStatement(EVENTS)) {
                    events.setString(1, aggregateType);
                    events.setString(2, eventType);
                    events.setString(3, job.traceParent());
                    events.setObject(4, chunk.now());
                    events.executeUpdate();
                }
                try (PreparedStatement timeline = connection.prepareStatement(TIMELINE)) {
                    timeline.setObject(1, chunk.now());
                    timeline.setString(2, "registered as " + BeneficiaryStatus.REGISTERED);
                    timeline.executeUpdate();
                }
                try (Statement notify = connection.createStatement()) {
                    // the relay's LISTEN channel (EventOutbox.CHANNEL); delivered on commit, once for the chunk
                    notify.execute("SELECT pg_notify('atensi_outbox', '')");
                }
            }
            if (registered < chunk.staged()) {
                try (Statement statement = connection.createStatement(); ResultSet rows = statement.executeQuery(NOT_REGISTERED)) {
                    while (rows.next()) {
                        if (job.id().equals(rows.getObject(2, UUID.class))) {
                            rejected.add(new ImportRows.Rejected(rows.getInt(1), "nik",
                                    "nik: the same NIK is on an earlier line of this file"));
                        } else {
                            unchanged++;
                        }
                    }
                }
            }
        }
        rejected.sort((a, b) -> Integer.compare(a.line(), b.line()));
        if (!rejected.isEmpty()) {
            try (PreparedStatement insert = connection.prepareStatement(
                    "INSERT INTO import_rejection (job_id, line, field, reason) VALUES (?, ?, ?, ?)")) {
                for (ImportRows.Rejected rejection : rejected) {
                    insert.setObject(1, job.id());
                    insert.setInt(2, rejection.line());
                    insert.setString(3, rejection.field());
                    insert.setString(4, rejection.reason());
                    insert.addBatch();
                }
                insert.executeBatch();
            }
        }
        try (PreparedStatement span = connection.prepareStatement(registered > 0 ? CHUNK_PENDING_LOOKUP : CHUNK)) {
            span.setObject(1, job.id());
            span.setInt(2, chunk.firstLine());
            span.setInt(3, chunk.lastLine());
            span.executeUpdate();
        }
        try (PreparedStatement progress = connection.prepareStatement(PROGRESS)) {
            progress.setInt(1, chunk.rows());
            progress.setInt(2, registered);
            progress.setInt(3, unchanged);
            progress.setInt(4, rejected.size());
            OffsetDateTime now = Clocks.now(clock);
            progress.setObject(5, now);
            progress.setObject(6, now);
            progress.setObject(7, job.id());
            progress.setObject(8, job.worker());
            if (progress.executeUpdate() != 1) {
                throw new Superseded(job.id());
            }
        }
        return new Outcome(registered, unchanged, rejected);
    }

    /**
     * Records the likely duplicates of a committed chunk's people, in a transaction of its own, and marks its lookup
     * done; again when the database chose it as a deadlock's victim. Idempotent (a pair recorded already is kept), so
     * a lookup that a crash interrupted is simply run again.
     */
    void lookUp(UUID jobId, int firstLine, OffsetDateTime now) {
        for (int attempt = 1; ; attempt++) {
            try {
                QuarkusTransaction.requiringNew().run(() -> {
                    try (Connection connection = dataSource.getConnection()) {
                        lookUp(connection, jobId, firstLine, now);
                    } catch (SQLException e) {
                        throw new IllegalStateException("the likely duplicates of import " + jobId + " from line " + firstLine
                                + " were not looked up", e);
                    }
                });
                return;
            } catch (RuntimeException e) {
                if (attempt == ATTEMPTS || !SqlStates.causedBy(e, RETRYABLE)) {
                    throw e;
                }
            }
        }
    }

    private static void lookUp(Connection connection, UUID jobId, int firstLine, OffsetDateTime now) throws SQLException {
        try (PreparedStatement lookup = connection.prepareStatement(LOOKUP)) {
            lookup.setObject(1, jobId);
            lookup.setInt(2, firstLine);
            lookup.setObject(3, now);
            lookup.executeUpdate();
        }
        try (PreparedStatement done = connection.prepareStatement(LOOKED_UP)) {
            done.setObject(1, jobId);
            done.setInt(2, firstLine);
            done.executeUpdate();
        }
    }

    /** The first lines of a job's chunks whose lookup is still pending (a crash came between a commit and its lookup). */
    List<Integer> pendingLookups(UUID jobId) {
        try (Connection connection = dataSource.getConnection(); PreparedStatement pending = connection.prepareStatement(
                "SELECT first_line FROM import_chunk WHERE job_id = ? AND lookup_pending IS NOT NULL ORDER BY first_line")) {
            pending.setObject(1, jobId);
            List<Integer> lines = new ArrayList<>();
            try (ResultSet rows = pending.executeQuery()) {
                while (rows.next()) {
                    lines.add(rows.getInt(1));
                }
            }
            return lines;
        } catch (SQLException e) {
            throw new IllegalStateException("cannot read the pending lookups of import " + jobId, e);
        }
    }

    /**
     * Looks up one chunk with its lookup pending whose job is not running any more (it failed between a chunk's commit
     * and its lookup), claimed so that one replica does it; false when there is none.
     */
    boolean lookUpAbandoned() {
        return QuarkusTransaction.requiringNew().call(() -> {
            try (Connection connection = dataSource.getConnection(); Statement claim = connection.createStatement();
                 ResultSet chunk = claim.executeQuery(ABANDONED_LOOKUP)) {
                if (!chunk.next()) {
                    return false;
                }
                lookUp(connection, chunk.getObject(1, UUID.class), chunk.getInt(2), Clocks.now(clock));
                return true;
            }
        });
    }
}
