package db.migration;

import id.atensi.webhook.config.SecretCiphers;
import id.atensi.webhook.domain.SecretCipher;
import org.flywaydb.core.api.migration.BaseJavaMigration;
import org.flywaydb.core.api.migration.Context;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;

/**
 * Encrypts the signing secrets registered before secrets were encrypted at rest. A Java migration because the key is
 * configuration, never SQL; it runs in Flyway's transaction, so it is all or nothing. A local deployment without a
 * key leaves them; the service seals them at a later start with a key ({@code SecretsAtRest}).
 */
public class V4__encrypt_endpoint_secrets extends BaseJavaMigration {

    @Override
    public void migrate(Context context) throws Exception {
        SecretCipher cipher = SecretCiphers.fromConfig();
        if (!cipher.encrypts()) {
            return;
        }
        Connection connection = context.getConnection();
        seal(connection, cipher, "secret");
        seal(connection, cipher, "previous_secret");
    }

    private static void seal(Connection connection, SecretCipher cipher, String column) throws SQLException {
        try (Statement select = connection.createStatement();
             ResultSet rows = select.executeQuery("SELECT id, " + column + " FROM endpoint WHERE " + column + " LIKE 'whsec\\_%'");
             PreparedStatement update = connection.prepareStatement("UPDATE endpoint SET " + column + " = ? WHERE id = ?")) {
            while (rows.next()) {
                update.setString(1, cipher.seal(rows.getString(2)));
                update.setObject(2, rows.getObject(1));
                update.addBatch();
            }
            update.executeBatch();
        }
    }
}
