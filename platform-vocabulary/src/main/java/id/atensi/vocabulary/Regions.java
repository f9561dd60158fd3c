package id.atensi.vocabulary;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;

/**
 * The Ministry of Home Affairs' region codes (kode wilayah), from the idn-area data shipped beside this class under
 * ODbL 1.0 (idn-area/LICENSE.md): province {@code 32}, regency {@code 32.01}, district {@code 32.01.01}, village
 * {@code 32.01.01.2001}, each lying in the one above. Papua's 2022 split added provinces 93 to 96; NIKs issued
 * before keep 91 or 92, which stay in the list. Villages (about 84,000) are read on first use only.
 */
public final class Regions {

    /** A level of the hierarchy, with the field name an address or a location gives it. */
    public enum Level {
        PROVINCE("provinceCode", "32"),
        REGENCY("regencyCode", "32.01"),
        DISTRICT("districtCode", "32.01.01"),
        VILLAGE("villageCode", "32.01.01.1001");

        private final String field;
        private final String example;

        Level(String field, String example) {
            this.field = field;
            this.example = example;
        }

        public String field() {
            return field;
        }

        String example() {
            return example;
        }

        String word() {
            return name().toLowerCase();
        }
    }

    /** What is wrong with a region code, and at which level. */
    public record Problem(Level level, String message) {
    }

    private static final Table PROVINCES = Table.read("/idn-area/provinces.csv", false, true);
    private static final Table REGENCIES = Table.read("/idn-area/regencies.csv", true, true);
    private static final Table DISTRICTS = Table.read("/idn-area/districts.csv", true, false);

    private Regions() {
    }

    private static final class Villages {
        static final Table TABLE = Table.read("/idn-area/villages.csv", true, false);
    }

    public static boolean isProvince(String code) {
        return PROVINCES.names.containsKey(code);
    }

    public static boolean isRegency(String code) {
        return REGENCIES.parents.containsKey(code);
    }

    public static Optional<String> provinceName(String code) {
        return Optional.ofNullable(PROVINCES.names.get(code));
    }

    public static Optional<String> regencyName(String code) {
        return Optional.ofNullable(REGENCIES.names.get(code));
    }

    /** @return the province a regency lies in, when the regency exists */
    public static Optional<String> provinceOfRegency(String code) {
        return Optional.ofNullable(REGENCIES.parents.get(code));
    }

    /**
     * @return what is wrong with a region given from the top down; each given code must exist and lie in the one
     * above it, and a lower level needs the higher ones. Any suffix of the arguments may be null.
     */
    public static Optional<Problem> problem(String province, String regency, String district, String village) {
        if (province == null) {
            return missingAbove(Level.PROVINCE, regency, district, village);
        }
        if (!isProvince(province)) {
            return Optional.of(new Problem(Level.PROVINCE, province + " is not a province code (e.g. 32)"));
        }
        if (regency == null) {
            return missingAbove(Level.REGENCY, district, village);
        }
        Optional<Problem> problem = level(Level.REGENCY, regency, REGENCIES, province);
        if (problem.isPresent()) {
            return problem;
        }
        if (district == null) {
            return missingAbove(Level.DISTRICT, village);
        }
        problem = level(Level.DISTRICT, district, DISTRICTS, regency);
        if (problem.isPresent() || village == null) {
            return problem;
        }
        return level(Level.VILLAGE, village, Villages.TABLE, district);
    }

    private static Optional<Problem> missingAbove(Level missing, String... lower) {
        for (String code : lower) {
            if (code != null) {
                return Optional.of(new Problem(missing, "is required when a lower region is given"));
            }
        }
        return Optional.empty();
    }

    private static Optional<Problem> level(Level level, String code, Table table, String parent) {
        String actualParent = table.parents.get(code);
        if (actualParent == null) {
            return Optional.of(new Problem(level, code + " is not a " + level.word() + " code (e.g. " + level.example() + ")"));
        }
        if (!actualParent.equals(parent)) {
            return Optional.of(new Problem(level, code + " lies in " + actualParent + ", not in " + parent));
        }
        return Optional.empty();
    }

    /**
     * One CSV file of the data: code → parent code for the levels below the province, and code → name where the
     * platform shows names (provinces and regencies; districts' and villages' names would only cost memory).
     */
    private record Table(Map<String, String> names, Map<String, String> parents) {

        static Table read(String resource, boolean hasParent, boolean keepNames) {
            Map<String, String> names = new HashMap<>();
            Map<String, String> parents = new HashMap<>();
            try (InputStream input = Regions.class.getResourceAsStream(resource)) {
                if (input == null) {
                    throw new IllegalStateException(resource + " is missing from the classpath");
                }
                BufferedReader reader = new BufferedReader(new InputStreamReader(input, StandardCharsets.UTF_8));
                reader.readLine();
                for (String line = reader.readLine(); line != null; line = reader.readLine()) {
                    if (!line.isBlank()) {
                        String[] columns = line.split(",", 3);
                        String code = columns[0].trim();
                        if (hasParent) {
                            parents.put(code, columns[1].trim());
                        }
                        if (keepNames) {
                            names.put(code, columns[hasParent ? 2 : 1].trim());
                        }
                    }
                }
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
            return new Table(Map.copyOf(names), Map.copyOf(parents));
        }
    }
}
