package id.atensi.beneficiary.registry.events;

import id.atensi.beneficiary.registry.service.RegistrySubscriptions.Heard;
import jakarta.transaction.TransactionScoped;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.function.Supplier;

/**
 * The person events one consumer transaction (a poll) heard, queued for the subscriptions in one statement when the
 * batch ends, and the kinds of events any subscription hears, read once for the poll. Dies with the transaction, so a
 * rolled-back batch leaves nothing behind for the retry one by one.
 */
@TransactionScoped
class RegistryFeedBatch {

    private final List<Heard> heard = new ArrayList<>();
    /** The kinds some subscription not ended hears, read at the poll's first question and kept for the rest of it. */
    private Set<String> subscribedKinds;

    void add(Heard event) {
        heard.add(event);
    }

    Set<String> subscribedKinds(Supplier<Set<String>> read) {
        if (subscribedKinds == null) {
            subscribedKinds = read.get();
        }
        return subscribedKinds;
    }

    /** The gathered events, handed over once: the batch is empty afterwards. */
    List<Heard> take() {
        List<Heard> taken = List.copyOf(heard);
        heard.clear();
        return taken;
    }
}
