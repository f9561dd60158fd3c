package id.atensi.beneficiary.registry.events;

import id.atensi.beneficiary.registry.service.RegistrySubscriptions.Heard;
import jakarta.transaction.TransactionScoped;

import java.util.ArrayList;
import java.util.List;

/**
 * The person events one consumer transaction (a poll) heard, queued for the subscriptions in one statement when the
 * batch ends. Dies with the transaction, so a rolled-back batch leaves nothing behind for the retry one by one.
 */
@TransactionScoped
class RegistryFeedBatch {

    private final List<Heard> heard = new ArrayList<>();

    void add(Heard event) {
        heard.add(event);
    }

    /** The gathered events, handed over once: the batch is empty afterwards. */
    List<Heard> take() {
        List<Heard> taken = List.copyOf(heard);
        heard.clear();
        return taken;
    }
}
