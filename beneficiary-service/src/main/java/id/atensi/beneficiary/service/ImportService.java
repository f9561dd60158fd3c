package id.atensi.beneficiary.service;

import id.atensi.beneficiary.domain.ImportJob;
import id.atensi.beneficiary.domain.ImportRejection;
import id.atensi.beneficiary.domain.Sex;
import id.atensi.commons.rest.ProblemCode;
import id.atensi.commons.rest.ProblemException;
import id.atensi.commons.security.Caller;
import id.atensi.vocabulary.Cluster;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.panache.common.Sort;
import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import org.jboss.logging.Logger;

import java.io.InputStream;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.stream.Collectors;

/**
 * Bulk import of people from CSV or XLSX. The people a file registers are served by the unit of the officer who uploaded it
 * (none for admins and partners) and by the uploading partner. The file is read and counted in the request; its rows are registered by a
 * background job, {@value #BATCH} to a transaction: a commit per row is a WAL flush per row where the database syncs
 * (with fsync on, 250-320 rows/s row by row, 360-400 in batches; without, the same). A row that fails a check is rejected
 * before its batch; when a batch fails in the database all the same, its rows are registered
 * again one by one, each in its own transaction, so a bad row never costs a good one. Idempotent on NIK: a row
 * whose NIK is registered already counts as unchanged. Rejections keep the line number and the reason, never the
 * row's content (it holds NIKs).
 * <p>
 * Columns (header row required, any order; the first four required): fullName, nik, birthDate (yyyy-MM-dd),
 * sex (MALE/FEMALE), kkNumber, birthPlace, provinceCode, regencyCode, districtCode, villageCode, addressLine,
 * phone, welfareId, clusters (separated by ;).
 */
@ApplicationScoped
public class ImportService {

    private static final Logger LOG = Logger.getLogger(ImportService.class);
    private static final List<String> REQUIRED = List.of("fullName", "nik", "birthDate", "sex");
    private static final int BATCH = 100;

    private final BeneficiaryService beneficiaries;
    private final Caller caller;
    private final BeneficiaryAccess access;
    private final EntityManager entityManager;
    private final ExecutorService worker = Executors.newSingleThreadExecutor(r -> {
        Thread thread = new Thread(r, "beneficiary-import");
        thread.setDaemon(true);
        return thread;
    });

    ImportService(BeneficiaryService beneficiaries, Caller caller, BeneficiaryAccess access, EntityManager entityManager) {
        this.beneficiaries = beneficiaries;
        this.caller = caller;
        this.access = access;
        this.entityManager = entityManager;
    }

    @PreDestroy
    void stop() {
        worker.shutdownNow();
    }

    /** A row of the file with its line (CSV) or row (XLSX) number, 1 being the header. */
    public record Row(int line, List<String> cells) {
    }

    /** Starts an import of a CSV file. */
    public ImportJob startCsv(String csv) {
        List<String> lines = csv == null ? List.of() : csv.lines().toList();
        List<Row> rows = new ArrayList<>();
        for (int i = 0; i < lines.size(); i++) {
            if (i == 0 || !lines.get(i).isBlank()) {
                rows.add(new Row(i + 1, Csv.split(lines.get(i))));
            }
        }
        return start(rows);
    }

    /** Starts an import of the first sheet of an XLSX workbook: the same columns and rules as CSV, rows by number. */
    public ImportJob startXlsx(InputStream xlsx) {
        return start(Xlsx.rows(xlsx));
    }

    private ImportJob start(List<Row> rows) {
        if (rows.isEmpty() || rows.get(0).cells().stream().allMatch(String::isBlank)) {
            throw ProblemException.invalidField("file", "is empty: a header row and one row per person are expected");
        }
        List<String> header = rows.get(0).cells().stream().map(String::strip).toList();
        List<String> missing = REQUIRED.stream().filter(column -> !header.contains(column)).toList();
        if (!missing.isEmpty()) {
            throw ProblemException.invalidField("file", "the header lacks column(s) " + missing);
        }
        List<Row> people = rows.subList(1, rows.size());
        Optional<UUID> partner = caller.ownPartner();
        UUID unit = QuarkusTransaction.requiringNew().call(() -> {
            partner.ifPresent(own -> BeneficiaryAccess.requireKnownPartners(List.of(own), "partnerIds"));
            return access.unitFor(null, null, "serviceUnitId");
        });
        ImportJob job = QuarkusTransaction.requiringNew().call(() -> {
            ImportJob created = new ImportJob();
            created.id = UUID.randomUUID();
            created.status = ImportJob.Status.RUNNING;
            created.total = people.size();
            created.partnerId = partner.orElse(null);
            created.serviceUnitId = unit;
            created.createdBy = caller.name();
            created.createdAt = OffsetDateTime.now(ZoneOffset.UTC);
            created.persist();
            return created;
        });
        UUID jobId = job.id;
        worker.submit(() -> run(jobId, header, people, unit, partner.map(Set::of).orElse(Set.of())));
        return job;
    }

