package id.atensi.aid.domain;

/** Where a share of a programme's budget comes from: the state budget (APBN), a CSR partner, another body. */
public enum FundingSourceKind {
    STATE_BUDGET, CSR, OTHER
}
