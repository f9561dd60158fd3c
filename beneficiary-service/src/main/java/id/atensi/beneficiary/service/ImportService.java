package id.atensi.beneficiary.service;

import com.fasterxml.jackson.databind.ObjectMapper;
import id.atensi.beneficiary.config.BeneficiaryConfig;
import id.atensi.beneficiary.domain.ImportJob;
import id.atensi.beneficiary.domain.ImportRejection;
import id.atensi.commons.events.TraceContext;
import id.atensi.commons.paging.Page;
import id.atensi.commons.rest.ProblemException;
import id.atensi.commons.security.Caller;
import io.agroal.api.AgroalDataSource;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.panache.common.Sort;
import io.quarkus.scheduler.Scheduled;
import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;
import org.jboss.logging.Logger;

import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.BitSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.Semaphore;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * Bulk import of people from CSV, XLSX or JSON lines, one pipeline for the three. The upload is spooled to disk as it
 * arrives (with its SHA-256) and its header checked before anything is registered; a background job then streams the
 * rows: one thread reads them and cuts them into chunks ({@code atensi.beneficiary.imports.chunk-size}); up to
 * {@code writers} chunks at once are checked, sealed, hashed and written with {@link ImportChunks}, each in one
 * transaction on its own connection, their NIKs passing through the file's {@link NikFirstLines} in file order, so
 * memory holds that many chunks whatever the file's size. A chunk's commit records its span of
 * lines with the job's progress: a job whose process died is taken over by a resumer after the worker lease and skips
 * the rows of its committed chunks, never registering a row twice or half, and first looks up the likely duplicates of
 * any committed chunk whose lookup the crash interrupted. Idempotent on NIK: a row whose NIK is
 * registered already counts as unchanged, so uploading a file again changes nothing. Rejected rows keep their line,
 * field and reason, never their content (it holds NIKs).
 */
@ApplicationScoped
public class ImportService {

    private static final Logger LOG = Logger.getLogger(ImportService.class);
    /** The rejections a job's own view lists; the rest are paged through {@link #rejections}. */
    public static final int REJECTIONS_SHOWN = 200;

    private final Caller caller;
    private final BeneficiaryAccess access;
    private final ImportChunks chunks;
    private final BeneficiaryConfig.Imports config;
    private final ObjectMapper json;
    private final AgroalDataSource dataSource;
    private final Clock clock;
    private final Path spoolDirectory;
    private final Set<UUID> runningHere = ConcurrentHashMap.newKeySet();
    private final AtomicBoolean crashSimulated = new AtomicBoolean();
    private final ExecutorService runner = Executors.newSingleThreadExecutor(r -> daemon(r, "beneficiary-import"));
    private final ExecutorService writers;

    ImportService(Caller caller, BeneficiaryAccess access, ImportChunks chunks, BeneficiaryConfig config, ObjectMapper json,
                  AgroalDataSource dataSource, Clock clock) {
        this.caller = caller;
        this.access = access;
        this.chunks = chunks;
        this.config = config.imports();
        this.json = json;
        this.dataSource = dataSource;
        this.clock = clock;
        this.spoolDirectory = this.config.spoolDirectory().orElse(Path.of(System.getProperty("java.io.tmpdir"), "atensi-imports"));
        AtomicInteger threads = new AtomicInteger();
        this.writers = Executors.newFixedThreadPool(Math.max(1, this.config.writers()),
                r -> daemon(r, "beneficiary-import-write-" + threads.incrementAndGet()));
    }

    private static Thread daemon(Runnable r, String name) {
        Thread thread = new Thread(r, name);
        thread.setDaemon(true);
        return thread;
    }

    @PreDestroy
    void stop() {
        runner.shutdownNow();
        writers.shutdownNow();
    }

    /** The body was larger than {@code atensi.beneficiary.imports.max-file-size} though it declared no length. */
    public static final class FileTooLarge extends RuntimeException {

        public FileTooLarge() {
            super(null, null, false, false);
        }
    }

    public long maxFileSize() {
        return config.maxFileSize().asLongValue();
    }

