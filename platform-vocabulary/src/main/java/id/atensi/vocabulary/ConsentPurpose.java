package id.atensi.vocabulary;

/**
 * A purpose for which a person's data is processed (tujuan pemrosesan data pribadi, UU 27/2022). Only
 * {@link #SERVICE_DELIVERY} rests on the programme's own lawful basis, the ministry's mandate to serve the people it
 * registers; every other purpose needs the person's consent, and the latest consent record for it decides.
 */
public enum ConsentPurpose implements Term {
    SERVICE_DELIVERY("Pemberian layanan oleh unit pelaksana"),
    PARTNER_SHARING("Berbagi data dengan mitra"),
    REGISTRY_EXCHANGE("Pertukaran data dengan registri lain"),
    STATISTICS_AND_RESEARCH("Statistik dan penelitian"),
    FOLLOW_UP_CONTACT("Kontak untuk tindak lanjut");

    private final String indonesian;

    ConsentPurpose(String indonesian) {
        this.indonesian = indonesian;
    }

    @Override
    public String indonesian() {
        return indonesian;
    }

    /** Whether the programme may process for this purpose without the person's consent. */
    public boolean restsOnLawfulBasis() {
        return this == SERVICE_DELIVERY;
    }
}
