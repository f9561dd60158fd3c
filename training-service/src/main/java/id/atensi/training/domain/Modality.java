package id.atensi.training.domain;

/** How participants take part; it decides which attendance modes a class accepts. */
public enum Modality {
    ON_SITE,
    VIRTUAL,
    HYBRID;

    public boolean accepts(AttendanceMode mode) {
        return switch (this) {
            case ON_SITE -> mode == AttendanceMode.ON_SITE;
            case VIRTUAL -> mode == AttendanceMode.ONLINE;
            case HYBRID -> true;
        };
    }
}