    /**
     * Spools the file, checks its header and starts its job.
     *
     * @throws ProblemException 400 for an empty or unreadable file or a header with missing, unknown or repeated columns
     * @throws FileTooLarge     when the body passes the configured size
     */
    public ImportJob start(ImportJob.Format format, InputStream body) {
        Optional<UUID> partner = caller.ownPartner();
        UUID unit = QuarkusTransaction.requiringNew().call(() -> {
            partner.ifPresent(own -> BeneficiaryAccess.requireKnownPartners(List.of(own), "partnerIds"));
            return access.unitFor(null, null, "serviceUnitId");
        });
        ImportFile.Spooled file;
        try {
            file = ImportFile.spool(ImportFile.Format.valueOf(format.name()), body, spoolDirectory, maxFileSize(), json);
        } catch (ImportFile.TooLarge e) {
            throw new FileTooLarge();
        }
        String traceParent = TraceContext.currentTraceParent();
        ImportJob job = QuarkusTransaction.requiringNew().call(() -> {
            OffsetDateTime now = Clocks.now(clock);
            ImportJob created = new ImportJob();
            created.id = UUID.randomUUID();
            created.status = ImportJob.Status.RUNNING;
            created.format = format;
            created.fileSha256 = file.sha256();
            created.spoolFile = file.path().toString();
            created.header = file.header().toArray(String[]::new);
            created.total = file.rows();
            created.partnerId = partner.orElse(null);
            created.serviceUnitId = unit;
            created.createdBy = caller.name();
            created.traceParent = traceParent;
            created.createdAt = now;
            created.heartbeatAt = now;
            created.worker = UUID.randomUUID();
            created.persist();
            return created;
        });
        submit(job.id);
        return job;
    }

    private void submit(UUID jobId) {
        runningHere.add(jobId);
        runner.submit(() -> {
            try {
                run(jobId);
            } finally {
                runningHere.remove(jobId);
            }
        });
    }

    /** Stands for the death of the worker's process in tests of resumption. */
    private static final class SimulatedCrash extends RuntimeException {

        SimulatedCrash() {
            super("simulated crash", null, false, false);
        }
    }

    private record Snapshot(ImportChunks.Job job, ImportJob.Format format, Path file, List<String> header, int lineReached,
                            CommittedLines committed) {
    }

    /**
     * One run of a job in this process: what it committed, whether it stopped, and why; and the file's NIKs, which the
     * chunks, checked at once on their threads, pass through one after another in file order.
     */
    private static final class Run {
        final Snapshot snapshot;
        final AtomicInteger committed = new AtomicInteger();
        final AtomicReference<RuntimeException> failure = new AtomicReference<>();
        final NikFirstLines niks = new NikFirstLines();
        private int turn;
        boolean crashed;

        Run(Snapshot snapshot) {
            this.snapshot = snapshot;
        }

        synchronized void fail(RuntimeException e) {
            failure.compareAndSet(null, e);
            notifyAll();
        }

        /** Waits until the chunks before {@code sequence} have recorded their NIKs; false when the run failed meanwhile. */
        synchronized boolean awaitTurn(int sequence) throws InterruptedException {
            while (turn != sequence && failure.get() == null) {
                wait();
            }
            return failure.get() == null;
        }

        synchronized void passTurn(int sequence) {
            if (turn == sequence) {
                turn++;
                notifyAll();
            }
        }
    }

    /**
     * Rows as read, in file order, the {@code sequence}-th chunk of the file; {@code committed} marks those of chunks
     * committed before (read again for their NIKs, not written).
     */
    private record RawChunk(int sequence, List<ImportFile.Row> rows, BitSet committed) {
    }

