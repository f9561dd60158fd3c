package id.atensi.commons.text;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.exc.InvalidFormatException;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;

class PlainTextDeserializerTest {

    record Party(String name, List<String> aliases) {
    }

    record Agreement(String title, List<Party> parties, Map<String, Object> terms) {
    }

    private final ObjectMapper json = mapper();

    private static ObjectMapper mapper() {
        ObjectMapper mapper = new ObjectMapper();
        new PlainTextJson().customize(mapper);
        return mapper;
    }

    @Test
    void everyC0ControlButTabAndLineBreaksIsRefused() {
        for (char c = 0; c < 0x20; c++) {
            boolean allowed = c == '\t' || c == '\n' || c == '\r';
            assertEquals(!allowed, ControlCharacters.isRefused(c), String.format("U+%04X", (int) c));
        }
        assertEquals(-1, ControlCharacters.firstRefused("Siti Aminah\tBekasi\r\nJawa Barat \u00e9\u4e2d\u007f"));
        assertEquals(4, ControlCharacters.firstRefused("Siti\u0000"));
    }

    @Test
    void nulInANestedStringIsRefusedWithItsPath() {
        InvalidFormatException failure = assertThrows(InvalidFormatException.class, () -> json.readValue(
                "{\"title\":\"ok\",\"parties\":[{\"name\":\"ok\"},{\"name\":\"Yayasan\\u0000Kumala\"}]}", Agreement.class));
        PlainTextDeserializer.RefusedControlCharacter refused = assertInstanceOf(PlainTextDeserializer.RefusedControlCharacter.class, failure);
        assertEquals("must not contain the control character U+0000 (only tab, line feed and carriage return are allowed)", refused.fieldMessage());
        assertEquals("parties", failure.getPath().get(0).getFieldName());
        assertEquals(1, failure.getPath().get(1).getIndex());
        assertEquals("name", failure.getPath().get(2).getFieldName());
        assertFalse(failure.getMessage().contains("Kumala"), "the refused value is not repeated");
    }

    @Test
    void controlsInStringListsAndUntypedValuesAreRefusedToo() {
        assertThrows(PlainTextDeserializer.RefusedControlCharacter.class, () -> json.readValue(
                "{\"parties\":[{\"aliases\":[\"a\",\"b\\u001b[31m\"]}]}", Agreement.class));
        assertThrows(PlainTextDeserializer.RefusedControlCharacter.class, () -> json.readValue(
                "{\"terms\":{\"note\":\"x\\u0007\"}}", Agreement.class));
    }

    @Test
    void tabsLineBreaksAndAnyOtherTextPass() throws Exception {
        Agreement agreement = json.readValue("{\"title\":\"PKS\\t2024\\r\\nPangudi Luhur \u00e9\"}", Agreement.class);
        assertEquals("PKS\t2024\r\nPangudi Luhur \u00e9", agreement.title());
    }
}
