package id.atensi.gateway.problem;

/**
 * The problems the gateway answers itself. The first codes are the platform's own (as in
 * platform-commons' ProblemCode), so a client handles a 401 alike whether the gateway or a service sent it;
 * the last three exist only at the gateway.
 */
public enum GatewayProblem {
    UNAUTHENTICATED(401, "unauthenticated", "Authentication required"),
    FORBIDDEN(403, "forbidden", "Not allowed"),
    NOT_FOUND(404, "not-found", "Not found"),
    TOO_MANY_REQUESTS(429, "too-many-requests", "Too many requests"),
    INTERNAL(500, "internal", "Internal error"),
    UNAVAILABLE(503, "unavailable", "Service unavailable"),
    PAYLOAD_TOO_LARGE(413, "payload-too-large", "Payload too large"),
    BAD_GATEWAY(502, "bad-gateway", "Bad gateway"),
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
}
