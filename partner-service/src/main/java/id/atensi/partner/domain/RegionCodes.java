package id.atensi.partner.domain;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.function.Consumer;

/**
 * The Ministry of Home Affairs' province ({@code 32}) and regency ({@code 32.02}) codes, from the
 * idn-area data shipped under ODbL (see idn-area/LICENSE.md). Organisations are registered today, so
 * unlike a NIK they are checked against the current list.
 */
public final class RegionCodes {

    private static final Map<String, String> PROVINCE_NAMES = new HashMap<>();
    private static final Map<String, String> REGENCY_PROVINCES = new HashMap<>();

    static {
        read("/idn-area/provinces.csv", columns -> PROVINCE_NAMES.put(columns[0], columns[1]));
        read("/idn-area/regencies.csv", columns -> REGENCY_PROVINCES.put(columns[0], columns[1]));
    }

    private RegionCodes() {
    }

    public static boolean isProvince(String code) {
        return PROVINCE_NAMES.containsKey(code);
    }

    public static Optional<String> provinceName(String code) {
        return Optional.ofNullable(PROVINCE_NAMES.get(code));
    }

    /** @return the province a regency lies in, when the regency exists */
    public static Optional<String> provinceOfRegency(String code) {
        return Optional.ofNullable(REGENCY_PROVINCES.get(code));
    }

    /** A province or a regency code, as an agreement's scope names regions. */
    public static boolean exists(String code) {
        return isProvince(code) || REGENCY_PROVINCES.containsKey(code);
    }

    /** A rejected location: the field to blame and why. */
    public record LocationProblem(String field, String message) {
    }

    /** @return what is wrong with a location given as a province and an optional regency; empty when it is valid */
    public static Optional<LocationProblem> locationProblem(String provinceCode, String regencyCode) {
        if (provinceCode == null || !isProvince(provinceCode)) {
            return Optional.of(new LocationProblem("provinceCode", "is not a province code of the Ministry of Home Affairs (e.g. 32)"));
        }
        if (regencyCode == null) {
            return Optional.empty();
        }
        Optional<String> province = provinceOfRegency(regencyCode);
        if (province.isEmpty()) {
            return Optional.of(new LocationProblem("regencyCode", "is not a regency code of the Ministry of Home Affairs (e.g. 32.02)"));
        }
        if (!province.get().equals(provinceCode)) {
            return Optional.of(new LocationProblem("regencyCode", "lies in province " + province.get() + ", not " + provinceCode));
        }
        return Optional.empty();
    }

    private static void read(String resource, Consumer<String[]> row) {
        try (InputStream input = RegionCodes.class.getResourceAsStream(resource)) {
            if (input == null) {
                throw new IllegalStateException(resource + " is missing from the classpath");
            }
            BufferedReader reader = new BufferedReader(new InputStreamReader(input, StandardCharsets.UTF_8));
            reader.readLine();
            for (String line = reader.readLine(); line != null; line = reader.readLine()) {
                if (!line.isBlank()) {
                    row.accept(line.split(",", -1));
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
