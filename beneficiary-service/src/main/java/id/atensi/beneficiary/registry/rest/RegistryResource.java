package id.atensi.beneficiary.registry.rest;

import com.fasterxml.jackson.databind.node.ObjectNode;
import id.atensi.beneficiary.registry.domain.MessageError;
import id.atensi.beneficiary.registry.domain.MessageRejected;
import id.atensi.beneficiary.registry.service.EnvelopeReader;
import id.atensi.beneficiary.registry.service.RegistryExchange;
import id.atensi.beneficiary.registry.service.Requester;
import id.atensi.commons.persistence.DatabaseUnreachable;
import id.atensi.commons.rest.ProblemExceptionMappers;
import io.quarkus.security.identity.SecurityIdentity;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import org.eclipse.microprofile.jwt.JsonWebToken;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.RequestBody;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import org.jboss.logging.Logger;
import org.jboss.resteasy.reactive.server.ServerExceptionMapper;

import java.io.InputStream;
import java.util.Optional;
import java.util.TreeSet;
import java.util.UUID;
import java.util.function.Supplier;

/**
 * The SPDCI social-registry API (release 1.0.0) for other programmes' registries: organisations whose OAuth2 client
 * holds the role {@value #ROLE}. Bodies are taken as streams and read by the service, no further than the message
 * limit, so that a malformed or oversized message is answered with the standard's ERR acknowledgement rather than the
 * platform's problem; schemas are in META-INF/openapi.yaml.
 */
@Path("/registry")
@Tag(name = "Registry exchange (SPDCI)", description = "The SPDCI social-registry API: search, asynchronous search with callbacks, transaction status, subscriptions")
@RolesAllowed(RegistryResource.ROLE)
@Consumes(MediaType.APPLICATION_JSON)
@Produces(MediaType.APPLICATION_JSON)
public class RegistryResource {

    /** The realm role an organisation's client holds to use the registry API. */
    public static final String ROLE = "registry";
    private static final Logger LOG = Logger.getLogger(RegistryResource.class);

    private final RegistryExchange exchange;
    private final JsonWebToken token;
    private final SecurityIdentity identity;

    RegistryResource(RegistryExchange exchange, JsonWebToken token, SecurityIdentity identity) {
        this.exchange = exchange;
        this.token = token;
        this.identity = identity;
    }

