package id.atensi.beneficiary.domain;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.HashSet;
import java.util.Set;

/**
 * The Ministry of Home Affairs' province codes (idn-area data, ODbL: see idn-area/LICENSE.md).
 * Papua's 2022 split added codes 93 to 96; NIKs issued before keep 91 or 92, which stay in the list.
 */
public final class ProvinceCodes {

    private static final Set<String> CODES = load();

    private ProvinceCodes() {
    }

    public static boolean exists(String code) {
        return CODES.contains(code);
    }

    private static Set<String> load() {
        try (InputStream input = ProvinceCodes.class.getResourceAsStream("/idn-area/provinces.csv")) {
            if (input == null) {
                throw new IllegalStateException("idn-area/provinces.csv is missing from the classpath");
            }
            Set<String> codes = new HashSet<>();
            BufferedReader reader = new BufferedReader(new InputStreamReader(input, StandardCharsets.UTF_8));
            reader.readLine();
            for (String line = reader.readLine(); line != null; line = reader.readLine()) {
                if (!line.isBlank()) {
                    codes.add(line.substring(0, line.indexOf(',')).trim());
                }
            }
            return Set.copyOf(codes);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
