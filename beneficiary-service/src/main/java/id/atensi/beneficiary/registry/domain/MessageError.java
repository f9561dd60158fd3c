package id.atensi.beneficiary.registry.domain;

/**
 * The standard's message-level error codes ({@code Error.code}), answered in an acknowledgement whose
 * {@code ack_status} is {@code ERR}: the message could not be taken at all.
 */
public enum MessageError {
    REQUEST_BAD("err.request.bad"),
    REQUEST_UNAUTHORIZED("err.request.unauthorized"),
    REQUEST_FORBIDDEN("err.request.forbidden"),
    REQUEST_NOT_FOUND("err.request.not_found"),
    VERSION_NOT_SUPPORTED("err.version.not_supported"),
    SENDER_ID_INVALID("err.sender_id.invalid"),
    SENDER_URI_INVALID("err.sender_uri.invalid"),
    RECEIVER_ID_INVALID("err.receiver_id.invalid"),
    SIGNATURE_MISSING("err.signature.missing"),
    SIGNATURE_INVALID("err.signature.invalid"),
    ENCRYPTION_INVALID("err.encryption.invalid"),
    SERVICE_UNAVAILABLE("err.service.unavailable");

    private final String code;

    MessageError(String code) {
        this.code = code;
    }

    public String code() {
        return code;
    }
}
