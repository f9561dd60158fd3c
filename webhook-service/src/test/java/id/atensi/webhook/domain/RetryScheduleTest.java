package id.atensi.webhook.domain;

import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.List;
import java.util.Optional;

import static org.junit.jupiter.api.Assertions.assertEquals;

class RetryScheduleTest {

    private final RetrySchedule schedule = new RetrySchedule(List.of(Duration.ZERO, Duration.ofSeconds(5), Duration.ofMinutes(5),
            Duration.ofMinutes(30), Duration.ofHours(2), Duration.ofHours(5), Duration.ofHours(10), Duration.ofHours(10)));

    @Test
    void theWaitsFollowTheScheduleAndEndAfterTheEighthAttempt() {
        assertEquals(Optional.of(Duration.ofSeconds(5)), schedule.next(1, Optional.empty()));
        assertEquals(Optional.of(Duration.ofMinutes(5)), schedule.next(2, Optional.empty()));
        assertEquals(Optional.of(Duration.ofHours(10)), schedule.next(7, Optional.empty()));
        assertEquals(Optional.empty(), schedule.next(8, Optional.empty()));
    }

    @Test
    void retryAfterReplacesTheWaitButNotBeyondTheLongestOne() {
        assertEquals(Optional.of(Duration.ofSeconds(90)), schedule.next(1, Optional.of(Duration.ofSeconds(90))));
        assertEquals(Optional.of(Duration.ofHours(10)), schedule.next(1, Optional.of(Duration.ofDays(3))));
        assertEquals(Optional.empty(), schedule.next(8, Optional.of(Duration.ofSeconds(1))), "Retry-After adds no attempt");
    }
}
