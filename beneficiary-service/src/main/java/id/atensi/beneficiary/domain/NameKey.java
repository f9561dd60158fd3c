package id.atensi.beneficiary.domain;

import java.text.Normalizer;
import java.util.Locale;

/**
 * A name folded so that spellings of the same name meet: lower case, no accents, punctuation as spaces,
 * Indonesian pre-1972 spellings folded to today's (oe → u, dj → j, tj → c, sj → sy, ch → kh) and doubled
 * letters made single. "SITI NURHALIZA", "Siti Nurhalizza" and "siti nurhaliza" share one key, as do
 * "Soekarno" and "Sukarno", "Djoko" and "Joko".
 */
public final class NameKey {

    private NameKey() {
    }

    public static String of(String name) {
        if (name == null) {
            return "";
        }
        String text = Normalizer.normalize(name, Normalizer.Form.NFD).replaceAll("\\p{M}", "").toLowerCase(Locale.ROOT);
        text = text.replaceAll("[^a-z0-9]+", " ").strip();
        text = text.replace("oe", "u").replace("dj", "j").replace("tj", "c").replace("sj", "sy").replace("ch", "kh");
        text = text.replaceAll("([a-z])\\1+", "$1");
        return text;
    }
}
