package id.atensi.beneficiary.registry.domain;

/** A message refused as a whole: answered with {@code ack_status} ERR and the error's code, never with a problem. */
public class MessageRejected extends RuntimeException {

    private final MessageError error;

    public MessageRejected(MessageError error, String message) {
        super(message);
        this.error = error;
    }

    public MessageError error() {
        return error;
    }
}
