package id.atensi.beneficiary.domain;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;

class NameKeyTest {

    @Test
    void namesMeetAcrossCaseAccentsOldSpellingsAndDoubledLetters() {
        assertEquals(NameKey.of("siti nurhaliza"), NameKey.of("SITI  Nurhaliza"));
        assertEquals(NameKey.of("Siti Nurhaliza"), NameKey.of("Siti Nurhalizza"));
        assertEquals(NameKey.of("Sukarno"), NameKey.of("Soekarno"));
        assertEquals(NameKey.of("Joko"), NameKey.of("Djoko"));
        assertEquals(NameKey.of("Andre"), NameKey.of("André"));
    }
}
