package db.migration;

import org.flywaydb.core.api.migration.BaseJavaMigration;
import org.flywaydb.core.api.migration.Context;

/**
 * Did once what {@code SecretsAtRest} does at every start: sealing the signing secrets stored as plain text. The
 * start does it for the secrets of before encryption too, so this migration does nothing now; it stays so that the
 * databases that ran it still match the migrations Flyway finds (a Java migration has no checksum to differ).
 */
public class V4__encrypt_endpoint_secrets extends BaseJavaMigration {

    @Override
    public void migrate(Context context) {
        // Nothing: see the class comment.
    }
}
