package id.atensi.training.domain;

import org.junit.jupiter.api.Test;

import java.util.EnumSet;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

class ClassStatusTest {

    @Test
    void aClassMovesForwardOneStepAtATime() {
        assertTrue(ClassStatus.PLANNED.canBecome(ClassStatus.OPEN));
        assertTrue(ClassStatus.OPEN.canBecome(ClassStatus.RUNNING));
        assertTrue(ClassStatus.RUNNING.canBecome(ClassStatus.COMPLETED));
        assertFalse(ClassStatus.PLANNED.canBecome(ClassStatus.RUNNING));
        assertFalse(ClassStatus.OPEN.canBecome(ClassStatus.COMPLETED));
    }

    @Test
    void anyUnfinishedClassCanBeCancelledButAFinishedOneGoesNowhere() {
        for (ClassStatus status : EnumSet.of(ClassStatus.PLANNED, ClassStatus.OPEN, ClassStatus.RUNNING)) {
            assertTrue(status.canBecome(ClassStatus.CANCELLED), status.name());
        }
        assertEquals(EnumSet.noneOf(ClassStatus.class), ClassStatus.COMPLETED.next());
        assertEquals(EnumSet.noneOf(ClassStatus.class), ClassStatus.CANCELLED.next());
    }

    @Test
    void aClosedHostTakesOpeningAndAMissingSessionTakesCompletionOutOfTheOffer() {
        assertEquals(EnumSet.of(ClassStatus.CANCELLED), ClassStatus.PLANNED.allowed(false, true));
        assertEquals(EnumSet.of(ClassStatus.OPEN, ClassStatus.CANCELLED), ClassStatus.PLANNED.allowed(true, false));
        assertEquals(EnumSet.of(ClassStatus.RUNNING, ClassStatus.CANCELLED), ClassStatus.OPEN.allowed(false, false));
        assertEquals(EnumSet.of(ClassStatus.CANCELLED), ClassStatus.RUNNING.allowed(true, false));
        assertEquals(EnumSet.of(ClassStatus.COMPLETED, ClassStatus.CANCELLED), ClassStatus.RUNNING.allowed(false, true));
    }

    @Test
    void onlyOpenAndRunningClassesTakeEnrolments() {
        assertTrue(ClassStatus.OPEN.takesEnrolments());
        assertTrue(ClassStatus.RUNNING.takesEnrolments());
        assertFalse(ClassStatus.PLANNED.takesEnrolments());
        assertFalse(ClassStatus.COMPLETED.takesEnrolments());
    }

    @Test
    void attendanceModeMustFitTheModality() {
        assertTrue(Modality.ON_SITE.accepts(AttendanceMode.ON_SITE));
        assertFalse(Modality.ON_SITE.accepts(AttendanceMode.ONLINE));
        assertFalse(Modality.VIRTUAL.accepts(AttendanceMode.ON_SITE));
        assertTrue(Modality.HYBRID.accepts(AttendanceMode.ONLINE));
    }

    @Test
    void sameNameAndOrganisationWrittenDifferentlyIsTheSamePerson() {
        assertEquals(Enrolment.namedKey("Rina  Wati", "yayasan kumala"), Enrolment.namedKey(" rina wati", "Yayasan Kumala "));
    }
}