    @POST
    @Path("/sync/search")
    @Operation(summary = "Search the registry and answer at once (SPDCI sync search)",
            description = "Takes a search message (header action search) of up to atensi.beneficiary.registry.sync-max-requests requests: by NIK "
                    + "(query_type idtype-value, identifier type UIN), by a MongoDB-style expression or by predicates over age, sex, birth_date, "
                    + "region, cluster, disability_type, case_status and registration_date; sorted and paged (page_size at most 200). Answers the "
                    + "on-search envelope with one search_response per request: people whose consent covers REGISTRY_EXCHANGE and the declared "
                    + "consent.purpose.code, as Member records; every person answered is audited as an unmasked read. A request that finds nobody "
                    + "it may share is rjct. A message that cannot be taken is answered 400 with ack_status ERR.")
    @RequestBody(required = true, content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(ref = "SpdciSearchRequestBody")))
    @APIResponse(responseCode = "200", description = "The on-search envelope", content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(ref = "SpdciSearchResponseEnvelope")))
    @APIResponse(responseCode = "400", description = "The message was not taken: ack_status ERR with the standard's error code", content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(ref = "SpdciAcknowledgement")))
    @APIResponse(responseCode = "401", description = "No valid access token")
    @APIResponse(responseCode = "403", description = "The client does not hold the role registry")
    @APIResponse(responseCode = "503", description = "The registry's database cannot be reached: ack_status ERR with err.service.unavailable and "
            + "Retry-After; nothing was taken, send the message again", content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(ref = "SpdciAcknowledgement")))
    public ObjectNode syncSearch(InputStream body) {
        return whileTheDatabaseAnswers(() -> exchange.syncSearch(body, requester()));
    }

    @POST
    @Path("/search")
    @Operation(summary = "Search the registry, answer by callback (SPDCI async search)",
            description = "Checks the message as the synchronous search does (up to atensi.beneficiary.registry.async-max-requests requests), "
                    + "takes it and acknowledges it at once (ack_status ACK with the correlation_id). The on-search envelope is then posted to "
                    + "header.sender_uri, which must be an https address the platform's outbound rules allow; a failed delivery is retried "
                    + "1 s, 2 s, 4 s, … later. Each attempt answers under the consent that holds then and is audited.")
    @RequestBody(required = true, content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(ref = "SpdciSearchRequestBody")))
    @APIResponse(responseCode = "200", description = "Acknowledged: ack_status ACK", content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(ref = "SpdciAcknowledgement")))
    @APIResponse(responseCode = "400", description = "The message was not taken: ack_status ERR with the standard's error code", content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(ref = "SpdciAcknowledgement")))
    @APIResponse(responseCode = "401", description = "No valid access token")
    @APIResponse(responseCode = "403", description = "The client does not hold the role registry")
    @APIResponse(responseCode = "503", description = "The registry's database cannot be reached: ack_status ERR with err.service.unavailable and "
            + "Retry-After; nothing was taken, send the message again", content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(ref = "SpdciAcknowledgement")))
    public ObjectNode search(InputStream body) {
        return whileTheDatabaseAnswers(() -> exchange.search(body, requester()));
    }

    @POST
    @Path("/sync/txn/status")
    @Operation(summary = "Status of the caller's asynchronous searches, at once (SPDCI sync txn status)",
            description = "By transaction_id, correlation_id or a reference_id_list; the status of each request (pdng until answered, then succ "
                    + "or rjct). Another organisation's transactions are not found (ERR err.request.not_found).")
    @RequestBody(required = true, content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(ref = "SpdciTxnStatusRequestBody")))
    @APIResponse(responseCode = "200", description = "The txn-on-status envelope", content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(ref = "SpdciTxnStatusResponseEnvelope")))
    @APIResponse(responseCode = "400", description = "The message was not taken, or no transaction matches: ack_status ERR", content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(ref = "SpdciAcknowledgement")))
    @APIResponse(responseCode = "401", description = "No valid access token")
    @APIResponse(responseCode = "403", description = "The client does not hold the role registry")
    @APIResponse(responseCode = "503", description = "The registry's database cannot be reached: ack_status ERR with err.service.unavailable and "
            + "Retry-After; nothing was taken, send the message again", content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(ref = "SpdciAcknowledgement")))
    public ObjectNode syncStatus(InputStream body) {
        return whileTheDatabaseAnswers(() -> exchange.syncStatus(body, requester()));
    }

    @POST
    @Path("/txn/status")
    @Operation(summary = "Status of the caller's asynchronous searches, by callback (SPDCI txn status)",
            description = "As the synchronous status request; acknowledged at once, the txn-on-status envelope is posted to header.sender_uri once.")
    @RequestBody(required = true, content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(ref = "SpdciTxnStatusRequestBody")))
    @APIResponse(responseCode = "200", description = "Acknowledged: ack_status ACK", content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(ref = "SpdciAcknowledgement")))
    @APIResponse(responseCode = "400", description = "The message was not taken, or no transaction matches: ack_status ERR", content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(ref = "SpdciAcknowledgement")))
    @APIResponse(responseCode = "401", description = "No valid access token")
    @APIResponse(responseCode = "403", description = "The client does not hold the role registry")
    @APIResponse(responseCode = "503", description = "The registry's database cannot be reached: ack_status ERR with err.service.unavailable and "
            + "Retry-After; nothing was taken, send the message again", content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(ref = "SpdciAcknowledgement")))
    public ObjectNode status(InputStream body) {
        return whileTheDatabaseAnswers(() -> exchange.status(body, requester()));
    }

    @POST
    @Path("/subscribe")
    @Operation(summary = "Subscribe to people registered or changed (SPDCI subscribe)",
            description = "Takes up to 20 subscribe requests, each with reg_event_type REGISTER (people newly registered) or UPDATE (changes to a "
                    + "person's record or case status), an expression or predicate filter as a search takes (not idtype-value: a subscription "
                    + "keeps no NIK), notify_record_type spdci:Member, authorize.purpose.code, an optional frequency.start_time/end_time "
                    + "window and an optional frequency.frequency, a Quartz cron expression read in Asia/Jakarta at whose times the notices "
                    + "held meanwhile are sent together (rjct.notify_details.invalid when it cannot be read). Acknowledged at once; the "
                    + "on-subscribe envelope (a subscription code per request, or rjct with the standard's reason) is posted to "
                    + "header.sender_uri once. Each matching event is then posted to the same address as a notify envelope with the person's "
                    + "Member record (at once, or at the frequency's next time), made and audited at delivery under the consent that holds "
                    + "then, retried 1 s, 2 s, 4 s, … later. REGISTER tells of each person registered after the subscription began, once, "
                    + "when their consent first lets the subscriber see them. A request equal to an active subscription is rjct.event.already_subscribed and names it.")
    @RequestBody(required = true, content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(ref = "SpdciSubscribeRequestBody")))
    @APIResponse(responseCode = "200", description = "Acknowledged: ack_status ACK", content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(ref = "SpdciAcknowledgement")))
    @APIResponse(responseCode = "400", description = "The message was not taken: ack_status ERR with the standard's error code", content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(ref = "SpdciAcknowledgement")))
    @APIResponse(responseCode = "401", description = "No valid access token")
    @APIResponse(responseCode = "403", description = "The client does not hold the role registry")
    @APIResponse(responseCode = "503", description = "The registry's database cannot be reached: ack_status ERR with err.service.unavailable and "
            + "Retry-After; nothing was taken, send the message again", content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(ref = "SpdciAcknowledgement")))
    public ObjectNode subscribe(InputStream body) {
        return whileTheDatabaseAnswers(() -> exchange.subscribe(body, requester()));
    }

    @POST
    @Path("/unsubscribe")
    @Operation(summary = "End subscriptions (SPDCI unsubscribe)",
            description = "Takes subscription_codes (up to 100), all or none: a code that is not one of the caller's subscriptions answers "
                    + "rjct.subscription_code.invalid, one already ended rjct.event.already_unsubscribed. Acknowledged at once; the "
                    + "on-unsubscribe envelope is posted to header.sender_uri once. Notifications still queued for the codes are dropped.")
    @RequestBody(required = true, content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(ref = "SpdciUnsubscribeRequestBody")))
    @APIResponse(responseCode = "200", description = "Acknowledged: ack_status ACK", content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(ref = "SpdciAcknowledgement")))
    @APIResponse(responseCode = "400", description = "The message was not taken: ack_status ERR with the standard's error code", content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(ref = "SpdciAcknowledgement")))
    @APIResponse(responseCode = "401", description = "No valid access token")
    @APIResponse(responseCode = "403", description = "The client does not hold the role registry")
    @APIResponse(responseCode = "503", description = "The registry's database cannot be reached: ack_status ERR with err.service.unavailable and "
            + "Retry-After; nothing was taken, send the message again", content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(ref = "SpdciAcknowledgement")))
    public ObjectNode unsubscribe(InputStream body) {
        return whileTheDatabaseAnswers(() -> exchange.unsubscribe(body, requester()));
    }

    private Requester requester() {
        String clientId = Optional.ofNullable(token.<Object>getClaim("client_id")).or(() -> Optional.ofNullable(token.getClaim("azp")))
                .map(String::valueOf).orElse(token.getSubject());
        return new Requester(clientId, String.join(",", new TreeSet<>(identity.getRoles())));
    }

    /**
     * A message met while the database is away is answered with the standard's {@code err.service.unavailable}, never
     * the platform's 500 problem: the caller is told, in the exchange's own shape, that nothing was taken and to send it
     * again. The pool reconnects by itself once the database answers.
     */
    private static ObjectNode whileTheDatabaseAnswers(Supplier<ObjectNode> call) {
        try {
            return call.get();
        } catch (RuntimeException e) {
            if (DatabaseUnreachable.causes(e)) {
                LOG.warnf("a registry message was answered err.service.unavailable: the database cannot be reached (%s)", DatabaseUnreachable.describe(e));
                throw new MessageRejected(MessageError.SERVICE_UNAVAILABLE, "the registry cannot be reached for a moment; nothing was taken, send the message again");
            }
            throw e;
        }
    }

    @ServerExceptionMapper
    Response rejected(MessageRejected rejected) {
        if (rejected instanceof EnvelopeReader.TooLarge) {
            return RegistrySizeLimit.tooLarge(exchange);
        }
        if (rejected.error() == MessageError.SERVICE_UNAVAILABLE) {
            return Response.status(Response.Status.SERVICE_UNAVAILABLE).type(MediaType.APPLICATION_JSON).header("Retry-After", ProblemExceptionMappers.DATABASE_RETRY_AFTER_SECONDS)
                    .entity(exchange.acknowledgement("ERR", UUID.randomUUID().toString(), Optional.of(rejected.error()), rejected.getMessage()))
                    .build();
        }
        return Response.status(Response.Status.BAD_REQUEST).type(MediaType.APPLICATION_JSON)
                .entity(exchange.acknowledgement("ERR", UUID.randomUUID().toString(), Optional.of(rejected.error()), rejected.getMessage()))
                .build();
    }
}
