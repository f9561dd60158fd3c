package id.atensi.beneficiary.service;

import com.fasterxml.jackson.annotation.JsonAutoDetect;
import com.fasterxml.jackson.annotation.PropertyAccessor;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import id.atensi.beneficiary.config.BeneficiaryConfig;
import id.atensi.beneficiary.domain.Assessment;
import id.atensi.beneficiary.domain.Beneficiary;
import id.atensi.beneficiary.domain.CommunityGroup;
import id.atensi.beneficiary.domain.Consent;
import id.atensi.beneficiary.domain.DataExport;
import id.atensi.beneficiary.domain.Erasure;
import id.atensi.beneficiary.domain.Household;
import id.atensi.beneficiary.domain.PersonalDataAccess;
import id.atensi.beneficiary.domain.PlannedService;
import id.atensi.beneficiary.domain.StatusChange;
import id.atensi.beneficiary.domain.TimelineEntry;
import id.atensi.beneficiary.domain.UnitTransfer;
import id.atensi.beneficiary.pii.PersonalNumberCipher;
import id.atensi.commons.rest.ProblemCode;
import id.atensi.commons.rest.ProblemException;
import id.atensi.commons.security.Caller;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.panache.common.Sort;
import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;
import org.eclipse.microprofile.jwt.JsonWebToken;
import org.jboss.logging.Logger;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Clock;
import java.time.OffsetDateTime;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

/**
 * The person's right of access (UU 27/2022): one JSON document of everything the platform holds on them — this
 * service's record, case file, consents, households, groups, erasure and the trail of who saw their data, and the parts
 * the training and aid services hold, fetched from their {@code /internal/v1/data-subjects/{id}} with the requesting
 * officer's token (so each service applies its own access rules). The partner service holds nothing on a person.
 * Produced in the background; a part that cannot be had fails the whole job, naming the service, rather than handing
 * out a copy that looks complete and is not.
 */
@ApplicationScoped
public class DataExportService {

    private static final Logger LOG = Logger.getLogger(DataExportService.class);

