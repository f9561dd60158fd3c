package id.atensi.beneficiary.service;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import id.atensi.commons.rest.ProblemException;
import org.dhatim.fastexcel.reader.Cell;
import org.dhatim.fastexcel.reader.CellType;
import org.dhatim.fastexcel.reader.ExcelReaderException;
import org.dhatim.fastexcel.reader.ReadableWorkbook;
import org.dhatim.fastexcel.reader.Sheet;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.NoSuchElementException;
import java.util.Set;
import java.util.stream.Stream;

/**
 * An uploaded import file: spooled to disk as it arrives (never held in memory whole), its header checked, and read
 * back row by row. CSV and XLSX have a header row naming the columns; JSON lines have one object per line whose keys
 * are the same names (line 1 is the first record).
 */
final class ImportFile {

    enum Format {
        CSV,
        XLSX,
        JSONL
    }

    /** The columns a file may have, in the order rows are described; the first four are required. */
    static final List<String> COLUMNS = List.of("fullName", "nik", "birthDate", "sex", "kkNumber", "birthPlace", "provinceCode",
            "regencyCode", "districtCode", "villageCode", "addressLine", "phone", "welfareId", "clusters");
    static final List<String> REQUIRED = COLUMNS.subList(0, 4);

    /** A row as read: its line (CSV, JSON lines) or row number (XLSX), its cells by column, or what makes it unreadable. */
    record Row(int line, Map<String, String> cells, String field, String problem) {

        static Row unreadable(int line, String field, String problem) {
            return new Row(line, Map.of(), field, problem);
        }
    }

    /** What spooling learnt of a file: where it is, its SHA-256, its header and how many rows it has. */
    record Spooled(Path path, String sha256, List<String> header, int rows) {
    }

    private ImportFile() {
    }

    /** Thrown when the body turns out larger than allowed though it declared no length. */
    static final class TooLarge extends RuntimeException {

        TooLarge() {
            super(null, null, false, false);
        }
    }

