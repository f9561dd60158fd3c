package id.atensi.beneficiary.service;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import id.atensi.beneficiary.domain.BeneficiaryStatus;
import id.atensi.beneficiary.domain.NameKey;
import id.atensi.beneficiary.events.BeneficiaryRegisteredV1;
import id.atensi.beneficiary.pii.PersonalNumberCipher;
import id.atensi.commons.config.PlatformConfig;
import id.atensi.commons.events.EventNames;
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
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.UUID;

/**
 * Registers one chunk of checked import rows in one transaction, set-based: the rows are sealed and hashed in Java,
 * sent with {@code COPY} into a temporary staging table, and registered by {@code INSERT … SELECT … ON CONFLICT
 * (nik_hash) DO NOTHING} (a NIK registered already, by anyone, is skipped). Their events go to the outbox and their
 * timeline entries are written by one statement each, likely duplicates are looked up for the whole chunk at once,
 * and the job's progress and the chunk's span of lines are recorded in the same transaction, so a chunk is registered
 * whole or not at all. Several chunks of a job are written at once, each on its own connection; what must see the
 * others' rows (the likely duplicates) runs one chunk at a time.
 */
@ApplicationScoped
public class ImportChunks {

    private static final String STAGE = """
            CREATE TEMP TABLE IF NOT EXISTS import_stage (
                id UUID, line INT, full_name TEXT, name_key TEXT, nik_hash TEXT, nik_cipher TEXT, nik_key_id TEXT,
                kk_hash TEXT, kk_cipher TEXT, kk_key_id TEXT, birth_place TEXT, birth_date DATE, sex TEXT,
                province_code TEXT, regency_code TEXT, district_code TEXT, village_code TEXT, address_line TEXT,
                phone TEXT, welfare_id TEXT, clusters TEXT[], event_id UUID, payload TEXT, inserted BOOLEAN NOT NULL DEFAULT FALSE
            ) ON COMMIT DELETE ROWS""";
    private static final String COPY = """
            COPY import_stage (id, line, full_name, name_key, nik_hash, nik_cipher, nik_key_id, kk_hash, kk_cipher, kk_key_id,
                birth_place, birth_date, sex, province_code, regency_code, district_code, village_code, address_line, phone,
                welfare_id, clusters, event_id, payload) FROM STDIN""";
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
            INSERT INTO outbox_event (id, aggregate_type, aggregate_id, event_type, payload, occurred_at)
            SELECT event_id, ?, id::text, ?, payload::jsonb, ? FROM import_stage WHERE inserted ORDER BY line""";
    private static final String TIMELINE = """
            INSERT INTO timeline_entry (id, beneficiary_id, occurred_at, kind, summary, source)
            SELECT gen_random_uuid(), id, ?, 'registered', ?, 'beneficiary' FROM import_stage WHERE inserted ORDER BY line""";
    private static final String NOT_REGISTERED = """
            SELECT s.line, b.import_job_id FROM import_stage s JOIN beneficiary b ON b.nik_hash = s.nik_hash WHERE NOT s.inserted""";
    // The rule of DuplicateService.detect, for a chunk at once: same birth date, same regency (or province when no
    // regency is known), names compared in Java.
    private static final String LIKELY_DUPLICATES = """
            SELECT s.id, s.name_key, b.id, b.name_key, s.birth_date, coalesce(s.regency_code, s.province_code)
            FROM import_stage s JOIN beneficiary b ON b.birth_date = s.birth_date AND b.id <> s.id AND b.merged_into IS NULL
                AND (CASE WHEN s.regency_code IS NOT NULL THEN b.regency_code = s.regency_code ELSE b.province_code = s.province_code END)
            WHERE s.inserted AND (s.regency_code IS NOT NULL OR s.province_code IS NOT NULL)""";
    private static final String CANDIDATE = """
            INSERT INTO duplicate_candidate (id, first_id, second_id, reason, status, detected_at, version)
            VALUES (?, ?, ?, ?, 'OPEN', ?, 0) ON CONFLICT ON CONSTRAINT duplicate_candidate_pair DO NOTHING""";
    private static final String PROGRESS = """
            UPDATE import_job SET done = done + ?, registered = registered + ?, unchanged = unchanged + ?, rejected = rejected + ?,
                chunks = chunks + 1, progressed_at = ?, heartbeat_at = ?
            WHERE id = ? AND status = 'RUNNING' AND worker = ?""";
    private static final String CHUNK = "INSERT INTO import_chunk (job_id, first_line, last_line) VALUES (?, ?, ?)";
    /**
     * Held from a chunk's likely-duplicate lookup to its commit: of two chunks written at once, the second to take it
     * looks up after the first committed, so it sees the first's people and a pair split between them is found.
     */
    private static final long DUPLICATE_LOOKUP_LOCK = 0x696d706f72746475L;
    private static final int ATTEMPTS = 3;

    private final AgroalDataSource dataSource;
    private final PersonalNumberCipher cipher;
    private final ObjectMapper json;
    private final String eventType;
    private final String aggregateType;

    ImportChunks(AgroalDataSource dataSource, PersonalNumberCipher cipher, ObjectMapper json, PlatformConfig platform) {
        this.dataSource = dataSource;
        this.cipher = cipher;
        this.json = json;
        this.eventType = EventNames.type(platform.serviceName(), BeneficiaryRegisteredV1.class);
        this.aggregateType = EventNames.aggregateType(BeneficiaryRegisteredV1.class);
    }

    /** The job a chunk belongs to, as the worker knows it, and the run ({@code worker}) that holds it. */
    record Job(UUID id, UUID serviceUnitId, UUID partnerId, UUID worker) {
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
            UUID id = UUID.randomUUID();
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
            field(copy, UUID.randomUUID().toString());
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
                if (attempt == ATTEMPTS || !retryable(e)) {
                    throw e;
                }
            }
        }
    }

    private static boolean retryable(Throwable e) {
        for (Throwable cause = e; cause != null; cause = cause.getCause()) {
            if (cause instanceof SQLException sql && ("40P01".equals(sql.getSQLState()) || "40001".equals(sql.getSQLState()))) {
                return true;
            }
        }
        return false;
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
                    events.setObject(3, chunk.now());
                    events.executeUpdate();
                }
                try (PreparedStatement timeline = connection.prepareStatement(TIMELINE)) {
                    timeline.setObject(1, chunk.now());
                    timeline.setString(2, "registered as " + BeneficiaryStatus.REGISTERED);
                    timeline.executeUpdate();
                }
                try (PreparedStatement lock = connection.prepareStatement("SELECT pg_advisory_xact_lock(?)")) {
                    // a statement of its own: the lookup's snapshot must be taken after the lock is granted
                    lock.setLong(1, DUPLICATE_LOOKUP_LOCK);
                    lock.execute();
                }
                likelyDuplicates(connection, chunk.now());
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
        try (PreparedStatement span = connection.prepareStatement(CHUNK)) {
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
            OffsetDateTime now = OffsetDateTime.now(ZoneOffset.UTC);
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

    private void likelyDuplicates(Connection connection, OffsetDateTime now) throws SQLException {
        record Pair(UUID first, UUID second, String reason) {
        }
        List<Pair> pairs = new ArrayList<>();
        Set<String> seen = new HashSet<>();
        try (Statement statement = connection.createStatement(); ResultSet rows = statement.executeQuery(LIKELY_DUPLICATES)) {
            while (rows.next()) {
                UUID person = rows.getObject(1, UUID.class);
                String personKey = rows.getString(2);
                UUID other = rows.getObject(3, UUID.class);
                String otherKey = rows.getString(4);
                int distance = DuplicateService.distance(personKey, otherKey);
                if (distance > Math.max(2, Math.max(personKey.length(), otherKey.length()) / 5)) {
                    continue;
                }
                // PostgreSQL orders uuids as unsigned bytes, as their text sorts; UUID.compareTo compares signed longs
                UUID first = person.toString().compareTo(other.toString()) < 0 ? person : other;
                UUID second = first.equals(person) ? other : person;
                if (seen.add(first + "/" + second)) {
                    pairs.add(new Pair(first, second, "same birth date " + rows.getObject(5, java.time.LocalDate.class)
                            + ", same region " + rows.getString(6)
                            + (distance == 0 ? ", same name" : ", names " + distance + " edit(s) apart")));
                }
            }
        }
        if (pairs.isEmpty()) {
            return;
        }
        try (PreparedStatement insert = connection.prepareStatement(CANDIDATE)) {
            for (Pair pair : pairs) {
                insert.setObject(1, UUID.randomUUID());
                insert.setObject(2, pair.first());
                insert.setObject(3, pair.second());
                insert.setString(4, pair.reason());
                insert.setObject(5, now);
                insert.addBatch();
            }
            insert.executeBatch();
        }
    }
}
