package id.atensi.vocabulary;

/** Kinds of disability (ragam disabilitas); the sensory kind is split as units serve blind and deaf-speech people apart. */
public enum DisabilityType implements Term {
    PHYSICAL("Disabilitas Fisik"),
    SENSORY_BLIND("Disabilitas Sensorik Netra"),
    SENSORY_DEAF_SPEECH("Disabilitas Sensorik Rungu Wicara"),
    INTELLECTUAL("Disabilitas Intelektual"),
    MENTAL("Disabilitas Mental"),
    MULTIPLE("Disabilitas Ganda");

    private final String indonesian;

    DisabilityType(String indonesian) {
        this.indonesian = indonesian;
    }

    @Override
    public String indonesian() {
        return indonesian;
    }
}
