package id.atensi.beneficiary.domain;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.IdClass;
import jakarta.persistence.Table;

import java.io.Serializable;
import java.util.UUID;

/** A row of an import that was not registered: its line number in the file and why. Never the row's content. */
@Entity
@Table(name = "import_rejection")
@IdClass(ImportRejection.Key.class)
public class ImportRejection extends PanacheEntityBase {

    @Id
    @Column(name = "job_id")
    public UUID jobId;

    @Id
    public int line;

    /** The field(s) at fault, comma-separated, or {@code row} when the row as a whole is unreadable. */
    public String field;

    @Column(nullable = false)
    public String reason;

    public static class Key implements Serializable {

        public UUID jobId;
        public int line;

        @Override
        public boolean equals(Object other) {
            return other instanceof Key key && java.util.Objects.equals(jobId, key.jobId) && line == key.line;
        }

        @Override
        public int hashCode() {
            return java.util.Objects.hash(jobId, line);
        }
    }
}
