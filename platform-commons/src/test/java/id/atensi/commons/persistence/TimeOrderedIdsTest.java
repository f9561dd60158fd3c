package id.atensi.commons.persistence;

import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class TimeOrderedIdsTest {

    /** As PostgreSQL's uuid type orders them: by their bytes, unsigned, which is not UUID.compareTo's signed order. */
    private static int unsigned(UUID a, UUID b) {
        int high = Long.compareUnsigned(a.getMostSignificantBits(), b.getMostSignificantBits());
        return high != 0 ? high : Long.compareUnsigned(a.getLeastSignificantBits(), b.getLeastSignificantBits());
    }

    @Test
    void idsAreVersionSevenAndIncreaseInTheOrderTheyAreMade() {
        long before = System.currentTimeMillis();
        UUID previous = TimeOrderedIds.next();
        for (int i = 0; i < 200_000; i++) {
            UUID next = TimeOrderedIds.next();
            assertTrue(unsigned(previous, next) < 0, previous + " then " + next);
            previous = next;
        }
        long after = System.currentTimeMillis();
        assertEquals(7, previous.version());
        assertEquals(2, previous.variant());
        long millis = previous.getMostSignificantBits() >>> 16;
        assertTrue(millis >= before && millis <= after, "the id's millisecond " + millis + " lies in the test's " + before + "–" + after);
    }

    @Test
    void idsMadeOnManyThreadsAtOnceAreUniqueAndIncreaseOnEachThread() throws Exception {
        int threads = 8;
        int each = 50_000;
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        try {
            List<Future<List<UUID>>> made = new ArrayList<>();
            for (int t = 0; t < threads; t++) {
                made.add(pool.submit((Callable<List<UUID>>) () -> {
                    List<UUID> ids = new ArrayList<>(each);
                    for (int i = 0; i < each; i++) {
                        ids.add(TimeOrderedIds.next());
                    }
                    return ids;
                }));
            }
            Set<UUID> all = new HashSet<>();
            for (Future<List<UUID>> thread : made) {
                List<UUID> ids = thread.get();
                for (int i = 1; i < ids.size(); i++) {
                    assertTrue(unsigned(ids.get(i - 1), ids.get(i)) < 0, "each thread's ids increase");
                }
                all.addAll(ids);
            }
            assertEquals(threads * each, all.size(), "no id made twice");
        } finally {
            pool.shutdownNow();
        }
    }
}
