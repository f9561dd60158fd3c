package db.migration;

import id.atensi.beneficiary.config.BeneficiaryConfig;
import id.atensi.beneficiary.pii.PersonalNumberCipher;
import id.atensi.beneficiary.pii.PersonalNumberCipherProducer;
import io.smallrye.config.SmallRyeConfig;
import org.eclipse.microprofile.config.ConfigProvider;
import org.flywaydb.core.api.migration.BaseJavaMigration;
import org.flywaydb.core.api.migration.Context;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

/**
 * Moves the NIK out of plain text: each row's NIK is encrypted (AES-GCM, key id kept per row) and hashed
 * (HMAC-SHA256, for lookup and uniqueness), then the plain column is dropped. A Java migration because the
 * keys are configuration, never SQL; it runs in Flyway's transaction, so it is all or nothing.
 */
public class V2__encrypt_personal_numbers extends BaseJavaMigration {

    @Override
    public void migrate(Context context) throws Exception {
        PersonalNumberCipher cipher = PersonalNumberCipherProducer.fromConfig(
                ConfigProvider.getConfig().unwrap(SmallRyeConfig.class).getConfigMapping(BeneficiaryConfig.class).pii());
        Connection connection = context.getConnection();
        try (Statement statement = connection.createStatement()) {
            statement.execute("""
                    ALTER TABLE beneficiary
                        ADD COLUMN nik_hash   TEXT,
                        ADD COLUMN nik_cipher TEXT,
                        ADD COLUMN nik_key_id TEXT,
                        ADD COLUMN kk_hash    TEXT,
                        ADD COLUMN kk_cipher  TEXT,
                        ADD COLUMN kk_key_id  TEXT
                    """);
        }
        List<Object[]> rows = new ArrayList<>();
        try (Statement statement = connection.createStatement();
             ResultSet result = statement.executeQuery("SELECT id, nik FROM beneficiary")) {
            while (result.next()) {
                rows.add(new Object[] {result.getObject(1, UUID.class), result.getString(2).strip()});
            }
        }
        try (PreparedStatement update = connection.prepareStatement(
                "UPDATE beneficiary SET nik_hash = ?, nik_cipher = ?, nik_key_id = ? WHERE id = ?")) {
            for (Object[] row : rows) {
                String nik = (String) row[1];
                PersonalNumberCipher.Sealed sealed = cipher.seal(nik, "nik");
                update.setString(1, cipher.hash(nik, "nik"));
                update.setString(2, sealed.ciphertext());
                update.setString(3, sealed.keyId());
                update.setObject(4, row[0]);
                update.addBatch();
            }
            update.executeBatch();
        }
        try (Statement statement = connection.createStatement()) {
            statement.execute("""
                    ALTER TABLE beneficiary
                        DROP CONSTRAINT beneficiary_nik_unique,
                        DROP COLUMN nik,
                        ALTER COLUMN nik_hash SET NOT NULL,
                        ALTER COLUMN nik_cipher SET NOT NULL,
                        ALTER COLUMN nik_key_id SET NOT NULL,
                        ADD CONSTRAINT beneficiary_nik_hash_unique UNIQUE (nik_hash),
                        ADD CONSTRAINT beneficiary_kk_sealed CHECK ((kk_hash IS NULL) = (kk_cipher IS NULL) AND (kk_cipher IS NULL) = (kk_key_id IS NULL))
                    """);
            statement.execute("CREATE INDEX beneficiary_kk_hash ON beneficiary (kk_hash)");
        }
    }
}
