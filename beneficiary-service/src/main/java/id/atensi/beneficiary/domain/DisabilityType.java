package id.atensi.beneficiary.domain;

/** Kinds of disability: physical, sensory (netra: blind; rungu-wicara: deaf-speech), intellectual, mental, multiple. */
public enum DisabilityType {
    PHYSICAL,
    SENSORY_BLIND,
    SENSORY_DEAF_SPEECH,
    INTELLECTUAL,
    MENTAL,
    MULTIPLE
}
