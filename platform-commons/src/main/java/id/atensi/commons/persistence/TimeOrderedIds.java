package id.atensi.commons.persistence;

import com.fasterxml.uuid.Generators;
import com.fasterxml.uuid.NoArgGenerator;

import java.util.UUID;

/**
 * Ids of new rows keyed by UUID (a service's people and what is written with them, every service's outbox events):
 * time-ordered UUIDs (version 7, RFC 9562), the millisecond of their making first, random bits after, each greater than
 * the one before in this process while the system clock does not step back. A B-tree on a random (version 4) id inserts
 * each new key at a random leaf, so that at 1,000,000 rows every insert into the primary key, a UNIQUE index or a child
 * table's index dirties a page of its own, read back from disk when the cache does not hold the index and written again
 * (whole, after each checkpoint); a time-ordered id inserts at the right edge, into the few pages the last inserts
 * dirtied already (bench/RESULTS.md, session 15). The price: an id tells when its record was made, to the millisecond
 * (docs/api-conventions.md, "Ids"). One generator for the process, so that ids made on any thread increase together.
 */
public final class TimeOrderedIds {

    private static final NoArgGenerator GENERATOR = Generators.timeBasedEpochGenerator();

    private TimeOrderedIds() {
    }

    /**
     * A new id. Serialised here because the generator reads the clock before its own lock: a thread that read the
     * clock a millisecond earlier but took the lock later would start that millisecond again with new random bits,
     * below ids already made (TimeOrderedIdsTest saw it on 8 threads).
     */
    public static synchronized UUID next() {
        return GENERATOR.generate();
    }
}
