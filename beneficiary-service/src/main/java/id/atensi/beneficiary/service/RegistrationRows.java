package id.atensi.beneficiary.service;

import id.atensi.beneficiary.domain.Beneficiary;
import id.atensi.beneficiary.domain.DuplicateCandidate;
import id.atensi.beneficiary.events.BeneficiaryRegisteredV1;
import id.atensi.commons.events.EventOutbox;
import id.atensi.commons.persistence.TimeOrderedIds;
import io.agroal.api.AgroalDataSource;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Types;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

/**
 * The rows of one registration — the person, its likely duplicates, its event, its timeline entry, the audit row of
 * the unmasked answer — written with plain JDBC on one connection. The ORM's persist, flush and dirty checking of the
 * same rows cost more CPU than PostgreSQL spent storing them (bench/RESULTS.md, issue 20); nothing here is read back
 * into the persistence context, which the registration does not otherwise open. A registration runs its own
 * transaction on the connection ({@link #ownTransaction}), its Idempotency-Key's row included when it has one; the
 * connection is taken once and handed to each step: a checkout and a transaction check per statement were a
 * measurable part of the request's CPU.
 */
@ApplicationScoped
class RegistrationRows {

    /**
     * The NIK's unique index arbitrates: a NIK registered already, or being registered by a transaction that then
     * commits (the index waits for it), inserts nothing, and the registration answers 409 naming the holder.
     */
    private static final String PERSON = """
            INSERT INTO beneficiary (id, full_name, name_key, nik_hash, nik_cipher, nik_key_id, kk_hash, kk_cipher, kk_key_id,
                birth_place, birth_date, sex, province_code, regency_code, district_code, village_code, address_line, phone,
                welfare_id, clusters, disability_types, approach, service_unit_id, partner_ids, status, registered_at,
                updated_at, version)
            VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, 0)
            ON CONFLICT (nik_hash) DO NOTHING""";
    private static final String HOLDER = "SELECT id FROM beneficiary WHERE nik_hash = ?";
    private static final String SAME_BIRTH_AND_REGENCY = """
            SELECT id, name_key FROM beneficiary WHERE birth_date = ? AND regency_code = ? AND id <> ? AND merged_into IS NULL""";
    private static final String SAME_BIRTH_AND_PROVINCE = """
            SELECT id, name_key FROM beneficiary WHERE birth_date = ? AND province_code = ? AND id <> ? AND merged_into IS NULL""";
    private static final String TIMELINE = """
            INSERT INTO timeline_entry (id, beneficiary_id, occurred_at, kind, summary, source)
            VALUES (?, ?, ?, 'registered', ?, 'beneficiary')""";
    private static final String CANDIDATE = """
            INSERT INTO duplicate_candidate (id, first_id, second_id, reason, status, detected_at, version)
            VALUES (?, ?, ?, ?, 'OPEN', ?, 0) ON CONFLICT ON CONSTRAINT duplicate_candidate_pair DO NOTHING""";
    private static final String AUDIT = """
            INSERT INTO personal_data_access (id, accessed_at, accessed_by, roles, beneficiary_id, fields, action, request_id)
            VALUES (?, ?, ?, ?, ?, ?, 'register', ?)""";

    private final AgroalDataSource dataSource;
    private final EventOutbox outbox;

    RegistrationRows(AgroalDataSource dataSource, EventOutbox outbox) {
        this.dataSource = dataSource;
        this.outbox = outbox;
    }

    /**
     * A connection outside any JTA transaction, in a transaction of its own that the caller commits or rolls back:
     * the outbox guarantee holds as in a JTA transaction, the event's row committing with the person's or not at all.
     */
    @Transactional(Transactional.TxType.NEVER)
    public Connection ownTransaction() {
        try {
            Connection connection = dataSource.getConnection();
            connection.setAutoCommit(false);
            return connection;
        } catch (SQLException e) {
            throw new IllegalStateException("no connection for the registration", e);
        }
    }

