package id.atensi.vocabulary;

/** ATENSI's seven direct services (layanan ATENSI): what an assessment finds needed and an agreement's scope names. */
public enum AtensiService implements Term {
    DECENT_LIFE_SUPPORT("Dukungan Pemenuhan Hidup Layak"),
    SOCIAL_AND_CHILD_CARE("Perawatan Sosial dan/atau Pengasuhan Anak"),
    FAMILY_SUPPORT("Dukungan Keluarga"),
    THERAPY("Terapi Fisik, Psikososial dan Mental Spiritual"),
    VOCATIONAL_TRAINING_AND_ENTREPRENEURSHIP("Pelatihan Vokasional dan/atau Pembinaan Kewirausahaan"),
    SOCIAL_AID_AND_ASSISTANCE("Bantuan Sosial dan Asistensi Sosial"),
    ACCESSIBILITY_SUPPORT("Dukungan Aksesibilitas");

    private final String indonesian;

    AtensiService(String indonesian) {
        this.indonesian = indonesian;
    }

    @Override
    public String indonesian() {
        return indonesian;
    }
}
