package id.atensi.training.domain;

public enum AttendanceStatus {
    PRESENT,
    ABSENT,
    EXCUSED
}
