package id.atensi.training.domain;

public enum EnrolmentStatus {
    ENROLLED,
    WAITLISTED,
    WITHDRAWN,
    COMPLETED,
    NOT_COMPLETED
}
