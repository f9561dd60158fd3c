package id.atensi.commons.text;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.databind.DeserializationContext;
import com.fasterxml.jackson.databind.deser.std.StdScalarDeserializer;
import com.fasterxml.jackson.databind.deser.std.StringDeserializer;
import com.fasterxml.jackson.databind.exc.InvalidFormatException;

import java.io.IOException;

/**
 * Every JSON string of every request body goes through here, so a refused control character is answered
 * 400 naming the field (Jackson adds the path as the failure leaves each object) before any service sees it.
 */
public final class PlainTextDeserializer extends StdScalarDeserializer<String> {

    public PlainTextDeserializer() {
        super(String.class);
    }

    @Override
    public String deserialize(JsonParser parser, DeserializationContext context) throws IOException {
        String value = StringDeserializer.instance.deserialize(parser, context);
        if (value != null) {
            int refused = ControlCharacters.firstRefused(value);
            if (refused >= 0) {
                throw new RefusedControlCharacter(parser, value.charAt(refused));
            }
        }
        return value;
    }

    /** Says which character was refused; the value itself is not kept, as it may be personal data. */
    public static final class RefusedControlCharacter extends InvalidFormatException {

        private final char refused;

        RefusedControlCharacter(JsonParser parser, char refused) {
            super(parser, ControlCharacters.refusal(refused), null, String.class);
            this.refused = refused;
        }

        public String fieldMessage() {
            return ControlCharacters.refusal(refused);
        }
    }
}
