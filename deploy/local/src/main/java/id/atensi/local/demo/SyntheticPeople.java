package id.atensi.local.demo;

import jakarta.json.Json;
import jakarta.json.JsonObject;
import jakarta.json.JsonReader;
import jakarta.json.JsonString;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Random;
import java.util.Set;

/**
 * The demo's synthetic beneficiaries: plausible Indonesian names, addresses at real region codes (platform-vocabulary's
 * idn-area data) spread over every province, and NIKs that follow the rules beneficiary-service checks (the district of
 * the address, the birth date as DDMMYY with 40 added to a woman's day, a serial that is not 0000). Made from a fixed
 * seed with {@link Random}, whose sequence the Java specification fixes, so every machine gets the same people.
 */
public final class SyntheticPeople {

    /** The seed of the demo: changing it gives other people, so every installation's demo would differ from the docs'. */
    public static final long SEED = 20_240_126L;
    public static final int COUNT = 2_000;

    private static final DateTimeFormatter DDMMYY = DateTimeFormatter.ofPattern("ddMMyy");
    private static final LocalDate OLDEST = LocalDate.of(1945, 1, 1);
    private static final LocalDate YOUNGEST = LocalDate.of(2012, 12, 31);
    private static final List<String> CLUSTERS = List.of("PERSONS_WITH_DISABILITIES", "ELDERLY", "CHILDREN", "SOCIAL_EXCLUSION",
            "SUBSTANCE_ABUSE_VICTIMS", "TRAFFICKING_VICTIMS", "DISASTER_AFFECTED");

    /** One synthetic person, with what a beneficiary import row takes. */
    public record Person(String fullName, String nik, LocalDate birthDate, String sex, String birthPlace, String provinceCode,
                         String regencyCode, String districtCode, String villageCode, String addressLine, String cluster) {
    }

    private record Region(String code, String parent, String name) {
    }

    private SyntheticPeople() {
    }

    /** The demo's {@link #COUNT} people of seed {@link #SEED}. */
    public static List<Person> demo() {
        return generate(SEED, COUNT);
    }

    public static List<Person> generate(long seed, int count) {
        JsonObject names = names();
        List<String> male = strings(names, "maleGiven");
        List<String> female = strings(names, "femaleGiven");
        List<String> family = strings(names, "family");
        List<String> streets = strings(names, "streets");
        List<Region> provinces = read("/idn-area/provinces.csv", false);
        Map<String, List<Region>> regencies = byParent(read("/idn-area/regencies.csv", true));
        Map<String, List<Region>> districts = byParent(read("/idn-area/districts.csv", true));
        Map<String, List<Region>> villages = byParent(read("/idn-area/villages.csv", true));

        Random random = new Random(seed);
        Set<String> niks = new HashSet<>();
        List<Person> people = new ArrayList<>(count);
        long days = YOUNGEST.toEpochDay() - OLDEST.toEpochDay();
        for (int i = 0; i < count; i++) {
            // Round the provinces first, so that even a few hundred people reach every one of them.
            Region province = provinces.get(i % provinces.size());
            Region regency = pick(random, regencies.get(province.code()));
            Region district = pick(random, districts.get(regency.code()));
            List<Region> districtVillages = villages.get(district.code());
            Region village = districtVillages == null ? null : pick(random, districtVillages);
            boolean woman = random.nextBoolean();
            LocalDate birthDate = OLDEST.plusDays(random.nextInt((int) days + 1));
            String given = pick(random, woman ? female : male);
            String fullName = random.nextInt(5) == 0 ? given : given + " " + pick(random, family);
            String nik = nik(district.code(), birthDate, woman, 1 + random.nextInt(9_998), niks);
            String addressLine = pick(random, streets) + " No. " + (1 + random.nextInt(150));
            people.add(new Person(fullName, nik, birthDate, woman ? "FEMALE" : "MALE", titleCase(regency.name()), province.code(),
                    regency.code(), district.code(), village == null ? null : village.code(), addressLine, pick(random, CLUSTERS)));
        }
        return List.copyOf(people);
    }

    /** 6 digits of the district, DDMMYY (day + 40 for a woman), a 4-digit serial: the next free one when taken. */
    static String nik(String districtCode, LocalDate birthDate, boolean woman, int serial, Set<String> taken) {
        String date = birthDate.format(DDMMYY);
        if (woman) {
            date = String.format("%02d", birthDate.getDayOfMonth() + 40) + date.substring(2);
        }
        String prefix = districtCode.replace(".", "") + date;
        int candidate = serial;
        while (!taken.add(prefix + String.format("%04d", candidate))) {
            candidate = candidate % 9_999 + 1;
        }
        return prefix + String.format("%04d", candidate);
    }

    private static <T> T pick(Random random, List<T> values) {
        return values.get(random.nextInt(values.size()));
    }

    /** "KABUPATEN ACEH SELATAN" → "Aceh Selatan", as a birth place is written. */
    private static String titleCase(String regencyName) {
        String name = regencyName.replaceFirst("^(KABUPATEN|KOTA ADMINISTRASI|KOTA) ", "");
        StringBuilder out = new StringBuilder();
        for (String word : name.toLowerCase(Locale.ROOT).split(" ")) {
            if (!word.isEmpty()) {
                out.append(out.isEmpty() ? "" : " ").append(Character.toUpperCase(word.charAt(0))).append(word.substring(1));
            }
        }
        return out.toString();
    }

    private static JsonObject names() {
        try (InputStream in = resource("/demo/people.json"); JsonReader reader = Json.createReader(in)) {
            return reader.readObject();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static List<String> strings(JsonObject names, String member) {
        return names.getJsonArray(member).getValuesAs(JsonString::getString);
    }

    private static List<Region> read(String resource, boolean hasParent) {
        List<Region> regions = new ArrayList<>();
        try (BufferedReader lines = new BufferedReader(new InputStreamReader(resource(resource), StandardCharsets.UTF_8))) {
            lines.readLine();
            String line;
            while ((line = lines.readLine()) != null) {
                if (line.isBlank()) {
                    continue;
                }
                String[] fields = line.split(",", 3);
                regions.add(hasParent ? new Region(fields[0], fields[1], unquote(fields[2])) : new Region(fields[0], null, unquote(fields[1])));
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return regions;
    }

    private static String unquote(String field) {
        return field.length() > 1 && field.startsWith("\"") && field.endsWith("\"") ? field.substring(1, field.length() - 1).replace("\"\"", "\"") : field;
    }

    private static Map<String, List<Region>> byParent(List<Region> regions) {
        Map<String, List<Region>> children = new LinkedHashMap<>();
        for (Region region : regions) {
            children.computeIfAbsent(region.parent(), parent -> new ArrayList<>()).add(region);
        }
        return children;
    }

    private static InputStream resource(String name) {
        InputStream in = SyntheticPeople.class.getResourceAsStream(name);
        if (in == null) {
            throw new IllegalStateException(name + " is not on the classpath (platform-vocabulary brings the region data)");
        }
        return in;
    }
}