    private void run(UUID jobId, List<String> header, List<Row> rows, UUID unit, Set<UUID> partners) {
        Tally tally = new Tally();
        try {
            for (int from = 0; from < rows.size(); from += BATCH) {
                importBatch(jobId, header, rows.subList(from, Math.min(rows.size(), from + BATCH)), unit, partners, tally);
                progress(jobId, tally, from + BATCH < rows.size() ? ImportJob.Status.RUNNING : ImportJob.Status.DONE);
            }
            if (rows.isEmpty()) {
                progress(jobId, tally, ImportJob.Status.DONE);
            }
        } catch (RuntimeException e) {
            LOG.errorf("import %s stopped after %d rows: %s", jobId, tally.done, e.getClass().getName());
            progress(jobId, tally, ImportJob.Status.FAILED);
        }
    }

    /** Counts of an import so far. */
    private static final class Tally {
        int done;
        int registered;
        int unchanged;
        int rejected;
    }

    private record Checked(int line, BeneficiaryService.Person person) {
    }

    private void importBatch(UUID jobId, List<String> header, List<Row> batch, UUID unit, Set<UUID> partners, Tally tally) {
        Map<Integer, String> rejections = new TreeMap<>();
        List<Checked> people = new ArrayList<>();
        for (Row row : batch) {
            try {
                BeneficiaryService.Person person = person(header, row.cells());
                BeneficiaryService.validate(person);
                people.add(new Checked(row.line(), person));
            } catch (RuntimeException e) {
                rejections.put(row.line(), reason(jobId, row.line(), e));
            }
        }
        try {
            int registered = QuarkusTransaction.requiringNew().call(() -> {
                int count = 0;
                for (Checked checked : people) {
                    count += beneficiaries.registerIfNew(checked.person(), unit, partners) ? 1 : 0;
                    // else every query's automatic flush would check every entity of the batch so far
                    entityManager.flush();
                    entityManager.clear();
                }
                return count;
            });
            tally.registered += registered;
            tally.unchanged += people.size() - registered;
        } catch (RuntimeException batchFailed) {
            for (Checked checked : people) {
                try {
                    if (QuarkusTransaction.requiringNew().call(() -> beneficiaries.registerIfNew(checked.person(), unit, partners))) {
                        tally.registered++;
                    } else {
                        tally.unchanged++;
                    }
                } catch (RuntimeException e) {
                    rejections.put(checked.line(), reason(jobId, checked.line(), e));
                }
            }
        }
        if (!rejections.isEmpty()) {
            QuarkusTransaction.requiringNew().run(() -> rejections.forEach((line, reason) -> {
                ImportRejection rejection = new ImportRejection();
                rejection.jobId = jobId;
                rejection.line = line;
                rejection.reason = reason;
                rejection.persist();
            }));
        }
        tally.rejected += rejections.size();
        tally.done += batch.size();
    }

    private static String reason(UUID jobId, int line, RuntimeException e) {
        if (e instanceof ProblemException problem) {
            return problem.fieldErrors().isEmpty() ? problem.getMessage()
                    : problem.fieldErrors().stream().map(f -> f.field() + ": " + f.message()).collect(Collectors.joining("; "));
        }
        LOG.warnf("import %s: line %d failed with %s", jobId, line, e.getClass().getName());
        return "could not be registered: " + e.getClass().getSimpleName();
    }

