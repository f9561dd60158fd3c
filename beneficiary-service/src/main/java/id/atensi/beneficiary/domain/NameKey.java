package id.atensi.beneficiary.domain;

import java.text.Normalizer;
import java.util.Locale;
import java.util.regex.Pattern;

/**
 * A name folded so that spellings of the same name meet: lower case, no accents, punctuation as spaces,
 * Indonesian pre-1972 spellings folded to today's (oe → u, dj → j, tj → c, sj → sy, ch → kh) and doubled
 * letters made single. "SITI NURHALIZA", "Siti Nurhalizza" and "siti nurhaliza" share one key, as do
 * "Soekarno" and "Sukarno", "Djoko" and "Joko".
 */
public final class NameKey {

    // compiled once: String.replaceAll compiles its pattern again on every call
    private static final Pattern MARKS = Pattern.compile("\\p{M}");
    private static final Pattern NOT_ALPHANUMERIC = Pattern.compile("[^a-z0-9]+");
    private static final Pattern DOUBLED = Pattern.compile("([a-z])\\1+");

    private NameKey() {
    }

    public static String of(String name) {
        if (name == null) {
            return "";
        }
        String text = MARKS.matcher(Normalizer.normalize(name, Normalizer.Form.NFD)).replaceAll("").toLowerCase(Locale.ROOT);
        text = NOT_ALPHANUMERIC.matcher(text).replaceAll(" ").strip();
        text = text.replace("oe", "u").replace("dj", "j").replace("tj", "c").replace("sj", "sy").replace("ch", "kh");
        text = DOUBLED.matcher(text).replaceAll("$1");
        return text;
    }
}
