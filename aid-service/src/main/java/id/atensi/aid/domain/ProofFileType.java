package id.atensi.aid.domain;

import java.util.Arrays;
import java.util.Optional;

/**
 * The kinds of file a delivery's proof may be: a photo (JPEG, PNG) or a document (PDF). A file is what its first bytes
 * say it is; the type a client declares must agree with them, so that a renamed executable or a page of HTML is never
 * stored and served back as a photo.
 */
public enum ProofFileType {
    JPEG("image/jpeg", new byte[]{(byte) 0xFF, (byte) 0xD8, (byte) 0xFF}),
    PNG("image/png", new byte[]{(byte) 0x89, 'P', 'N', 'G', '\r', '\n', 0x1A, '\n'}),
    PDF("application/pdf", new byte[]{'%', 'P', 'D', 'F', '-'});

    private final String mediaType;
    private final byte[] magic;

    ProofFileType(String mediaType, byte[] magic) {
        this.mediaType = mediaType;
        this.magic = magic;
    }

    public String mediaType() {
        return mediaType;
    }

    /** @return the type whose media type this is (parameters such as a charset ignored, any case), if it is one of them */
    public static Optional<ProofFileType> ofMediaType(String declared) {
        if (declared == null) {
            return Optional.empty();
        }
        String bare = declared.split(";", 2)[0].strip();
        return Arrays.stream(values()).filter(type -> type.mediaType.equalsIgnoreCase(bare)).findFirst();
    }

    /** @return the type these leading bytes are the signature of, if any */
    public static Optional<ProofFileType> sniff(byte[] content) {
        return Arrays.stream(values()).filter(type -> type.startsOf(content)).findFirst();
    }

    private boolean startsOf(byte[] content) {
        return content.length >= magic.length && Arrays.equals(content, 0, magic.length, magic, 0, magic.length);
    }
}
