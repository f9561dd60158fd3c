package id.atensi.gateway.request;

import org.junit.jupiter.api.Test;

import java.net.URI;
import java.net.URISyntaxException;
import java.util.Random;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The character scan that replaced parsing every target as a java.net.URI refuses exactly what that parse refused. The
 * checks before the scan did not change, and a target the scan does not take still goes to java.net.URI; so the
 * verdicts can only differ where the scan takes a target on its own, and random targets (fixed seed) show java.net.URI
 * takes every one of those.
 */
class RequestTargetTest {

    private static final long SEED = 20261205L;
    private static final int CASES = 50_000;
    private static final String COMMON = "abz09-_./?=&%4F";
    /** Every visible ASCII character, with the ones that make or break escapes and paths more often than the rest. */
    private static final String ALPHABET;

    static {
        StringBuilder alphabet = new StringBuilder();
        for (char c = 0x21; c < 0x7f; c++) {
            alphabet.append(c);
        }
        ALPHABET = alphabet + "%%%%////??aF09" + "abcdef";
    }

    @Test
    void theScanRefusesExactlyWhatJavaNetUriRefused() {
        Random random = new Random(SEED);
        int takenByTheScan = 0;
        int refused = 0;
        for (int n = 0; n < CASES; n++) {
            String target = randomTarget(random);
            String actual = RequestTarget.problemWith(target);
            if (RequestTarget.isPlainOriginForm(target)) {
                takenByTheScan++;
                assertTrue(javaNetUriTakes(target), "seed " + SEED + ", case " + n + ": the scan took a target java.net.URI refuses: " + target);
                assertNull(actual, "seed " + SEED + ", case " + n + ": " + target);
            }
            if (actual != null) {
                refused++;
            }
        }
        // Both sides of the comparison are exercised, not only one.
        assertTrue(takenByTheScan > CASES / 10, "targets the scan took on its own: " + takenByTheScan);
        assertTrue(refused > CASES / 10, "targets refused: " + refused);
    }

    @Test
    void usualTargetsAreTakenByTheScanAlone() {
        for (String target : new String[] {"/", "/api/v1/beneficiaries/7d1c0a2e-1111-4222-8333-944445555666",
                "/api/v1/beneficiaries?nik=3171234567890123&page=2&size=20", "/a/b;c=d/%2F?x=[1]&y=%41",
                "/api/v1/aid/programmes/1/distributions?status=PROPOSED,APPROVED&sort=-createdAt"}) {
            assertTrue(RequestTarget.isPlainOriginForm(target), target);
            assertNull(RequestTarget.problemWith(target), target);
        }
    }

    @Test
    void brokenTargetsAreRefusedAsBefore() {
        for (String target : new String[] {"/a%2", "/a%zz", "/a%", "/a|b", "/a{b}", "/a\"b", "/a<b>", "/a\\b", "/a^b",
                "/a`b", "/a?b|c", "/a[b]", "/a#frag", "api/v1", "*", "/caf\u00e9", "/a b"}) {
            assertFalse(RequestTarget.isPlainOriginForm(target), target);
            assertNotNull(RequestTarget.problemWith(target), target);
        }
    }

    @Test
    void absoluteAndAuthorityFormsAreLeftToJavaNetUri() {
        for (String target : new String[] {"http://gateway.local/api/v1/aid", "HTTPS://gateway.local:8443/a?b=c", "//gateway.local/a",
                "//host:port/x"}) {
            assertFalse(RequestTarget.isPlainOriginForm(target), target);
            assertNull(RequestTarget.problemWith(target), target);
        }
    }

    private static String randomTarget(Random random) {
        StringBuilder target = new StringBuilder();
        int start = random.nextInt(10);
        target.append(start == 0 ? "//" : start == 1 ? "http://h" : start == 2 ? "" : "/");
        int length = random.nextInt(24);
        for (int i = 0; i < length; i++) {
            // Mostly path-like text with an occasional character from anywhere, so that many targets are valid.
            if (random.nextInt(6) == 0) {
                target.append(ALPHABET.charAt(random.nextInt(ALPHABET.length())));
            } else {
                target.append(COMMON.charAt(random.nextInt(COMMON.length())));
            }
        }
        return target.toString();
    }

    private static boolean javaNetUriTakes(String target) {
        try {
            new URI(target);
            return true;
        } catch (URISyntaxException e) {
            return false;
        }
    }
}
