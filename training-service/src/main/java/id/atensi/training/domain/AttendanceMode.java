package id.atensi.training.domain;

public enum AttendanceMode {
    ON_SITE,
    ONLINE
}
