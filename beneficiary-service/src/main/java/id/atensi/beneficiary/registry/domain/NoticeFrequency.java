package id.atensi.beneficiary.registry.domain;

import com.cronutils.model.CronType;
import com.cronutils.model.definition.CronDefinitionBuilder;
import com.cronutils.model.time.ExecutionTime;
import com.cronutils.parser.CronParser;

import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.util.Optional;

/**
 * When a subscription's notices go out: SPDCI's {@code frequency}, a cron expression in Quartz's form (seconds,
 * minutes, hours, day of month, month, day of week, an optional year: the standard's example {@code 0 0 0 5,15 * ? *}
 * is midnight on the 5th and the 15th), read in the programme's time zone. A notice is held until the first time the
 * expression names after its event, and no later than the end of the subscription's window, when what is held goes.
 */
public final class NoticeFrequency {

    /** Longer than any sensible expression, short enough to keep a caller from storing text in it. */
    private static final int MAX_LENGTH = 200;
    private static final CronParser QUARTZ = new CronParser(CronDefinitionBuilder.instanceDefinitionFor(CronType.QUARTZ));

    private final String expression;
    private final ExecutionTime times;

    private NoticeFrequency(String expression, ExecutionTime times) {
        this.expression = expression;
        this.times = times;
    }

    /** @throws InvalidFrequency naming what is wrong with the expression */
    public static NoticeFrequency parse(String expression) {
        if (expression.isBlank() || expression.length() > MAX_LENGTH) {
            throw new InvalidFrequency("is a cron expression of at most " + MAX_LENGTH + " characters");
        }
        try {
            ExecutionTime times;
            // cron-utils does not promise that one parser may be used by several threads at once.
            synchronized (QUARTZ) {
                times = ExecutionTime.forCron(QUARTZ.parse(expression.strip()).validate());
            }
            return new NoticeFrequency(expression.strip(), times);
        } catch (IllegalArgumentException e) {
            throw new InvalidFrequency("is not a cron expression in Quartz's form (seconds minutes hours day-of-month month day-of-week "
                    + "[year], e.g. \"0 0 0 5,15 * ? *\"): " + e.getMessage());
        }
    }

    public String expression() {
        return expression;
    }

    /** The first time the expression names strictly after {@code moment}, read in {@code zone}; empty when it names none. */
    public Optional<OffsetDateTime> nextAfter(OffsetDateTime moment, ZoneId zone) {
        return times.nextExecution(moment.atZoneSameInstant(zone)).map(next -> next.toOffsetDateTime());
    }

    /**
     * When a notice of an event at {@code moment} is sent: the next time named, or the window's end when that comes first
     * or no time is named any more; with neither, at once, since a notice is never held for a time that will not come.
     */
    public OffsetDateTime dueAfter(OffsetDateTime moment, ZoneId zone, Optional<OffsetDateTime> windowEnd) {
        Optional<OffsetDateTime> next = nextAfter(moment, zone);
        if (windowEnd.isPresent() && (next.isEmpty() || next.get().isAfter(windowEnd.get()))) {
            return windowEnd.get();
        }
        return next.orElse(moment);
    }

    /** The expression cannot be read; the message completes "frequency.frequency …". */
    public static final class InvalidFrequency extends IllegalArgumentException {
        public InvalidFrequency(String message) {
            super(message);
        }
    }
}
