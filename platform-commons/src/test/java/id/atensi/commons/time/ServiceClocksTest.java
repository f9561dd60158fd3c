package id.atensi.commons.time;

import org.junit.jupiter.api.Test;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class ServiceClocksTest {

    private static final ZoneId JAKARTA = ZoneId.of("Asia/Jakarta");

    @Test
    void aMomentBetweenMicrosecondsIsTakenAtTheMicrosecondBeforeIt() {
        Clock halfway = Clock.fixed(Instant.parse("2031-03-17T03:00:00.123456500Z"), JAKARTA);
        Clock nearlyNext = Clock.fixed(Instant.parse("2031-03-17T03:00:00.123456999Z"), JAKARTA);

        assertEquals(Instant.parse("2031-03-17T03:00:00.123456Z"), ServiceClocks.atStoredPrecision(halfway).instant());
        assertEquals(Instant.parse("2031-03-17T03:00:00.123456Z"), ServiceClocks.atStoredPrecision(nearlyNext).instant());
    }

    @Test
    void aMomentOnAMicrosecondIsKeptWhole() {
        Instant onTheMicrosecond = Instant.parse("1999-12-31T16:59:59.999999Z");

        assertEquals(onTheMicrosecond, ServiceClocks.atStoredPrecision(Clock.fixed(onTheMicrosecond, JAKARTA)).instant());
    }

    @Test
    void theSystemClockKeepsItsZoneAndReadsNoFinerThanAMicrosecond() {
        Clock clock = ServiceClocks.system(JAKARTA);

        assertEquals(JAKARTA, clock.getZone());
        readsNoFinerThanAMicrosecond(clock);
    }

    @Test
    void theSystemClockInUtcReadsNoFinerThanAMicrosecond() {
        assertEquals(ZoneOffset.UTC, ServiceClocks.SYSTEM_UTC.getZone());
        readsNoFinerThanAMicrosecond(ServiceClocks.SYSTEM_UTC);
    }

    @Test
    void aClockInAnotherZoneReadsTheSameMomentsAtTheSamePrecision() {
        Clock halfway = ServiceClocks.atStoredPrecision(Clock.fixed(Instant.parse("2031-03-17T03:00:00.123456500Z"), ZoneOffset.UTC));

        Clock inJakarta = halfway.withZone(JAKARTA);

        assertEquals(JAKARTA, inJakarta.getZone());
        assertEquals(Instant.parse("2031-03-17T03:00:00.123456Z"), inJakarta.instant());
        readsNoFinerThanAMicrosecond(ServiceClocks.SYSTEM_UTC.withZone(JAKARTA));
    }

    @Test
    void millisecondsAreReadAsTheClockBeneathReadsThem() {
        Instant moment = Instant.parse("2031-03-17T03:00:00.123456500Z");

        assertEquals(moment.toEpochMilli(), ServiceClocks.atStoredPrecision(Clock.fixed(moment, JAKARTA)).millis());
        long before = System.currentTimeMillis();
        long read = ServiceClocks.SYSTEM_UTC.millis();
        assertTrue(read >= before && read <= System.currentTimeMillis(), "the system's milliseconds: " + read);
    }

    @Test
    void aClockBeforeTheEpochIsTruncatedTowardsThePast() {
        Instant beforeTheEpoch = Instant.parse("1969-12-31T23:59:59.999999500Z");

        assertEquals(Instant.parse("1969-12-31T23:59:59.999999Z"),
                ServiceClocks.atStoredPrecision(Clock.fixed(beforeTheEpoch, JAKARTA)).instant());
    }

    private static void readsNoFinerThanAMicrosecond(Clock clock) {
        for (int read = 0; read < 1_000; read++) {
            Instant now = clock.instant();
            assertEquals(0, now.getNano() % 1_000, "read " + read + " finer than a microsecond: " + now);
        }
    }
}
