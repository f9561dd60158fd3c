package id.atensi.beneficiary.registry.domain;

import org.junit.jupiter.api.Test;

import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.util.Optional;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class NoticeFrequencyTest {

    private static final ZoneId JAKARTA = ZoneId.of("Asia/Jakarta");

    @Test
    void theStandardsExampleNamesMidnightOnTheFifthAndFifteenthInTheProgrammesZone() {
        NoticeFrequency frequency = NoticeFrequency.parse("0 0 0 5,15 * ? *");
        assertEquals(OffsetDateTime.parse("2026-12-05T00:00+07:00").toInstant(),
                frequency.nextAfter(OffsetDateTime.parse("2026-12-04T10:00+07:00"), JAKARTA).orElseThrow().toInstant());
        assertEquals(OffsetDateTime.parse("2026-12-15T00:00+07:00").toInstant(),
                frequency.nextAfter(OffsetDateTime.parse("2026-12-05T00:00+07:00"), JAKARTA).orElseThrow().toInstant(),
                "strictly after: a notice queued at a time named waits for the next one");
    }

    @Test
    void theHoursAreTheProgrammesNotUtc() {
        NoticeFrequency frequency = NoticeFrequency.parse("0 0 3 * * ?");
        assertEquals(OffsetDateTime.parse("2026-12-04T20:00Z").toInstant(),
                frequency.nextAfter(OffsetDateTime.parse("2026-12-04T12:00Z"), JAKARTA).orElseThrow().toInstant(), "03:00 in Jakarta is 20:00 UTC");
    }

    @Test
    void aNoticeIsDueAtTheWindowsEndWhenTheNextTimeNamedIsLater() {
        NoticeFrequency frequency = NoticeFrequency.parse("0 0 0 5,15 * ? *");
        OffsetDateTime end = OffsetDateTime.parse("2026-12-04T18:00+07:00");
        assertEquals(end, frequency.dueAfter(OffsetDateTime.parse("2026-12-04T10:00+07:00"), JAKARTA, Optional.of(end)));
        assertEquals(OffsetDateTime.parse("2026-12-05T00:00+07:00").toInstant(), frequency.dueAfter(OffsetDateTime.parse("2026-12-04T10:00+07:00"),
                JAKARTA, Optional.of(OffsetDateTime.parse("2026-12-20T00:00+07:00"))).toInstant());
    }

    @Test
    void anExpressionThatNamesNoMoreTimesHoldsNothingBeyondTheWindowOrAtAll() {
        NoticeFrequency past = NoticeFrequency.parse("0 0 0 1 1 ? 2020");
        OffsetDateTime now = OffsetDateTime.parse("2026-12-04T10:00+07:00");
        assertTrue(past.nextAfter(now, JAKARTA).isEmpty());
        assertEquals(now, past.dueAfter(now, JAKARTA, Optional.empty()));
        assertEquals(now.plusHours(1), past.dueAfter(now, JAKARTA, Optional.of(now.plusHours(1))));
    }

    @Test
    void whatIsNoQuartzCronExpressionIsRefusedSayingWhy() {
        for (String bad : new String[]{"every tuesday", "", "0 0 * * *", "0 0 0 5 * 1 *", "0 61 0 * * ?", "x".repeat(201)}) {
            NoticeFrequency.InvalidFrequency refused = assertThrows(NoticeFrequency.InvalidFrequency.class, () -> NoticeFrequency.parse(bad), bad);
            assertTrue(refused.getMessage().contains("cron expression"), refused.getMessage());
        }
    }
}
