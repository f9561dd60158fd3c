package id.atensi.training.domain;

/** The kind of social companion (pendamping sosial) a companion participant is. */
public enum CompanionRole {
    PKH,
    TKSK,
    SOCIAL_WORKER
}
