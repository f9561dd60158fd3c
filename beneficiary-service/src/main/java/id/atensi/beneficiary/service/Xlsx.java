package id.atensi.beneficiary.service;

import id.atensi.commons.rest.ProblemException;
import org.dhatim.fastexcel.reader.Cell;
import org.dhatim.fastexcel.reader.CellType;
import org.dhatim.fastexcel.reader.ExcelReaderException;
import org.dhatim.fastexcel.reader.ReadableWorkbook;
import org.dhatim.fastexcel.reader.Row;
import org.dhatim.fastexcel.reader.Sheet;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

/**
 * Reads the first sheet of an XLSX workbook into import rows, numbered as the spreadsheet shows them. Cells are
 * taken as text; a number is written out in full, and a number in the birthDate column is read as the date the
 * spreadsheet shows (typing a NIK as a number loses digits in the spreadsheet itself: such rows fail the NIK rules).
 */
final class Xlsx {

    private Xlsx() {
    }

    static List<ImportService.Row> rows(InputStream xlsx) {
        try (ReadableWorkbook workbook = new ReadableWorkbook(xlsx)) {
            Sheet first = workbook.getFirstSheet();
            List<ImportService.Row> rows = new ArrayList<>();
            int birthDate = -1;
            int width = 0;
            try (Stream<Row> sheet = first.openStream()) {
                for (Row row : (Iterable<Row>) sheet::iterator) {
                    List<String> cells = new ArrayList<>();
                    for (int i = 0; i < row.getCellCount(); i++) {
                        cells.add(text(row.getCell(i), i == birthDate));
                    }
                    if (rows.isEmpty()) {
                        birthDate = cells.indexOf("birthDate");
                        while (!cells.isEmpty() && cells.get(cells.size() - 1).isBlank()) {
                            cells.remove(cells.size() - 1);
                        }
                        width = cells.size();
                    } else if (cells.stream().allMatch(String::isBlank)) {
                        continue;
                    }
                    // a spreadsheet leaves out empty trailing cells; a row is as wide as its header
                    while (cells.size() < width) {
                        cells.add("");
                    }
                    while (cells.size() > width && cells.get(cells.size() - 1).isBlank()) {
                        cells.remove(cells.size() - 1);
                    }
                    rows.add(new ImportService.Row(row.getRowNum(), cells));
                }
            }
            return rows;
        } catch (IOException | UncheckedIOException | ExcelReaderException e) {
            throw ProblemException.invalidField("file", "is not a readable XLSX workbook");
        }
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
}
