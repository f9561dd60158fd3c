package id.atensi.commons.security;

/** The platform's roles, as carried in the token's {@code groups} claim, and the claims that scope them. */
public final class Roles {

    public static final String ADMIN = "admin";
    public static final String OFFICER = "officer";
    public static final String PARTNER = "partner";
    public static final String AUDITOR = "auditor";
    public static final String VIEWER = "viewer";

    /** The claim that names the partner organisation a partner token acts for. */
    public static final String PARTNER_ID_CLAIM = "partner_id";

    /** The claim that names the service unit (Balai/Sentra) an officer token works in. */
    public static final String UNIT_ID_CLAIM = "unit_id";

    private Roles() {
    }
}
