package id.atensi.vocabulary;

/** What kind of organisation a partner (mitra) is; only an LKS carries an accreditation. */
public enum PartnerType implements Term {
    LKS("Lembaga Kesejahteraan Sosial"),
    CSR_COMPANY("Perusahaan (CSR)"),
    STATE_OWNED_COMPANY("Badan Usaha Milik Negara (BUMN)"),
    GOVERNMENT_BODY("Instansi Pemerintah"),
    UNIVERSITY("Perguruan Tinggi"),
    COMMUNITY("Komunitas"),
    OTHER("Lainnya");

    private final String indonesian;

    PartnerType(String indonesian) {
        this.indonesian = indonesian;
    }

    @Override
    public String indonesian() {
        return indonesian;
    }
}
