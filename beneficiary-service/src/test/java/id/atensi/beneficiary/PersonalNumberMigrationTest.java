package id.atensi.beneficiary;

import db.migration.V2__encrypt_personal_numbers;
import id.atensi.beneficiary.pii.PersonalNumberCipher;
import id.atensi.testing.AtensiTestResource;
import io.agroal.api.AgroalDataSource;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import org.flywaydb.core.api.configuration.Configuration;
import org.flywaydb.core.api.migration.Context;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** V2 on a database that already holds V1 rows with plain NIKs: they come out encrypted, hashed and unique. */
@QuarkusTest
@WithTestResource(value = AtensiTestResource.class, initArgs = @ResourceArg(name = "database", value = "beneficiary"))
class PersonalNumberMigrationTest {

    @Inject
    AgroalDataSource dataSource;

    @Inject
    PersonalNumberCipher cipher;

    @Test
    void existingPlainNiksAreEncryptedAndThePlainColumnDropped() throws Exception {
        String v1 = Files.readString(Path.of("src/main/resources/db/migration/V1__beneficiary.sql"), StandardCharsets.UTF_8);
        try (Connection connection = dataSource.getConnection()) {
            connection.setAutoCommit(false);
            try (Statement statement = connection.createStatement()) {
                statement.execute("DROP SCHEMA IF EXISTS v2_migration_test CASCADE");
                statement.execute("CREATE SCHEMA v2_migration_test");
                statement.execute("SET LOCAL search_path TO v2_migration_test");
                statement.execute(v1);
                statement.execute("INSERT INTO beneficiary (id, full_name, nik, birth_date, sex, status, registered_at) VALUES "
                        + "('00000000-0000-4000-8000-000000000001', 'Siti', '3201014508900001', '1990-08-05', 'FEMALE', 'REGISTERED', now()),"
                        + "('00000000-0000-4000-8000-000000000002', 'Budi', '3201011712850002', '1985-12-17', 'MALE', 'REGISTERED', now())");
            }
            new V2__encrypt_personal_numbers().migrate(new Context() {
                @Override
                public Configuration getConfiguration() {
                    return null;
                }

                @Override
                public Connection getConnection() {
                    return connection;
                }
            });
            try (Statement statement = connection.createStatement();
                 ResultSet rows = statement.executeQuery("SELECT * FROM beneficiary ORDER BY id")) {
                assertTrue(rows.next());
                assertThrows(java.sql.SQLException.class, () -> rows.findColumn("nik"));
                assertEquals(cipher.hash("3201014508900001", "nik"), rows.getString("nik_hash"));
                assertEquals("3201014508900001", cipher.open(new PersonalNumberCipher.Sealed(rows.getString("nik_key_id"),
                        rows.getString("nik_cipher")), "nik"));
                assertFalse(rows.getString("nik_cipher").contains("3201014508900001"));
                assertTrue(rows.next());
                assertEquals(cipher.hash("3201011712850002", "nik"), rows.getString("nik_hash"));
            }
            try (Statement statement = connection.createStatement()) {
                assertThrows(java.sql.SQLException.class, () -> statement.execute(
                        "UPDATE beneficiary SET nik_hash = (SELECT nik_hash FROM beneficiary WHERE full_name = 'Siti') WHERE full_name = 'Budi'"));
            }
            connection.rollback();
        }
    }
}
