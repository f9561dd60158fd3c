package id.atensi.beneficiary.config;

import io.quarkus.runtime.configuration.MemorySize;
import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.time.ZoneId;
import java.util.Map;
import java.util.Optional;

/**
 * The beneficiary service's own settings, every key under {@code atensi.beneficiary.}. A mapping of its own, not loose
 * properties: the platform's {@code atensi} mapping refuses keys under its prefix that no mapping claims.
 */
@ConfigMapping(prefix = "atensi.beneficiary")
public interface BeneficiaryConfig {

    /**
     * The programme's time zone, which says what "today" is for a decision, an assessment or a birth date: a decree
     * signed in Jakarta at 06:00 WIB is dated that day, while UTC is still on the day before until 07:00 WIB.
     */
    @WithDefault("Asia/Jakarta")
    ZoneId timeZone();

    Pii pii();

    Retention retention();

    DataHolders dataHolders();

    Imports imports();

    NameIndexes nameIndexes();

    /** The GIN indexes' pending lists, merged in the background: see {@code service.PendingListMerger}. */
    interface NameIndexes {

        /**
         * How often every GIN index's pending list is merged into the index ({@code off} stops it, and a registration
         * that finds a list over {@code gin_pending_list_limit} merges it, as PostgreSQL does by default); the merger's
         * {@code @Scheduled} expression, declared here so that every {@code atensi.beneficiary} key is in this one place.
         */
        String mergeInterval();
    }

    /** Bulk imports (CSV, XLSX, JSON lines): see {@code service.ImportService}. */
    interface Imports {

        /**
         * The largest file accepted; a request declaring more is answered 413 before its body is read. A row is about
         * 150 bytes, so the default takes some 1.7 million people. The HTTP server's own limit is set above it.
         */
        @WithDefault("256M")
        MemorySize maxFileSize();

        /**
         * Rows registered in one transaction. Large enough that COPY and the set-based statements dominate the
         * per-transaction cost (a commit, the job's progress), small enough that a chunk holds a few MB in memory.
         */
        @WithDefault("5000")
        int chunkSize();

        /**
         * Chunks of a job checked, sealed and written at once, each on its own thread and connection: the database
         * maintains a dozen indexes per person, work it spreads over its cores only across connections. Also bounds
         * memory: the reader stays at most this many chunks ahead.
         */
        @WithDefault("4")
        int writers();

        /**
         * Where uploaded files wait until their job is done (deleted then). A job survives a restart of its process
         * only if this directory does: in Kubernetes a volume that outlives the pod, shared by replicas.
         */
        Optional<Path> spoolDirectory();

        /** A RUNNING job whose worker has not committed a chunk for this long is taken over by another worker. */
        @WithDefault("PT2M")
        Duration workerLease();

        /** How often a worker looks for RUNNING jobs without a live worker; the resumer's {@code @Scheduled} interval. */
        @WithDefault("30s")
        String resumeInterval();

        /** A RUNNING job that has committed no chunk for this long counts as stalled (gauge {@code atensi_imports_stalled}). */
        @WithDefault("PT10M")
        Duration stalledAfter();

        /**
         * For tests of resumption only: the worker stops as if its process died after committing this many chunks
         * of the first job it runs, leaving the job RUNNING for a resumer to take over.
         */
        Optional<Integer> simulateCrashAfterChunks();
    }

    /**
     * The other services that hold a part of a person's data, asked for it by the access right's export job. Optional so
     * that the service starts without them; an export then fails, naming the setting.
     */
    interface DataHolders {

        /** The training service's own address (not the gateway's), e.g. {@code http://training:8080}. */
        Optional<URI> trainingUrl();

        /** The aid service's own address. */
        Optional<URI> aidUrl();

        /** How long to wait for a connection and for each answer. */
        @WithDefault("PT30S")
        Duration timeout();
    }

    /** How long personal data of a terminated case is kept before it is erased (UU 27/2022: no longer than needed). */
    interface Retention {

        /**
         * From the decision that terminated the case. Five years by default: the period for which the programme's
         * records of aid may be audited; an operator sets the period the ministry's records schedule names.
         */
        @WithDefault("P1826D")
        Duration terminatedKeptFor();

        /**
         * How often the retention job looks for people past the period ({@code off} stops it); the job's
         * {@code @Scheduled} expression, declared here so that every {@code atensi.beneficiary} key is in this one place.
         */
        String interval();

        /** How many people one run erases at most, each in its own transaction. */
        @WithDefault("500")
        int batchSize();
    }

    /**
     * Keys of the personal numbers (NIK, KK) at rest; see {@code pii.PersonalNumberCipher}. Optional here so that the
     * cipher, not the configuration loader, refuses to start without them: it names the variable to set.
     */
    interface Pii {

        /** AES-256 keys by key id, base64 of 32 bytes; all decrypt. */
        Map<String, String> keys();

        /** The key id new and updated values are encrypted with. */
        Optional<String> activeKeyId();

        /** The HMAC-SHA256 key of the lookup hashes, base64 of 32 bytes. */
        Optional<String> hashKey();
    }
}
