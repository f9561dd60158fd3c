package id.atensi.gateway.problem;

/**
 * The problems the gateway answers itself. The codes it shares with the services are the platform's own (as
 * in platform-commons' ProblemCode), so a client handles a 401 or a malformed request alike whether the
 * gateway or a service sent it; the others exist only at the gateway.
 */
public enum GatewayProblem {
    MALFORMED_REQUEST(400, "malformed-request", "Malformed request"),
    UNAUTHENTICATED(401, "unauthenticated", "Authentication required"),
    FORBIDDEN(403, "forbidden", "Not allowed"),
    NOT_FOUND(404, "not-found", "Not found"),
    METHOD_NOT_ALLOWED(405, "method-not-allowed", "Method not allowed"),
    NOT_ACCEPTABLE(406, "not-acceptable", "Not acceptable"),
    PAYLOAD_TOO_LARGE(413, "payload-too-large", "Payload too large"),
    URI_TOO_LONG(414, "uri-too-long", "URI too long"),
    UNSUPPORTED_MEDIA_TYPE(415, "unsupported-media-type", "Unsupported media type"),
    TOO_MANY_REQUESTS(429, "too-many-requests", "Too many requests"),
    HEADERS_TOO_LARGE(431, "request-header-fields-too-large", "Request header fields too large"),
    INTERNAL(500, "internal", "Internal error"),
    BAD_GATEWAY(502, "bad-gateway", "Bad gateway"),
    UNAVAILABLE(503, "unavailable", "Service unavailable"),
    GATEWAY_TIMEOUT(504, "gateway-timeout", "Gateway timeout");

    private final int status;
    private final String code;
    private final String title;

    GatewayProblem(int status, String code, String title) {
        this.status = status;
        this.code = code;
        this.title = title;
    }

    public int status() {
        return status;
    }

    public String code() {
        return code;
    }

    public String title() {
        return title;
    }

    public String type() {
        return "urn:atensi:problem:" + code;
    }

    /** The gateway's problem for a status, or null for a status it has none for. */
    public static GatewayProblem forStatus(int status) {
        for (GatewayProblem problem : values()) {
            if (problem.status == status) {
                return problem;
            }
        }
        return null;
    }
}
