package id.atensi.commons.text;

/**
 * The one rule for text that enters the platform: no C0 control character except tab, line feed and
 * carriage return. PostgreSQL refuses NUL in text outright (SQLState 22021, the whole request failing at
 * the database), and the other controls are never what a person or a partner system means to store.
 */
public final class ControlCharacters {

    private ControlCharacters() {
    }

    /** The index of the first refused character, or -1 when the text is acceptable. */
    public static int firstRefused(CharSequence text) {
        for (int i = 0; i < text.length(); i++) {
            if (isRefused(text.charAt(i))) {
                return i;
            }
        }
        return -1;
    }

    public static boolean isRefused(char c) {
        return c < 0x20 && c != '\t' && c != '\n' && c != '\r';
    }

    /** What a field error says about a refused character, naming its code point and never echoing it. */
    public static String refusal(char c) {
        return String.format("must not contain the control character U+%04X (only tab, line feed and carriage return are allowed)", (int) c);
    }
}
