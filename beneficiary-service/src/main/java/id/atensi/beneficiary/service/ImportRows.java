package id.atensi.beneficiary.service;

import id.atensi.beneficiary.domain.Sex;
import id.atensi.commons.rest.Problem;
import id.atensi.commons.rest.ProblemException;
import id.atensi.commons.text.ControlCharacters;
import id.atensi.vocabulary.Cluster;

import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * The checks of an import row that need no database, as a person or as the row's field errors. The limits are the
 * registration request's ({@code rest.BeneficiaryRequest}), so a row is refused exactly when the same person typed
 * into the form would be.
 */
final class ImportRows {

    private static final Map<String, Integer> MAX_LENGTH = Map.of("fullName", 200, "birthPlace", 100, "addressLine", 300,
            "welfareId", 40, "provinceCode", 2, "regencyCode", 5, "districtCode", 8, "villageCode", 13, "clusters", 400);
    private static final Pattern DIGITS_16 = Pattern.compile("\\d{16}");
    private static final Pattern PHONE = Pattern.compile("\\+?[0-9]{8,15}");

    private ImportRows() {
    }

    /** A row that failed: its line, the field(s) at fault and why, never the row's content (it holds NIKs). */
    record Rejected(int line, String field, String reason) {
    }

    /** Either a person or the reasons the row is refused. */
    record Checked(int line, BeneficiaryService.Person person, Rejected rejected) {
    }

    static Checked check(ImportFile.Row row) {
        if (row.problem() != null) {
            return new Checked(row.line(), null, new Rejected(row.line(), row.field(), row.problem()));
        }
        List<Problem.FieldError> problems = new ArrayList<>();
        Map<String, String> cells = row.cells();
        String[] value = new String[ImportFile.COLUMNS.size()];
        for (int i = 0; i < value.length; i++) {
            String column = ImportFile.COLUMNS.get(i);
            String cell = cells.get(column);
            if (cell == null) {
                continue;
            }
            int refused = ControlCharacters.firstRefused(cell);
            if (refused >= 0) {
                problems.add(new Problem.FieldError(column, ControlCharacters.refusal(cell.charAt(refused))));
                continue;
            }
            Integer max = MAX_LENGTH.get(column);
            if (max != null && cell.length() > max) {
                problems.add(new Problem.FieldError(column, "is " + cell.length() + " characters long, at most " + max + " are allowed"));
                continue;
            }
            String stripped = cell.strip();
            value[i] = stripped.isEmpty() ? null : stripped;
        }
        String fullName = value[0];
        String nik = value[1];
        String kk = value[4];
        for (int i = 0; i < ImportFile.REQUIRED.size(); i++) {
            String column = ImportFile.REQUIRED.get(i);
            if (value[i] == null && problems.stream().noneMatch(p -> p.field().equals(column))) {
                problems.add(new Problem.FieldError(column, "is required"));
            }
        }
        LocalDate birthDate = null;
        if (value[2] != null) {
            try {
                birthDate = LocalDate.parse(value[2]);
            } catch (DateTimeParseException e) {
                problems.add(new Problem.FieldError("birthDate", "is not a date (yyyy-MM-dd)"));
            }
        }
        Sex sex = null;
        if (value[3] != null) {
            try {
                sex = Sex.valueOf(value[3].toUpperCase(Locale.ROOT));
            } catch (IllegalArgumentException e) {
                problems.add(new Problem.FieldError("sex", "must be MALE or FEMALE"));
            }
        }
        if (nik != null && !DIGITS_16.matcher(nik).matches()) {
            problems.add(new Problem.FieldError("nik", "must be exactly 16 digits"));
        }
        if (kk != null && !DIGITS_16.matcher(kk).matches()) {
            problems.add(new Problem.FieldError("kkNumber", "must be exactly 16 digits"));
        }
        if (value[11] != null && !PHONE.matcher(value[11]).matches()) {
            problems.add(new Problem.FieldError("phone", "must be 8 to 15 digits, optionally after +"));
        }
        Set<Cluster> clusters = new LinkedHashSet<>();
        if (value[13] != null) {
            for (String name : value[13].split(";")) {
                if (name.isBlank()) {
                    continue;
                }
                try {
                    clusters.add(Cluster.valueOf(name.strip().toUpperCase(Locale.ROOT)));
                } catch (IllegalArgumentException e) {
                    problems.add(new Problem.FieldError("clusters", "'" + name.strip() + "' is not one of " + Arrays.toString(Cluster.values())));
                }
            }
        }
        if (problems.isEmpty()) {
            boolean hasAddress = value[6] != null || value[7] != null || value[8] != null || value[9] != null || value[10] != null;
            BeneficiaryService.Person person = new BeneficiaryService.Person(fullName, nik, kk, value[5], birthDate, sex,
                    hasAddress ? new BeneficiaryService.Address(value[6], value[7], value[8], value[9], value[10]) : null,
                    value[11], value[12], clusters, Set.of(), null, null, null);
            try {
                BeneficiaryService.validate(person);
                return new Checked(row.line(), person, null);
            } catch (ProblemException e) {
                problems.addAll(e.fieldErrors());
            }
        }
        return new Checked(row.line(), null, rejected(row.line(), problems));
    }

    static Rejected rejected(int line, List<Problem.FieldError> problems) {
        return new Rejected(line, String.join(", ", problems.stream().map(Problem.FieldError::field).distinct().toList()),
                String.join("; ", problems.stream().map(p -> p.field() + ": " + p.message()).toList()));
    }
}