    /**
     * Copies the body to a file in {@code directory}, refusing it past {@code maxBytes}, and checks its header.
     *
     * @throws ProblemException 400 for an empty file, an unreadable workbook or a header with missing, unknown or
     *                          repeated columns (the file is deleted then)
     */
    static Spooled spool(Format format, InputStream body, Path directory, long maxBytes, ObjectMapper json) {
        Path file;
        MessageDigest sha;
        try {
            Files.createDirectories(directory);
            file = Files.createTempFile(directory, "import-", "." + format.name().toLowerCase());
            sha = MessageDigest.getInstance("SHA-256");
        } catch (IOException e) {
            throw new UncheckedIOException("import spool directory " + directory + " is not writable", e);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
        try {
            LineCounter lines = new LineCounter();
            long size = 0;
            try (OutputStream out = Files.newOutputStream(file)) {
                byte[] buffer = new byte[64 * 1024];
                for (int n; (n = body.read(buffer)) >= 0; ) {
                    size += n;
                    if (size > maxBytes) {
                        throw new TooLarge();
                    }
                    out.write(buffer, 0, n);
                    sha.update(buffer, 0, n);
                    if (format != Format.XLSX) {
                        lines.accept(buffer, n);
                    }
                }
            }
            lines.finish();
            String sha256 = HexFormat.of().formatHex(sha.digest());
            return switch (format) {
                case CSV -> new Spooled(file, sha256, csvHeader(file), Math.max(0, lines.nonBlank - 1));
                case JSONL -> new Spooled(file, sha256, jsonHeader(file, json), lines.nonBlank);
                case XLSX -> xlsx(file, sha256);
            };
        } catch (IOException e) {
            delete(file);
            throw new UncheckedIOException(e);
        } catch (RuntimeException e) {
            delete(file);
            throw e;
        }
    }

    static void delete(Path file) {
        try {
            Files.deleteIfExists(file);
        } catch (IOException ignored) {
            // a leftover in the spool directory costs disk only; the job's state is in the database
        }
    }

    /** Counts lines holding anything but blanks, byte by byte (UTF-8 keeps ASCII bytes apart from the rest). */
    private static final class LineCounter {
        int nonBlank;
        boolean content;

        void accept(byte[] bytes, int length) {
            for (int i = 0; i < length; i++) {
                byte b = bytes[i];
                if (b == '\n') {
                    nonBlank += content ? 1 : 0;
                    content = false;
                } else if (b != ' ' && b != '\t' && b != '\r') {
                    content = true;
                }
            }
        }

        /** The last line, when the file does not end with a line break. */
        void finish() {
            nonBlank += content ? 1 : 0;
            content = false;
        }
    }

    private static List<String> csvHeader(Path file) throws IOException {
        try (BufferedReader reader = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            String first = reader.readLine();
            if (first == null || first.isBlank()) {
                throw empty();
            }
            return checkedHeader(Csv.split(stripBom(first)).stream().map(String::strip).toList());
        } catch (java.nio.charset.MalformedInputException e) {
            throw ProblemException.invalidField("file", "is not UTF-8 text");
        }
    }

    private static List<String> jsonHeader(Path file, ObjectMapper json) throws IOException {
        try (BufferedReader reader = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            String first;
            do {
                first = reader.readLine();
            } while (first != null && first.isBlank());
            if (first == null) {
                throw empty();
            }
            JsonNode node;
            try {
                node = json.readTree(stripBom(first));
            } catch (JsonProcessingException e) {
                node = null;
            }
            if (node == null || !node.isObject()) {
                throw ProblemException.invalidField("file", "the first line is not a JSON object: one object per line is expected");
            }
            List<String> keys = new ArrayList<>();
            node.fieldNames().forEachRemaining(keys::add);
            List<String> unknown = keys.stream().filter(key -> !COLUMNS.contains(key)).toList();
            if (!unknown.isEmpty()) {
                throw ProblemException.invalidField("file", "the first record has unknown field(s) " + unknown + "; the fields are " + COLUMNS);
            }
            return COLUMNS;
        } catch (java.nio.charset.MalformedInputException e) {
            throw ProblemException.invalidField("file", "is not UTF-8 text");
        }
    }

    private static Spooled xlsx(Path file, String sha256) {
        List<String> header;
        int rows = 0;
        try (XlsxRows sheet = new XlsxRows(file, 0)) {
            while (sheet.hasNext()) {
                sheet.next();
                rows++;
            }
            header = sheet.header;
        }
        if (header == null) {
            throw empty();
        }
        return new Spooled(file, sha256, checkedHeader(header), rows);
    }

    private static ProblemException empty() {
        return ProblemException.invalidField("file", "is empty: a header row and one row per person are expected");
    }

    private static String stripBom(String line) {
        return line.startsWith("\uFEFF") ? line.substring(1) : line;
    }

    private static List<String> checkedHeader(List<String> header) {
        if (header.stream().allMatch(String::isBlank)) {
            throw empty();
        }
        List<String> missing = REQUIRED.stream().filter(column -> !header.contains(column)).toList();
        if (!missing.isEmpty()) {
            throw ProblemException.invalidField("file", "the header lacks column(s) " + missing + "; the columns are " + COLUMNS);
        }
        List<String> unknown = header.stream().filter(column -> !COLUMNS.contains(column)).toList();
        if (!unknown.isEmpty()) {
            throw ProblemException.invalidField("file", "the header has unknown column(s) " + unknown + "; the columns are " + COLUMNS);
        }
        Set<String> seen = new LinkedHashSet<>();
        List<String> repeated = header.stream().filter(column -> !seen.add(column)).distinct().toList();
        if (!repeated.isEmpty()) {
            throw ProblemException.invalidField("file", "the header names column(s) " + repeated + " more than once");
        }
        return header;
    }

    /** The rows after {@code afterLine}, read from the spooled file; close it to release the file. */
    static RowReader rows(Format format, Path file, List<String> header, int afterLine, ObjectMapper json) {
        return switch (format) {
            case CSV -> new TextRows(file, afterLine, true, line -> csvRow(header, line));
            case JSONL -> new TextRows(file, afterLine, false, line -> jsonRow(json, line));
            case XLSX -> new XlsxRows(file, afterLine);
        };
    }

    interface RowReader extends Iterator<Row>, AutoCloseable {
        @Override
        void close();
    }

    private interface LineParser {
        Map<String, String> parse(String line) throws RowProblem;
    }

    private static final class RowProblem extends Exception {
        final String field;

        RowProblem(String field, String message) {
            super(message, null, false, false);
            this.field = field;
        }
    }

    private static Map<String, String> csvRow(List<String> header, String line) throws RowProblem {
        List<String> cells = Csv.split(line);
        if (cells.size() != header.size()) {
            throw new RowProblem("row", "has " + cells.size() + " columns, the header " + header.size());
        }
        Map<String, String> row = new LinkedHashMap<>();
        for (int i = 0; i < header.size(); i++) {
            row.put(header.get(i), cells.get(i));
        }
        return row;
    }

    private static Map<String, String> jsonRow(ObjectMapper json, String line) throws RowProblem {
        JsonNode node;
        try {
            node = json.readTree(line);
        } catch (JsonProcessingException e) {
            throw new RowProblem("row", "is not valid JSON");
        }
        if (node == null || !node.isObject()) {
            throw new RowProblem("row", "is not a JSON object");
        }
        Map<String, String> row = new LinkedHashMap<>();
        Iterator<Map.Entry<String, JsonNode>> fields = node.fields();
        while (fields.hasNext()) {
            Map.Entry<String, JsonNode> field = fields.next();
            if (!COLUMNS.contains(field.getKey())) {
                throw new RowProblem(field.getKey(), "is not a field of a person; the fields are " + COLUMNS);
            }
            JsonNode value = field.getValue();
            if (value.isNull()) {
                continue;
            }
            if (value.isArray()) {
                List<String> items = new ArrayList<>();
                value.forEach(item -> items.add(item.asText()));
                row.put(field.getKey(), String.join(";", items));
            } else if (value.isValueNode()) {
                row.put(field.getKey(), value.asText());
            } else {
                throw new RowProblem(field.getKey(), "must be text");
            }
        }
        return row;
    }

    /** CSV or JSON lines, a line at a time; blank lines are skipped but counted. */
    private static final class TextRows implements RowReader {

        private final BufferedReader reader;
        private final int afterLine;
        private final LineParser parser;
        private int line;
        private Row next;

        TextRows(Path file, int afterLine, boolean hasHeader, LineParser parser) {
            try {
                this.reader = Files.newBufferedReader(file, StandardCharsets.UTF_8);
                if (hasHeader) {
                    reader.readLine();
                    line = 1;
                }
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
            this.afterLine = afterLine;
            this.parser = parser;
        }

        @Override
        public boolean hasNext() {
            while (next == null) {
                String text;
                try {
                    text = reader.readLine();
                } catch (java.nio.charset.MalformedInputException e) {
                    // the rest of the file cannot be decoded either: one rejection for the line where it stops
                    line++;
                    next = Row.unreadable(line, "row", "is not UTF-8 text; the file was read up to here");
                    try {
                        reader.skip(Long.MAX_VALUE);
                    } catch (IOException ignored) {
                        // nothing more is read in any case
                    }
                    return true;
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
                if (text == null) {
                    return false;
                }
                line++;
                if (line <= afterLine || text.isBlank()) {
                    continue;
                }
                try {
                    next = new Row(line, parser.parse(text), null, null);
                } catch (RowProblem problem) {
                    next = Row.unreadable(line, problem.field, problem.getMessage());
                }
            }
            return true;
        }

        @Override
        public Row next() {
            if (!hasNext()) {
                throw new NoSuchElementException();
            }
            Row row = next;
            next = null;
            return row;
        }

        @Override
        public void close() {
            try {
                reader.close();
            } catch (IOException ignored) {
                // read only
            }
        }
    }

    /**
     * The first sheet of an XLSX workbook, streamed. Cells are taken as text; a number is written out in full, and a
     * number in the birthDate column is read as the date the spreadsheet shows (typing a NIK as a number loses digits
     * in the spreadsheet itself: such rows fail the NIK rules). Rows are numbered as the spreadsheet shows them.
     */
    private static final class XlsxRows implements RowReader {

        private final ReadableWorkbook workbook;
        private final Stream<org.dhatim.fastexcel.reader.Row> stream;
        private final Iterator<org.dhatim.fastexcel.reader.Row> rows;
        private final int afterLine;
        private List<String> header;
        private Row next;

        XlsxRows(Path file, int afterLine) {
            try {
                workbook = new ReadableWorkbook(file.toFile());
                Sheet first = workbook.getFirstSheet();
                stream = first.openStream();
                rows = stream.iterator();
            } catch (IOException | UncheckedIOException | ExcelReaderException e) {
                throw ProblemException.invalidField("file", "is not a readable XLSX workbook");
            }
            this.afterLine = afterLine;
        }

        @Override
        public boolean hasNext() {
            try {
                while (next == null && rows.hasNext()) {
                    org.dhatim.fastexcel.reader.Row row = rows.next();
                    if (header == null) {
                        List<String> cells = new ArrayList<>();
                        for (int i = 0; i < row.getCellCount(); i++) {
                            cells.add(text(row.getCell(i), false).strip());
                        }
                        while (!cells.isEmpty() && cells.get(cells.size() - 1).isBlank()) {
                            cells.remove(cells.size() - 1);
                        }
                        header = cells;
                        continue;
                    }
                    if (row.getRowNum() <= afterLine) {
                        continue;
                    }
                    Map<String, String> cells = new LinkedHashMap<>();
                    boolean blank = true;
                    String beyond = null;
                    for (int i = 0; i < row.getCellCount(); i++) {
                        String value = text(row.getCell(i), i < header.size() && header.get(i).equals("birthDate"));
                        blank &= value.isBlank();
                        if (i < header.size()) {
                            cells.put(header.get(i), value);
                        } else if (!value.isBlank()) {
                            beyond = "has a value in column " + (i + 1) + ", beyond the header's " + header.size();
                        }
                    }
                    if (blank) {
                        continue;
                    }
                    next = beyond != null ? Row.unreadable(row.getRowNum(), "row", beyond) : new Row(row.getRowNum(), cells, null, null);
                }
                return next != null;
            } catch (UncheckedIOException | ExcelReaderException e) {
                throw ProblemException.invalidField("file", "is not a readable XLSX workbook");
            }
        }

        @Override
        public Row next() {
            if (!hasNext()) {
                throw new NoSuchElementException();
            }
            Row row = next;
            next = null;
            return row;
        }

        private static String text(Cell cell, boolean date) {
            if (cell == null || cell.getType() == CellType.EMPTY) {
                return "";
            }
            if (cell.getType() == CellType.NUMBER) {
                return date ? cell.asDate().toLocalDate().toString() : cell.asNumber().stripTrailingZeros().toPlainString();
            }
            return cell.getText();
        }

        @Override
        public void close() {
            stream.close();
            try {
                workbook.close();
            } catch (IOException ignored) {
                // read only
            }
        }
    }

    /** Minimal RFC 4180 line splitting: commas, double-quoted cells with "" for a quote. No line breaks inside cells. */
    static final class Csv {

        private Csv() {
        }

        static List<String> split(String line) {
            List<String> cells = new ArrayList<>();
            StringBuilder cell = new StringBuilder();
            boolean quoted = false;
            for (int i = 0; i < line.length(); i++) {
                char c = line.charAt(i);
                if (quoted) {
                    if (c == '"' && i + 1 < line.length() && line.charAt(i + 1) == '"') {
                        cell.append('"');
                        i++;
                    } else if (c == '"') {
                        quoted = false;
                    } else {
                        cell.append(c);
                    }
                } else if (c == '"') {
                    quoted = true;
                } else if (c == ',') {
                    cells.add(cell.toString());
                    cell.setLength(0);
                } else {
                    cell.append(c);
                }
            }
            cells.add(cell.toString());
            return cells;
        }
    }
}
