package id.atensi.beneficiary.service;

import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** What a parallel import keeps without the database: the first line of each NIK in a file, and the committed spans. */
class ImportCommittedLinesTest {

    @Test
    void aNikIsKnownByItsFirstLineThroughGrowthAndEqualsAHashMap() {
        NikFirstLines firstLines = new NikFirstLines();
        Map<String, Integer> expected = new HashMap<>();
        Random random = new Random(20);
        for (int line = 2; line < 200_000; line++) {
            // few distinct NIKs in a narrow range: many repeats and many collisions of the probe
            String nik = "32010141089" + "%05d".formatted(random.nextInt(60_000));
            Integer first = expected.putIfAbsent(nik, line);
            assertEquals(first == null ? 0 : first, firstLines.putIfAbsent(nik, line), nik);
        }
        assertEquals(expected.size(), firstLines.size());
        assertEquals(0, firstLines.putIfAbsent("0000000000000000", 7));
        assertEquals(7, firstLines.putIfAbsent("0000000000000000", 9));
        assertEquals(0, firstLines.putIfAbsent("9999999999999999", 8));
        assertEquals(8, firstLines.putIfAbsent("9999999999999999", 10));
    }

    @Test
    void linesInsideACommittedSpanAreCommittedAndNoOthers() {
        List<int[]> spans = new ArrayList<>(List.of(new int[] {2, 11}, new int[] {22, 40}, new int[] {45, 45}));
        ImportService.CommittedLines committed = new ImportService.CommittedLines(spans);
        List<Integer> inside = new ArrayList<>();
        for (int line = 1; line <= 50; line++) {
            if (committed.contains(line)) {
                inside.add(line);
            }
        }
        List<Integer> expected = new ArrayList<>();
        for (int line = 2; line <= 11; line++) {
            expected.add(line);
        }
        for (int line = 22; line <= 40; line++) {
            expected.add(line);
        }
        expected.add(45);
        assertEquals(expected, inside);
        assertFalse(new ImportService.CommittedLines(List.of()).contains(1));
        assertTrue(new ImportService.CommittedLines(List.<int[]>of(new int[] {1, 1})).contains(1));
    }
}