    /** Public fields only: the entities' own shape, without Panache's accessors. */
    private static final ObjectMapper FIELDS = new ObjectMapper()
            .registerModule(new JavaTimeModule())
            .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS)
            .setVisibility(PropertyAccessor.ALL, JsonAutoDetect.Visibility.NONE)
            .setVisibility(PropertyAccessor.FIELD, JsonAutoDetect.Visibility.PUBLIC_ONLY);

    private final BeneficiaryService beneficiaries;
    private final PersonalDataAudit audit;
    private final Caller caller;
    private final JsonWebToken token;
    private final BeneficiaryConfig config;
    private final Clock clock;
    private final HttpClient http;
    private final PersonalNumberCipher cipher;
    private final ExecutorService worker = Executors.newSingleThreadExecutor(r -> {
        Thread thread = new Thread(r, "beneficiary-data-export");
        thread.setDaemon(true);
        return thread;
    });

    DataExportService(BeneficiaryService beneficiaries, PersonalDataAudit audit, Caller caller, JsonWebToken token,
                      BeneficiaryConfig config, Clock clock, PersonalNumberCipher cipher) {
        this.cipher = cipher;
        this.beneficiaries = beneficiaries;
        this.audit = audit;
        this.caller = caller;
        this.token = token;
        this.config = config;
        this.clock = clock;
        this.http = HttpClient.newBuilder().connectTimeout(config.dataHolders().timeout())
                .followRedirects(HttpClient.Redirect.NEVER).build();
    }

    @PreDestroy
    void stop() {
        worker.shutdownNow();
    }

    /** The services other than this one that hold a part, by the name their part has in the document. */
    private Map<String, Optional<URI>> holders() {
        Map<String, Optional<URI>> holders = new LinkedHashMap<>();
        holders.put("training", config.dataHolders().trainingUrl());
        holders.put("aid", config.dataHolders().aidUrl());
        return holders;
    }

    /** Starts a copy of everything held on a person the caller reaches; audited as a read of all their data. */
    public DataExport request(UUID beneficiaryId) {
        DataExport export = QuarkusTransaction.requiringNew().call(() -> {
            beneficiaries.find(beneficiaryId);
            DataExport created = new DataExport();
            created.id = UUID.randomUUID();
            created.beneficiaryId = beneficiaryId;
            created.status = DataExport.Status.RUNNING;
            created.partsTotal = 1 + holders().size();
            created.requestedBy = caller.name();
            created.requestedAt = OffsetDateTime.now(clock);
            created.persist();
            audit.record(List.of(beneficiaryId), "all", "data-export");
            return created;
        });
        String bearer = token.getRawToken();
        UUID exportId = export.id;
        worker.submit(() -> run(exportId, beneficiaryId, bearer));
        return export;
    }

    public DataExport find(UUID beneficiaryId, UUID exportId) {
        beneficiaries.find(beneficiaryId);
        DataExport export = DataExport.findById(exportId);
        if (export == null || !export.beneficiaryId.equals(beneficiaryId)) {
            throw ProblemException.notFound("data export", exportId);
        }
        return export;
    }

    /** The finished document; 409 while the job runs or when it failed. */
    public JsonNode document(UUID beneficiaryId, UUID exportId) {
        DataExport export = find(beneficiaryId, exportId);
        if (export.status != DataExport.Status.DONE) {
            throw new ProblemException(ProblemCode.CONFLICT, "the export is " + export.status + ", not DONE", List.of(),
                    Map.of("currentStatus", export.status.name()));
        }
        try {
            return FIELDS.readTree(export.document);
        } catch (IOException e) {
            throw new IllegalStateException("stored export " + exportId + " is not JSON", e);
        }
    }

    private void run(UUID exportId, UUID beneficiaryId, String bearer) {
        try {
            ObjectNode document = FIELDS.createObjectNode();
            document.put("beneficiaryId", beneficiaryId.toString());
            document.put("producedAt", OffsetDateTime.now(clock).toString());
            document.set("beneficiary", QuarkusTransaction.requiringNew().call(() -> ownPart(beneficiaryId)));
            progress(exportId);
            for (Map.Entry<String, Optional<URI>> holder : holders().entrySet()) {
                document.set(holder.getKey(), part(holder.getKey(), holder.getValue(), beneficiaryId, bearer));
                progress(exportId);
            }
            String json = FIELDS.writeValueAsString(document);
            QuarkusTransaction.requiringNew().run(() -> {
                DataExport export = DataExport.findById(exportId);
                if (export != null) {
                    export.document = json;
                    export.status = DataExport.Status.DONE;
                    export.finishedAt = OffsetDateTime.now(clock);
                }
            });
        } catch (RuntimeException | IOException e) {
            String failure = e instanceof PartUnavailable ? e.getMessage() : "the export failed: " + e.getClass().getSimpleName();
            LOG.warnf("data export %s failed: %s", exportId, failure);
            QuarkusTransaction.requiringNew().run(() -> {
                DataExport export = DataExport.findById(exportId);
                if (export != null) {
                    export.status = DataExport.Status.FAILED;
                    export.failure = failure;
                    export.finishedAt = OffsetDateTime.now(clock);
                }
            });
        }
    }

    private static void progress(UUID exportId) {
        QuarkusTransaction.requiringNew().run(() -> {
            DataExport export = DataExport.findById(exportId);
            if (export != null) {
                export.partsDone++;
            }
        });
    }

    private static final class PartUnavailable extends RuntimeException {
        PartUnavailable(String message) {
            super(message);
        }
    }

    private JsonNode part(String holder, Optional<URI> base, UUID beneficiaryId, String bearer) {
        URI root = base.orElseThrow(() -> new PartUnavailable("the " + holder + " service's address is not configured"
                + " (atensi.beneficiary.data-holders." + holder + "-url)"));
        HttpRequest request = HttpRequest.newBuilder(root.resolve("/internal/v1/data-subjects/" + beneficiaryId))
                .timeout(config.dataHolders().timeout())
                .header("Authorization", "Bearer " + bearer)
                .header("Accept", "application/json")
                .GET().build();
        HttpResponse<String> response;
        try {
            response = http.send(request, HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            throw new PartUnavailable("the " + holder + " service could not be reached: " + e.getClass().getSimpleName());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new PartUnavailable("the export was stopped while asking the " + holder + " service");
        }
        if (response.statusCode() == 404) {
            // The holder knows nothing of the person that the requester may see: its part says so, rather than nothing.
            ObjectNode none = FIELDS.createObjectNode();
            none.put("nothingHeld", true);
            return none;
        }
        if (response.statusCode() != 200) {
            throw new PartUnavailable("the " + holder + " service answered " + response.statusCode());
        }
        try {
            return FIELDS.readTree(response.body());
        } catch (IOException e) {
            throw new PartUnavailable("the " + holder + " service answered with something other than JSON");
        }
    }

    /** Everything this service holds on the person, NIK and KK in clear: the copy is for the person. */
    private JsonNode ownPart(UUID id) {
        Beneficiary person = Beneficiary.findById(id);
        BeneficiaryService.View view = beneficiaries.view(person);
        ObjectNode part = FIELDS.createObjectNode();
        ObjectNode record = FIELDS.valueToTree(person);
        List.of("nameKey", "nikHash", "nikCipher", "nikKeyId", "kkHash", "kkCipher", "kkKeyId").forEach(record::remove);
        record.put("nik", view.nik());
        record.put("kkNumber", view.kkNumber());
        part.set("record", record);
        part.set("statusHistory", FIELDS.valueToTree(StatusChange.list("beneficiaryId", Sort.by("changedAt").and("id"), id)));
        part.set("assessments", FIELDS.valueToTree(Assessment.list("beneficiaryId", Sort.by("recordedAt").and("id"), id)));
        part.set("consents", FIELDS.valueToTree(Consent.list("beneficiaryId", Sort.by("recordedAt").and("id"), id)));
        part.set("interventionPlan", FIELDS.valueToTree(PlannedService.list("beneficiaryId", Sort.by("targetDate").and("id"), id)));
        part.set("transfers", FIELDS.valueToTree(UnitTransfer.list("beneficiaryId", Sort.by("madeAt").and("id"), id)));
        part.set("timeline", FIELDS.valueToTree(TimelineEntry.list("beneficiaryId", Sort.by("occurredAt").and("seq"), id)));
        List<Map<String, Object>> households = Household.<Household>list(
                        "select h from Household h join h.members m where m.beneficiaryId = ?1", id).stream()
                .map(household -> Map.<String, Object>of("householdId", household.id,
                        "kkNumber", cipher.open(new PersonalNumberCipher.Sealed(household.kkKeyId, household.kkCipher), "kk"),
                        "relationship", household.members.stream().filter(m -> m.beneficiaryId.equals(id)).findFirst()
                                .map(m -> m.relationship.name()).orElse("")))
                .toList();
        part.set("households", FIELDS.valueToTree(households));
        List<Map<String, Object>> groups = CommunityGroup.<CommunityGroup>list(
                        "select g from CommunityGroup g join g.members m where m.beneficiaryId = ?1", id).stream()
                .map(group -> Map.<String, Object>of("groupId", group.id, "name", group.name))
                .toList();
        part.set("communityGroups", FIELDS.valueToTree(groups));
        Erasure erasure = Erasure.findById(id);
        part.set("erasure", erasure == null ? null : FIELDS.valueToTree(erasure));
        part.set("whoSawThisData", FIELDS.valueToTree(PersonalDataAccess.list("beneficiaryId",
                Sort.by("accessedAt").and("id"), id)));
        return part;
    }
}
