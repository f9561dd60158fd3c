package id.atensi.partner.domain;

/** The forms a Kemensos technical unit (UPT) takes. */
public enum ServiceUnitKind {
    BALAI,
    BALAI_BESAR,
    LOKA,
    SENTRA
}
