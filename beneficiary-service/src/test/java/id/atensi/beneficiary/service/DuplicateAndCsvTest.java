package id.atensi.beneficiary.service;

import org.junit.jupiter.api.Test;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;

class DuplicateAndCsvTest {

    @Test
    void editDistanceCountsInsertionsDeletionsAndSubstitutions() {
        assertEquals(0, DuplicateService.distance("siti", "siti"));
        assertEquals(1, DuplicateService.distance("siti rohmah", "siti rokhmah"));
        assertEquals(3, DuplicateService.distance("nur aini", "nur aeni k"));
        assertEquals(4, DuplicateService.distance("", "abcd"));
    }

    @Test
    void csvCellsMayBeQuotedWithCommasAndQuotesInside() {
        assertEquals(List.of("a", "b, c", "say \"hi\"", ""), ImportFile.Csv.split("a,\"b, c\",\"say \"\"hi\"\"\","));
    }
}
