package id.atensi.aid.domain;

import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.util.Optional;

import static org.junit.jupiter.api.Assertions.assertEquals;

class ProofFileTypeTest {

    @Test
    void aFileIsWhatItsFirstBytesSay() {
        assertEquals(Optional.of(ProofFileType.JPEG), ProofFileType.sniff(new byte[]{(byte) 0xFF, (byte) 0xD8, (byte) 0xFF, (byte) 0xE0, 0, 0x10}));
        assertEquals(Optional.of(ProofFileType.PNG), ProofFileType.sniff(new byte[]{(byte) 0x89, 'P', 'N', 'G', '\r', '\n', 0x1A, '\n', 0}));
        assertEquals(Optional.of(ProofFileType.PDF), ProofFileType.sniff("%PDF-1.7\n".getBytes(StandardCharsets.US_ASCII)));
    }

    @Test
    void otherOrTooShortContentIsNoProofFile() {
        assertEquals(Optional.empty(), ProofFileType.sniff("<html><body>".getBytes(StandardCharsets.US_ASCII)));
        assertEquals(Optional.empty(), ProofFileType.sniff("MZ\u0090\u0000".getBytes(StandardCharsets.ISO_8859_1)));
        assertEquals(Optional.empty(), ProofFileType.sniff(new byte[]{(byte) 0xFF, (byte) 0xD8}));
        assertEquals(Optional.empty(), ProofFileType.sniff(new byte[0]));
    }

    @Test
    void aDeclaredTypeIsReadWithoutItsParametersAndInAnyCase() {
        assertEquals(Optional.of(ProofFileType.PDF), ProofFileType.ofMediaType("Application/PDF; charset=binary"));
        assertEquals(Optional.of(ProofFileType.JPEG), ProofFileType.ofMediaType("image/jpeg"));
        assertEquals(Optional.empty(), ProofFileType.ofMediaType("image/gif"));
        assertEquals(Optional.empty(), ProofFileType.ofMediaType(null));
    }
}
