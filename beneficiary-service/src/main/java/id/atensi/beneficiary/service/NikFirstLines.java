package id.atensi.beneficiary.service;

/**
 * The line on which each NIK of an import file first appears, for the whole file: the chunks of a job commit in any
 * order, so a NIK's repeat in a later chunk is found here, while the file is read in order, not by the database. A NIK
 * is 16 digits and fits a long, so a slot is 12 bytes in two primitive arrays (open addressing, linear probing) and a
 * NIK takes 20 to 40 bytes (the table is kept at most 60 % full), 24 MB for a file of 1,000,000 people, where a map of
 * strings would take ten times that.
 */
final class NikFirstLines {

    private static final float LOAD = 0.6f;

    // key + 1, so that 0 marks a free slot
    private long[] keys;
    private int[] lines;
    private int size;

    NikFirstLines() {
        keys = new long[1 << 12];
        lines = new int[1 << 12];
    }

    /**
     * Records that {@code nik} (16 digits) is on {@code line} unless it was seen before.
     *
     * @return the line it was first seen on, or 0 when this is the first time
     */
    int putIfAbsent(String nik, int line) {
        long key = Long.parseLong(nik) + 1;
        int mask = keys.length - 1;
        for (int slot = slot(key, mask); ; slot = (slot + 1) & mask) {
            if (keys[slot] == key) {
                return lines[slot];
            }
            if (keys[slot] == 0) {
                keys[slot] = key;
                lines[slot] = line;
                if (++size > keys.length * LOAD) {
                    grow();
                }
                return 0;
            }
        }
    }

    int size() {
        return size;
    }

    private static int slot(long key, int mask) {
        long h = key * 0x9E3779B97F4A7C15L;
        return (int) (h ^ (h >>> 32)) & mask;
    }

    private void grow() {
        long[] oldKeys = keys;
        int[] oldLines = lines;
        keys = new long[oldKeys.length * 2];
        lines = new int[oldKeys.length * 2];
        int mask = keys.length - 1;
        for (int i = 0; i < oldKeys.length; i++) {
            if (oldKeys[i] != 0) {
                int slot = slot(oldKeys[i], mask);
                while (keys[slot] != 0) {
                    slot = (slot + 1) & mask;
                }
                keys[slot] = oldKeys[i];
                lines[slot] = oldLines[i];
            }
        }
    }
}
