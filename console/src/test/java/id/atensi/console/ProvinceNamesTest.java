package id.atensi.console;

import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The province list the console names codes with is platform-vocabulary's, copied into the console's files at
 * build time with its attribution and licence (ODbL), at the path the script reads.
 */
class ProvinceNamesTest {

    private static final String DIRECTORY = "META-INF/resources/console/idn-area/";

    private static String resource(String name) throws IOException {
        try (InputStream in = ProvinceNamesTest.class.getClassLoader().getResourceAsStream(DIRECTORY + name)) {
            assertNotNull(in, DIRECTORY + name + " is not in the console's files");
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
    }

    @Test
    void theConsoleCarriesThe38ProvincesWithTheirSourceAndLicence() throws IOException {
        List<String> lines = resource("provinces.csv").lines().toList();
        assertEquals("code,name", lines.get(0));
        assertEquals(38, lines.size() - 1);
        assertTrue(lines.contains("32,JAWA BARAT"), "West Java");
        assertTrue(lines.contains("96,PAPUA BARAT DAYA"), "a province made in 2022");
        assertTrue(resource("SOURCE.md").contains("idn-area-data"));
        assertTrue(resource("LICENSE.md").contains("Open Database License"));
    }

    @Test
    void theScriptReadsThatFile() throws IOException {
        String script = Files.readString(Path.of("src/main/resources/META-INF/resources/console/js/regions.js"));
        assertTrue(script.contains("fetch('idn-area/provinces.csv')"), script);
    }
}
