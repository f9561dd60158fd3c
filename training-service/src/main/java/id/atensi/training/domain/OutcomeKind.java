package id.atensi.training.domain;

/** Where a participant stands some time after a class: the measure of economic self-reliance. */
public enum OutcomeKind {
    EMPLOYED,
    OWN_BUSINESS,
    FURTHER_TRAINING,
    SEEKING_WORK,
    NOT_WORKING
}
