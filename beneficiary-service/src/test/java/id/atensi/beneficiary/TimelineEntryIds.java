package id.atensi.beneficiary;

import javax.sql.DataSource;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

/**
 * The UUID versions of a person's timeline entries from one source, read from the database: the API does not show
 * entry ids.
 */
public final class TimelineEntryIds {

    private TimelineEntryIds() {
    }

    /** In the timeline's order. */
    public static List<Integer> versions(DataSource dataSource, String personId, String source) throws SQLException {
        try (Connection connection = dataSource.getConnection();
             PreparedStatement select = connection.prepareStatement("SELECT id FROM timeline_entry"
                     + " WHERE beneficiary_id = CAST(? AS uuid) AND source = ? ORDER BY occurred_at, seq")) {
            select.setString(1, personId);
            select.setString(2, source);
            List<Integer> versions = new ArrayList<>();
            try (ResultSet rows = select.executeQuery()) {
                while (rows.next()) {
                    versions.add(rows.getObject(1, UUID.class).version());
                }
            }
            return versions;
        }
    }
}
