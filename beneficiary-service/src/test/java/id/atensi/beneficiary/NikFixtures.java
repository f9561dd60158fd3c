package id.atensi.beneficiary;

import id.atensi.local.SigningKeys;
import id.atensi.local.Tokens;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.time.Duration;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Valid NIKs that differ on every call, also across runs against a kept database: a woman born
 * 1990-08-05 (day 05 + 40 = 45) and a man born 1985-12-17, in district 32.01.01 (Kabupaten Bogor).
 */
public final class NikFixtures {

    public static final String WOMAN_BIRTH_DATE = "1990-08-05";
    public static final String MAN_BIRTH_DATE = "1985-12-17";
    public static final String FOREIGN_TOKEN = foreignToken();

    private static final AtomicInteger SERIAL = new AtomicInteger(ThreadLocalRandom.current().nextInt(1, 5000));

    private NikFixtures() {
    }

    public static String woman() {
        return "320101" + "450890" + serial();
    }

    public static String man() {
        return "320101" + "171285" + serial();
    }

    private static String serial() {
        return "%04d".formatted(SERIAL.getAndIncrement() % 9999 + 1);
    }

    private static String foreignToken() {
        try {
            SigningKeys otherKeys = SigningKeys.inDirectory(Files.createTempDirectory("foreign-keys"));
            return new Tokens(otherKeys).forRole("admin", Duration.ofMinutes(5));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
