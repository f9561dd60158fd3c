package id.atensi.vocabulary;

/** Where a share of an aid programme's budget comes from (sumber dana). */
public enum FundingSourceKind implements Term {
    STATE_BUDGET("APBN"),
    CSR("Dana CSR (Tanggung Jawab Sosial Perusahaan)"),
    OTHER("Sumber Lain yang Sah");

    private final String indonesian;

    FundingSourceKind(String indonesian) {
        this.indonesian = indonesian;
    }

    @Override
    public String indonesian() {
        return indonesian;
    }
}
