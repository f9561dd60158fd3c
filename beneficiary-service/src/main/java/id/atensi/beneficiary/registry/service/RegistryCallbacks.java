package id.atensi.beneficiary.registry.service;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import id.atensi.beneficiary.registry.config.RegistryConfig;
import id.atensi.commons.persistence.DatabaseUnreachable;
import id.atensi.outbound.OutboundHttp;
import id.atensi.outbound.OutboundResult;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.scheduler.Scheduled;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import org.jboss.logging.Logger;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;

/**
 * Answers asynchronous searches: each attempt makes the answer afresh (under the consent that holds then, audited as
 * it leaves) and posts the {@code on-search} envelope to the caller's {@code sender_uri}; a failed attempt is retried
 * by the sweep, 1 s, 2 s, 4 s, … later, until the configured attempts are spent. A transaction is attempted as soon as
 * it is taken and by the sweep after a restart, claimed under a row lock so that one node attempts it at a time.
 */
@ApplicationScoped
public class RegistryCallbacks {

    private static final Logger LOG = Logger.getLogger(RegistryCallbacks.class);
    private static final Map<String, String> JSON = Map.of("Content-Type", "application/json");

    private final RegistryTransactions transactions;
    private final RegistrySearch search;
    private final AnswerEnvelopes exchange;
    private final OutboundHttp http;
    private final RegistryConfig config;
    /** Two workers: an attempt is a query and one outbound request, and the machine's database pool is shared. */
    private final ScheduledExecutorService workers = Executors.newScheduledThreadPool(2, runnable -> {
        Thread thread = new Thread(runnable, "registry-callbacks");
        thread.setDaemon(true);
        return thread;
    });
    private final OutcomeRecorder outcomes;

    RegistryCallbacks(RegistryTransactions transactions, RegistrySearch search, AnswerEnvelopes exchange, OutboundHttp http, RegistryConfig config) {
        this.transactions = transactions;
        this.search = search;
        this.exchange = exchange;
        this.http = http;
        this.config = config;
        this.outcomes = new OutcomeRecorder(workers, RegistrySubscriptions.claimHeldFor(config));
    }

    public void attemptSoon(UUID correlationId) {
        try {
            workers.execute(() -> attempt(correlationId));
        } catch (RejectedExecutionException e) {
            LOG.debugf("registry transaction %s waits for the sweep: the workers are stopping", correlationId);
        }
    }

    @Scheduled(identity = "registry-callbacks", every = "${atensi.beneficiary.registry.callback.sweep-interval:5s}", delayed = "5s",
            concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    void sweep() {
        List<UUID> due;
        try {
            due = transactions.due(50);
        } catch (RuntimeException e) {
            if (!DatabaseUnreachable.causes(e)) {
                throw e;
            }
            LOG.infof("registry callbacks wait for the database: %s", DatabaseUnreachable.describe(e));
            return;
        }
        due.forEach(this::attempt);
    }

    void attempt(UUID correlationId) {
        try {
            transactions.claim(correlationId).ifPresent(this::deliver);
        } catch (RuntimeException e) {
            LOG.warnf(e, "registry transaction %s could not be attempted; the sweep tries again", correlationId);
        }
    }

    private void deliver(RegistryTransactions.Claimed claimed) {
        ArrayNode responses;
        SearchMessageReader.SearchMessage message;
        try {
            message = SearchMessageReader.read(claimed.message(), claimed.message().path("search_request").size(), config.asyncMaxRequests());
            responses = search.answer(message.items(), new Requester(claimed.senderId(), claimed.roles()), claimed.correlationId().toString());
        } catch (RuntimeException e) {
            transactions.failed(claimed.correlationId(), "the search failed: " + e.getClass().getSimpleName());
            return;
        }
        ObjectNode answer = JsonNodeFactory.instance.objectNode();
        answer.put("transaction_id", message.transactionId());
        answer.put("correlation_id", claimed.correlationId().toString());
        answer.set("search_response", responses);
        String outcome = AnswerEnvelopes.statusOf(responses);
        ObjectNode envelope = exchange.envelope("on-search", claimed.senderId(), outcome, responses.size(), answer);
        // Not waited for: a caller that never answers would hold a worker (or the sweep) for the whole timeout, and
        // with it every other caller's answers. An outcome met with the database away is recorded when it is back.
        long claimedAt = System.nanoTime();
        send(claimed.senderId(), claimed.senderUri(), envelope).thenAcceptAsync(result -> outcomes.record(
                "registry transaction " + claimed.correlationId() + " (" + result.outcome() + ")", claimedAt,
                () -> record(claimed, outcome, responses, result)), workers);
    }

    private void record(RegistryTransactions.Claimed claimed, String outcome, ArrayNode responses, OutboundResult result) {
        if (result.successful()) {
            transactions.delivered(claimed.correlationId(), outcome, responses);
        } else {
            transactions.failed(claimed.correlationId(), describe(result));
        }
    }

    /** A status answer posted once, without retries (the caller can ask again), and not waited for. */
    public void postOnce(String senderId, String url, JsonNode envelope) {
        send(senderId, url, envelope).thenAccept(result -> {
            if (!result.successful()) {
                LOG.infof("txn-on-status to %s was not taken: %s", senderId, describe(result));
            }
        });
    }

    /** Posts an envelope without waiting for the answer: the stage completes, always normally, with what happened. */
    public CompletionStage<OutboundResult> send(String senderId, String url, JsonNode envelope) {
        return http.post(senderId, url, JSON, envelope.toString().getBytes(StandardCharsets.UTF_8));
    }

    static String describe(OutboundResult result) {
        return result.outcome() == OutboundResult.Outcome.ANSWERED ? "answered " + result.status() : result.outcome() + ": " + result.detail();
    }

    void stop(@Observes ShutdownEvent event) {
        workers.shutdownNow();
    }
}