    private static void progress(UUID jobId, Tally tally, ImportJob.Status status) {
        QuarkusTransaction.requiringNew().run(() -> {
            ImportJob job = ImportJob.findById(jobId);
            job.done = tally.done;
            job.registered = tally.registered;
            job.unchanged = tally.unchanged;
            job.rejected = tally.rejected;
            job.status = status;
            if (status != ImportJob.Status.RUNNING) {
                job.finishedAt = OffsetDateTime.now(ZoneOffset.UTC);
            }
        });
    }

    private static BeneficiaryService.Person person(List<String> header, List<String> cells) {
        if (cells.size() != header.size()) {
            throw new ProblemException(ProblemCode.VALIDATION, "has " + cells.size() + " columns, the header " + header.size());
        }
        Map<String, String> row = new HashMap<>();
        for (int i = 0; i < header.size(); i++) {
            String value = cells.get(i).strip();
            row.put(header.get(i), value.isEmpty() ? null : value);
        }
        List<String> problems = new ArrayList<>();
        REQUIRED.stream().filter(column -> row.get(column) == null).forEach(column -> problems.add(column + ": is required"));
        LocalDate birthDate = null;
        if (row.get("birthDate") != null) {
            try {
                birthDate = LocalDate.parse(row.get("birthDate"));
            } catch (DateTimeParseException e) {
                problems.add("birthDate: is not a date (yyyy-MM-dd)");
            }
        }
        Sex sex = null;
        if (row.get("sex") != null) {
            try {
                sex = Sex.valueOf(row.get("sex").toUpperCase(Locale.ROOT));
            } catch (IllegalArgumentException e) {
                problems.add("sex: must be MALE or FEMALE");
            }
        }
        if (row.get("nik") != null && !row.get("nik").matches("\\d{16}")) {
            problems.add("nik: must be exactly 16 digits");
        }
        Set<Cluster> clusters = new LinkedHashSet<>();
        if (row.get("clusters") != null) {
            for (String name : row.get("clusters").split(";")) {
                try {
                    clusters.add(Cluster.valueOf(name.strip().toUpperCase(Locale.ROOT)));
                } catch (IllegalArgumentException e) {
                    problems.add("clusters: " + name.strip() + " is not one of " + Arrays.toString(Cluster.values()));
                }
            }
        }
        if (!problems.isEmpty()) {
            throw new ProblemException(ProblemCode.VALIDATION, String.join("; ", problems));
        }
        boolean hasAddress = row.get("provinceCode") != null || row.get("addressLine") != null;
        return new BeneficiaryService.Person(row.get("fullName"), row.get("nik"), row.get("kkNumber"), row.get("birthPlace"),
                birthDate, sex,
                hasAddress ? new BeneficiaryService.Address(row.get("provinceCode"), row.get("regencyCode"), row.get("districtCode"),
                        row.get("villageCode"), row.get("addressLine")) : null,
                row.get("phone"), row.get("welfareId"), clusters, Set.of(), null, null, null);
    }

    /** An import in the caller's reach: a partner's own, an officer's unit's (404 otherwise). */
    public ImportJob job(UUID id) {
        ImportJob job = ImportJob.findById(id);
        if (job == null || !access.reaches(job)) {
            throw ProblemException.notFound("import", id);
        }
        return job;
    }

    public List<ImportRejection> rejections(UUID jobId) {
        return ImportRejection.list("jobId", Sort.by("line"), jobId);
    }

    /** Minimal RFC 4180 line splitting: commas, double-quoted cells with "" for a quote. No line breaks inside cells. */
    static final class Csv {

        private Csv() {
        }

        static List<String> split(String line) {
            List<String> cells = new ArrayList<>();
            StringBuilder cell = new StringBuilder();
            boolean quoted = false;
            for (int i = 0; i < line.length(); i++) {
                char c = line.charAt(i);
                if (quoted) {
                    if (c == '"' && i + 1 < line.length() && line.charAt(i + 1) == '"') {
                        cell.append('"');
                        i++;
                    } else if (c == '"') {
                        quoted = false;
                    } else {
                        cell.append(c);
                    }
                } else if (c == '"') {
                    quoted = true;
                } else if (c == ',') {
                    cells.add(cell.toString());
                    cell.setLength(0);
                } else {
                    cell.append(c);
                }
            }
            cells.add(cell.toString());
            return cells;
        }
    }
}