    private void run(UUID jobId) {
        Snapshot snapshot = QuarkusTransaction.requiringNew().call(() -> {
            ImportJob job = ImportJob.findById(jobId);
            if (job == null || job.status != ImportJob.Status.RUNNING) {
                return null;
            }
            return new Snapshot(new ImportChunks.Job(job.id, job.serviceUnitId, job.partnerId, job.worker, job.traceParent), job.format,
                    job.spoolFile == null ? null : Path.of(job.spoolFile), job.header == null ? List.of() : List.of(job.header),
                    job.lineReached, committedLines(job.id));
        });
        if (snapshot == null) {
            return;
        }
        if (snapshot.file() == null || !Files.isReadable(snapshot.file())) {
            finish(jobId, ImportJob.Status.FAILED, "the uploaded file is gone (the spool directory is not shared with this"
                    + " replica, or was emptied); upload it again: the rows registered already count as unchanged");
            return;
        }
        Run run = new Run(snapshot);
        try {
            // a crash between a chunk's commit and its lookup left that lookup pending: the people are registered, their
            // likely duplicates not yet recorded
            for (int firstLine : chunks.pendingLookups(jobId)) {
                chunks.lookUp(jobId, firstLine, Clocks.now(clock));
            }
        } catch (RuntimeException e) {
            failed(jobId, 0, e);
            return;
        }
        Semaphore slots = new Semaphore(Math.max(1, config.writers()));
        List<CompletableFuture<Void>> writing = new ArrayList<>();
        try (ImportFile.RowReader rows = ImportFile.rows(ImportFile.Format.valueOf(snapshot.format().name()), snapshot.file(),
                snapshot.header(), snapshot.lineReached(), json)) {
            int sequence = 0;
            List<ImportFile.Row> chunk = new ArrayList<>(config.chunkSize());
            BitSet committed = new BitSet();
            while (run.failure.get() == null && rows.hasNext()) {
                ImportFile.Row row = rows.next();
                if (snapshot.committed().contains(row.line())) {
                    committed.set(chunk.size());
                }
                chunk.add(row);
                if (chunk.size() == config.chunkSize()) {
                    writing.add(write(run, new RawChunk(sequence++, chunk, committed), slots));
                    chunk = new ArrayList<>(config.chunkSize());
                    committed = new BitSet();
                }
            }
            if (!chunk.isEmpty() && run.failure.get() == null) {
                writing.add(write(run, new RawChunk(sequence, chunk, committed), slots));
            }
        } catch (RuntimeException e) {
            run.fail(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            run.fail(new IllegalStateException("interrupted while reading", e));
        }
        writing.forEach(CompletableFuture::join);
        RuntimeException failure = run.failure.get();
        if (failure == null) {
            finish(jobId, ImportJob.Status.DONE, null);
            ImportFile.delete(snapshot.file());
        } else if (failure instanceof SimulatedCrash) {
            LOG.infof("import %s: simulated crash after %d chunk(s)", jobId, run.committed.get());
        } else if (failure instanceof ImportChunks.Superseded) {
            LOG.infof("import %s was taken over by another worker", jobId);
        } else {
            failed(jobId, run.committed.get(), failure);
        }
    }

    /**
     * Checks, seals and writes a chunk on a writer thread once one is free; a failure stops the run's other chunks. The
     * rows are checked here, on as many threads as there are writers; only their NIKs go through the file's map one
     * chunk after another, so that a NIK's first line in the file is the one kept, whatever order chunks commit in.
     */
    private CompletableFuture<Void> write(Run run, RawChunk raw, Semaphore slots) throws InterruptedException {
        slots.acquire();
        try {
            return CompletableFuture.runAsync(() -> {
                try {
                    List<ImportRows.Checked> checked = new ArrayList<>(raw.rows().size());
                    for (ImportFile.Row row : raw.rows()) {
                        checked.add(ImportRows.check(row));
                    }
                    if (!run.awaitTurn(raw.sequence())) {
                        return;
                    }
                    try {
                        for (int i = 0; i < checked.size(); i++) {
                            ImportRows.Checked row = checked.get(i);
                            if (row.person() == null) {
                                continue;
                            }
                            int first = run.niks.putIfAbsent(row.person().nik(), row.line());
                            if (first != 0 && !raw.committed().get(i)) {
                                checked.set(i, new ImportRows.Checked(row.line(), null, new ImportRows.Rejected(row.line(), "nik",
                                        "nik: the same NIK is on line " + first + " of this file")));
                            }
                        }
                    } finally {
                        run.passTurn(raw.sequence());
                    }
                    List<ImportRows.Checked> fresh = new ArrayList<>(checked.size());
                    for (int i = 0; i < checked.size(); i++) {
                        if (!raw.committed().get(i)) {
                            fresh.add(checked.get(i));
                        }
                    }
                    if (fresh.isEmpty() || run.failure.get() != null) {
                        return;
                    }
                    ImportChunks.Prepared prepared = chunks.prepare(run.snapshot.job(), fresh, fresh.get(0).line(),
                            fresh.get(fresh.size() - 1).line(), Clocks.now(clock));
                    commit(run, prepared);
                } catch (RuntimeException e) {
                    run.fail(e);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    run.fail(new IllegalStateException("interrupted while writing", e));
                } finally {
                    slots.release();
                }
            }, writers);
        } catch (RuntimeException e) {
            slots.release();
            throw e;
        }
    }

    /** Writes the chunk, then looks its people's likely duplicates up once it committed (see {@link ImportChunks#lookUp}). */
    private void commit(Run run, ImportChunks.Prepared prepared) {
        Optional<Integer> crashAfter = config.simulateCrashAfterChunks();
        if (crashAfter.isEmpty()) {
            ImportChunks.Outcome outcome = chunks.write(run.snapshot.job(), prepared);
            run.committed.incrementAndGet();
            if (outcome.registered() > 0) {
                chunks.lookUp(run.snapshot.job().id(), prepared.firstLine(), prepared.now());
            }
            return;
        }
        // one chunk at a time, so that exactly that many commit before the simulated death, which comes between the
        // last one's commit and its lookup
        synchronized (run) {
            if (run.crashed) {
                throw new SimulatedCrash();
            }
            ImportChunks.Outcome outcome = chunks.write(run.snapshot.job(), prepared);
            if (run.committed.incrementAndGet() == crashAfter.get() && crashSimulated.compareAndSet(false, true)) {
                run.crashed = true;
                throw new SimulatedCrash();
            }
            if (outcome.registered() > 0) {
                chunks.lookUp(run.snapshot.job().id(), prepared.firstLine(), prepared.now());
            }
        }
    }

    /** The lines a job's committed chunks covered, merged. */
    private CommittedLines committedLines(UUID jobId) {
        try (Connection connection = dataSource.getConnection(); PreparedStatement spans = connection.prepareStatement(
                "SELECT first_line, last_line FROM import_chunk WHERE job_id = ? ORDER BY first_line")) {
            spans.setObject(1, jobId);
            List<int[]> merged = new ArrayList<>();
            try (ResultSet rows = spans.executeQuery()) {
                while (rows.next()) {
                    int first = rows.getInt(1);
                    int last = rows.getInt(2);
                    int[] previous = merged.isEmpty() ? null : merged.get(merged.size() - 1);
                    if (previous != null && first <= previous[1] + 1) {
                        previous[1] = Math.max(previous[1], last);
                    } else {
                        merged.add(new int[] {first, last});
                    }
                }
            }
            return new CommittedLines(merged);
        } catch (SQLException e) {
            throw new IllegalStateException("cannot read the committed chunks of import " + jobId, e);
        }
    }

    /**
     * Spans of lines whose rows are committed. A chunk holds every row of its span that was not committed before it, so
     * a line inside any span is committed. Asked in increasing line order, as the file is read.
     */
    static final class CommittedLines {
        private final List<int[]> spans;
        private int next;

        CommittedLines(List<int[]> spans) {
            this.spans = spans;
        }

        boolean contains(int line) {
            while (next < spans.size() && spans.get(next)[1] < line) {
                next++;
            }
            return next < spans.size() && spans.get(next)[0] <= line;
        }
    }

    private void failed(UUID jobId, int committed, RuntimeException e) {
        Throwable cause = e instanceof CompletionException && e.getCause() != null ? e.getCause() : e;
        LOG.errorf(cause, "import %s stopped after %d chunk(s) of this run", jobId, committed);
        try {
            finish(jobId, ImportJob.Status.FAILED, "stopped by an internal error (" + cause.getClass().getSimpleName()
                    + ") after the rows counted as done; upload the file again to register the rest");
        } catch (RuntimeException unrecorded) {
            // the database is away too: the job stays RUNNING and a resumer takes it over after the worker lease
            LOG.warnf("import %s: its failure could not be recorded (%s)", jobId, unrecorded.getClass().getName());
        }
    }

    private void finish(UUID jobId, ImportJob.Status status, String failure) {
        QuarkusTransaction.requiringNew().run(() -> {
            ImportJob job = ImportJob.findById(jobId);
            if (job.status != ImportJob.Status.RUNNING) {
                return;
            }
            job.status = status;
            job.failure = failure;
            job.finishedAt = Clocks.now(clock);
        });
    }

    /**
     * Takes over the RUNNING jobs whose worker has shown no sign for the lease (its process died or hangs) and runs them
     * here, from their last committed chunk. Each job is claimed by one replica (row lock, SKIP LOCKED); should two run
     * one all the same, the second's chunk finds the progress moved and is rolled back. Then looks up the likely
     * duplicates of the chunks whose lookup a job that stopped (FAILED) left pending.
     */
    @Scheduled(identity = "beneficiary-import-resumer", every = "${atensi.beneficiary.imports.resume-interval}", delayed = "5s",
            concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    void resumeOrphans() {
        for (UUID claimed; (claimed = claimOrphan()) != null; ) {
            LOG.infof("import %s had no live worker; resuming it here", claimed);
            submit(claimed);
        }
        while (chunks.lookUpAbandoned()) {
            LOG.info("looked up the likely duplicates of a chunk of a stopped import");
        }
    }

    /**
     * The heartbeat is the service's now, not the database's {@code now()}: the lease is judged by the service's clock,
     * and a database clock behind it would leave a job just claimed stale that much sooner, to be claimed again.
     */
    private UUID claimOrphan() {
        return QuarkusTransaction.requiringNew().call(() -> {
            try (Connection connection = dataSource.getConnection(); PreparedStatement claim = connection.prepareStatement("""
                    UPDATE import_job SET heartbeat_at = ?, worker = gen_random_uuid() WHERE id = (
                        SELECT id FROM import_job
                        WHERE status = 'RUNNING' AND (heartbeat_at IS NULL OR heartbeat_at < ?) AND NOT (id = ANY (?))
                        ORDER BY created_at LIMIT 1 FOR UPDATE SKIP LOCKED)
                    RETURNING id""")) {
                OffsetDateTime now = Clocks.now(clock);
                claim.setObject(1, now);
                claim.setObject(2, now.minus(config.workerLease()));
                claim.setArray(3, connection.createArrayOf("uuid", runningHere.toArray()));
                try (ResultSet claimed = claim.executeQuery()) {
                    return claimed.next() ? claimed.getObject(1, UUID.class) : null;
                }
            }
        });
    }

    /** An import in the caller's reach: a partner's own, an officer's unit's (404 otherwise). */
    public ImportJob job(UUID id) {
        ImportJob job = ImportJob.findById(id);
        if (job == null || !access.reaches(job)) {
            throw ProblemException.notFound("import", id);
        }
        return job;
    }

    /** RUNNING without a committed chunk for {@code atensi.beneficiary.imports.stalled-after}. */
    public boolean stalled(ImportJob job) {
        OffsetDateTime since = job.progressedAt != null ? job.progressedAt : job.createdAt;
        return job.status == ImportJob.Status.RUNNING && since.plus(config.stalledAfter()).isBefore(Clocks.now(clock));
    }

    /** The first {@value #REJECTIONS_SHOWN} rejections, by line. */
    public List<ImportRejection> firstRejections(UUID jobId) {
        return ImportRejection.find("jobId", Sort.by("line"), jobId).page(0, REJECTIONS_SHOWN).list();
    }

    /** A page of a job in reach's rejections, by line. */
    public Page<ImportRejection> rejections(UUID jobId, int page, int size) {
        job(jobId);
        var found = ImportRejection.find("jobId", Sort.by("line"), jobId);
        return new Page<>(found.page(page, size).list(), page, size, found.count());
    }
}
