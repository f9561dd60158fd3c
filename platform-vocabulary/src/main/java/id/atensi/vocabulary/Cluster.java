package id.atensi.vocabulary;

/**
 * The ATENSI target clusters (klaster sasaran) of people in need of welfare services (PPKS). The ministry groups
 * the last three as one cluster, TS-KPO; they are kept apart here because units, partners and aid address them
 * apart, and a partner serving TS-KPO names all three.
 */
public enum Cluster implements Term {
    CHILDREN("Anak"),
    PERSONS_WITH_DISABILITIES("Penyandang Disabilitas"),
    ELDERLY("Lanjut Usia"),
    SUBSTANCE_ABUSE_VICTIMS("Korban Penyalahgunaan NAPZA"),
    SOCIAL_EXCLUSION("Tuna Sosial"),
    TRAFFICKING_VICTIMS("Korban Perdagangan Orang"),
    DISASTER_AFFECTED("Korban Bencana");

    private final String indonesian;

    Cluster(String indonesian) {
        this.indonesian = indonesian;
    }

    @Override
    public String indonesian() {
        return indonesian;
    }
}