    /** @return whether the person was inserted: false when its NIK is another person's ({@link #holderOf}) */
    boolean insertPerson(Connection connection, Beneficiary person) {
        try {
            try (PreparedStatement insert = connection.prepareStatement(PERSON)) {
                int i = 0;
                insert.setObject(++i, person.id);
                insert.setString(++i, person.fullName);
                insert.setString(++i, person.nameKey);
                insert.setString(++i, person.nikHash);
                insert.setString(++i, person.nikCipher);
                insert.setString(++i, person.nikKeyId);
                insert.setString(++i, person.kkHash);
                insert.setString(++i, person.kkCipher);
                insert.setString(++i, person.kkKeyId);
                insert.setString(++i, person.birthPlace);
                insert.setObject(++i, person.birthDate);
                insert.setString(++i, person.sex.name());
                insert.setString(++i, person.provinceCode);
                insert.setString(++i, person.regencyCode);
                insert.setString(++i, person.districtCode);
                insert.setString(++i, person.villageCode);
                insert.setString(++i, person.addressLine);
                insert.setString(++i, person.phone);
                insert.setString(++i, person.welfareId);
                insert.setArray(++i, connection.createArrayOf("text", person.clusters));
                insert.setArray(++i, connection.createArrayOf("text", person.disabilityTypes));
                if (person.approach == null) {
                    insert.setNull(++i, Types.VARCHAR);
                } else {
                    insert.setString(++i, person.approach.name());
                }
                insert.setObject(++i, person.serviceUnitId, Types.OTHER);
                insert.setArray(++i, connection.createArrayOf("uuid", person.partnerIds));
                insert.setString(++i, person.status.name());
                insert.setObject(++i, person.registeredAt);
                insert.setObject(++i, person.updatedAt);
                return insert.executeUpdate() == 1;
            }
        } catch (SQLException e) {
            throw new IllegalStateException("the registration of a person could not be written", e);
        }
    }

    /** The person whose NIK has this keyed hash, as this statement sees the database (committed others included). */
    Optional<UUID> holderOf(Connection connection, String nikHash) {
        try (PreparedStatement holder = connection.prepareStatement(HOLDER)) {
            holder.setString(1, nikHash);
            try (ResultSet row = holder.executeQuery()) {
                return row.next() ? Optional.of(row.getObject(1, UUID.class)) : Optional.empty();
            }
        } catch (SQLException e) {
            throw new IllegalStateException("the holder of a NIK could not be read", e);
        }
    }

    /** The people born the same day in the person's regency (or province when no regency is known), but the person. */
    List<DuplicateService.NameOf> sameBirthAndRegion(Connection connection, Beneficiary person) {
        String query = person.regencyCode != null ? SAME_BIRTH_AND_REGENCY : person.provinceCode != null ? SAME_BIRTH_AND_PROVINCE : null;
        if (query == null) {
            return List.of();
        }
        try (PreparedStatement select = connection.prepareStatement(query)) {
            select.setObject(1, person.birthDate);
            select.setString(2, person.regencyCode != null ? person.regencyCode : person.provinceCode);
            select.setObject(3, person.id);
            List<DuplicateService.NameOf> found = new ArrayList<>();
            try (ResultSet rows = select.executeQuery()) {
                while (rows.next()) {
                    found.add(new DuplicateService.NameOf(rows.getObject(1, UUID.class), rows.getString(2)));
                }
            }
            return found;
        } catch (SQLException e) {
            throw new IllegalStateException("the likely duplicates of a person could not be read", e);
        }
    }

    /** The person's likely duplicates ({@link DuplicateService#likely}); a pair known already stays as it is. */
    void recordCandidates(Connection connection, List<DuplicateCandidate> candidates) {
        if (candidates.isEmpty()) {
            return;
        }
        try (PreparedStatement insert = connection.prepareStatement(CANDIDATE)) {
            for (DuplicateCandidate candidate : candidates) {
                insert.setObject(1, candidate.id);
                insert.setObject(2, candidate.firstId);
                insert.setObject(3, candidate.secondId);
                insert.setString(4, candidate.reason);
                insert.setObject(5, candidate.detectedAt);
                insert.addBatch();
            }
            insert.executeBatch();
        } catch (SQLException e) {
            throw new IllegalStateException("the likely duplicates of a person could not be written", e);
        }
    }

    /** The unmasked fields the answer shows, and to whom, for the audit trail. */
    record Audit(String fields, PersonalDataAudit.Reader reader) {
    }

    /** The person's event, its timeline entry and, when the answer shows personal data, the audit row. */
    void recordRegistered(Connection connection, Beneficiary person, Audit audit) {
        try {
            outbox.recordOnConnection(connection, BeneficiaryRegisteredV1.of(person));
            try (PreparedStatement timeline = connection.prepareStatement(TIMELINE)) {
                timeline.setObject(1, TimeOrderedIds.next());
                timeline.setObject(2, person.id);
                timeline.setObject(3, person.registeredAt);
                timeline.setString(4, "registered as " + person.status);
                timeline.executeUpdate();
            }
            if (audit != null) {
                try (PreparedStatement access = connection.prepareStatement(AUDIT)) {
                    access.setObject(1, TimeOrderedIds.next());
                    access.setObject(2, person.registeredAt);
                    access.setString(3, audit.reader().name());
                    access.setString(4, audit.reader().roles());
                    access.setObject(5, person.id);
                    access.setString(6, audit.fields());
                    access.setString(7, audit.reader().requestId());
                    access.executeUpdate();
                }
            }
        } catch (SQLException e) {
            throw new IllegalStateException("the registration's event, timeline entry or audit row could not be written", e);
        }
    }
}
