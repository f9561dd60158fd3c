package id.atensi.console;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The console shows words only from its two message files: both hold the same keys, no message is empty, and
 * every key a script or the page names literally exists (keys built at run time, such as {@code term.<VALUE>},
 * fall back to the value itself and are not checked here).
 */
class ConsoleMessagesTest {

    private static final Path ROOT = Path.of("src/main/resources/META-INF/resources/console");
    private static final Pattern SCRIPT_KEY = Pattern.compile("\\bt\\('([a-zA-Z][a-zA-Z.-]*)'");
    private static final Pattern PAGE_KEY = Pattern.compile("data-i18n=\"([a-zA-Z.-]+)\"");

    private static Set<String> keys(String language) throws IOException {
        JsonNode messages = new ObjectMapper().readTree(ROOT.resolve("messages/" + language + ".json").toFile());
        Set<String> keys = new TreeSet<>();
        messages.fields().forEachRemaining(entry -> {
            assertTrue(entry.getValue().isTextual() && !entry.getValue().asText().isBlank(), language + ": " + entry.getKey() + " is empty");
            keys.add(entry.getKey());
        });
        return keys;
    }

    @Test
    void indonesianAndEnglishHoldTheSameKeys() throws IOException {
        assertEquals(keys("en"), keys("id"));
    }

    @Test
    void everyKeyTheScriptsAndThePageNameExists() throws IOException {
        Set<String> known = keys("id");
        Set<String> named = new TreeSet<>();
        try (Stream<Path> scripts = Files.list(ROOT.resolve("js"))) {
            for (Path script : scripts.toList()) {
                collect(SCRIPT_KEY, Files.readString(script), named);
            }
        }
        collect(PAGE_KEY, Files.readString(ROOT.resolve("index.html")), named);
        named.removeAll(known);
        assertEquals(Set.of(), named, "keys named but missing from the message files");
    }

    private static void collect(Pattern pattern, String text, Set<String> into) {
        Matcher matcher = pattern.matcher(text);
        while (matcher.find()) {
            into.add(matcher.group(1));
        }
    }
}
