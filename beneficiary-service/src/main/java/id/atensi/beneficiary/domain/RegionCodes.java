package id.atensi.beneficiary.domain;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.function.BiConsumer;

/**
 * The Ministry of Home Affairs' region codes (idn-area data, ODbL: see idn-area/LICENSE.md): province
 * {@code 32}, regency {@code 32.01}, district {@code 32.01.01}, village {@code 32.01.01.2001}, each with its
 * parent. Villages (about 84,000) are read on first use only, so a service that never sees one pays nothing.
 */
public final class RegionCodes {

    private static final Map<String, String> PROVINCES = read("/idn-area/provinces.csv");
    private static final Map<String, String> REGENCIES = read("/idn-area/regencies.csv");
    private static final Map<String, String> DISTRICTS = read("/idn-area/districts.csv");

    private RegionCodes() {
    }

    private static final class Villages {
        static final Map<String, String> PARENTS = read("/idn-area/villages.csv");
    }

    /** A rejected address: the field to blame and why. */
    public record Problem(String field, String message) {
    }

    /**
     * @return what is wrong with an address; each given code must exist and lie in the one above it, and a
     * lower level needs the higher ones
     */
    public static Optional<Problem> problem(String province, String regency, String district, String village) {
        if (province == null) {
            if (regency != null || district != null || village != null) {
                return Optional.of(new Problem("address.provinceCode", "is required when a lower region is given"));
            }
            return Optional.empty();
        }
        if (!PROVINCES.containsKey(province)) {
            return Optional.of(new Problem("address.provinceCode", province + " is not a province code (e.g. 32)"));
        }
        Optional<Problem> problem = level("address.regencyCode", regency, REGENCIES, province, "regency", "32.01");
        if (problem.isPresent() || regency == null) {
            return problem.isPresent() ? problem : lower(district, village, "address.regencyCode");
        }
        problem = level("address.districtCode", district, DISTRICTS, regency, "district", "32.01.01");
        if (problem.isPresent() || district == null) {
            return problem.isPresent() ? problem : lower(null, village, "address.districtCode");
        }
        return level("address.villageCode", village, Villages.PARENTS, district, "village", "32.01.01.2001");
    }

    private static Optional<Problem> lower(String district, String village, String missing) {
        if (district != null || village != null) {
            return Optional.of(new Problem(missing, "is required when a lower region is given"));
        }
        return Optional.empty();
    }

    private static Optional<Problem> level(String field, String code, Map<String, String> parents, String parent, String what,
                                           String example) {
        if (code == null) {
            return Optional.empty();
        }
        String actualParent = parents.get(code);
        if (actualParent == null) {
            return Optional.of(new Problem(field, code + " is not a " + what + " code (e.g. " + example + ")"));
        }
        if (!actualParent.equals(parent)) {
            return Optional.of(new Problem(field, code + " lies in " + actualParent + ", not in " + parent));
        }
        return Optional.empty();
    }

    private static Map<String, String> read(String resource) {
        Map<String, String> parents = new HashMap<>();
        BiConsumer<String, String> put = parents::put;
        try (InputStream input = RegionCodes.class.getResourceAsStream(resource)) {
            if (input == null) {
                throw new IllegalStateException(resource + " is missing from the classpath");
            }
            BufferedReader reader = new BufferedReader(new InputStreamReader(input, StandardCharsets.UTF_8));
            reader.readLine();
            for (String line = reader.readLine(); line != null; line = reader.readLine()) {
                if (!line.isBlank()) {
                    int first = line.indexOf(',');
                    int second = line.indexOf(',', first + 1);
                    put.accept(line.substring(0, first).trim(), line.substring(first + 1, second < 0 ? line.length() : second).trim());
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return Map.copyOf(parents);
    }
}
