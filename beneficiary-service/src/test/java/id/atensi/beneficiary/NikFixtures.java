package id.atensi.beneficiary;

import id.atensi.local.SigningKeys;
import id.atensi.local.Tokens;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.time.Duration;

/**
 * Valid NIKs that differ on every call, also across runs against a kept database: a woman born
 * 1990-08-05 (day 05 + 40 = 45) and a man born 1985-12-17, in district 32.01.01 (Kabupaten Bogor).
 */
public final class NikFixtures {

    public static final String WOMAN_BIRTH_DATE = "1990-08-05";
    public static final String MAN_BIRTH_DATE = "1985-12-17";
    public static final String FOREIGN_TOKEN = foreignToken();

    /**
     * One counter for the whole test JVM, kept as a string in its system properties. Quarkus loads test classes again
     * for each application start (another test resource or profile), and a static counter per class loader, each from
     * its own random start, handed out NIKs another start had registered already: an import then counted those rows as
     * unchanged. Only strings go there: Narayana reads every system property as one.
     */
    private static final String SERIAL = "atensi-test-fixtures.nik-serial";

    private NikFixtures() {
    }

    public static String woman() {
        return "320101" + "450890" + serial();
    }

    public static String man() {
        return "320101" + "171285" + serial();
    }

    private static String serial() {
        return "%04d".formatted(JvmCounter.next(SERIAL, 5000) % 9999 + 1);
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
