package id.atensi.gateway.console;

import org.junit.jupiter.api.Test;

import java.util.Optional;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Which Accept-Encoding takes gzip, which paths name a console file, and what a loaded file holds. */
class ConsoleFilesTest {

    @Test
    void gzipIsTakenWhenNamedOrCoveredByAStarWithAWeightAboveZero() {
        assertTrue(ConsoleFiles.acceptsGzip("gzip"));
        assertTrue(ConsoleFiles.acceptsGzip("gzip, deflate, br, zstd"));
        assertTrue(ConsoleFiles.acceptsGzip("br;q=1.0, GZIP;q=0.5"));
        assertTrue(ConsoleFiles.acceptsGzip("x-gzip"));
        assertTrue(ConsoleFiles.acceptsGzip("*"));
        assertTrue(ConsoleFiles.acceptsGzip("gzip ; q=0.001"));
    }

    @Test
    void gzipIsNotTakenWhenAbsentOrRefused() {
        assertFalse(ConsoleFiles.acceptsGzip(null));
        assertFalse(ConsoleFiles.acceptsGzip(""));
        assertFalse(ConsoleFiles.acceptsGzip("identity"));
        assertFalse(ConsoleFiles.acceptsGzip("deflate, br"));
        assertFalse(ConsoleFiles.acceptsGzip("gzip;q=0"));
        assertFalse(ConsoleFiles.acceptsGzip("gzip;q=0, *"), "named with 0, whatever the star says");
        assertFalse(ConsoleFiles.acceptsGzip("*;q=0"));
        assertFalse(ConsoleFiles.acceptsGzip("gzip;q=nonsense"));
    }

    @Test
    void onlyFilesOfTheConsolesKindsInsideItsDirectoryAreNamed() {
        assertEquals(Optional.of("index.html"), ConsoleFiles.name(""));
        assertEquals(Optional.of("js/main.js"), ConsoleFiles.name("js/main.js"));
        assertEquals(Optional.of("idn-area/provinces.csv"), ConsoleFiles.name("idn-area/provinces.csv"));
        assertEquals(Optional.empty(), ConsoleFiles.name("../application.properties"));
        assertEquals(Optional.empty(), ConsoleFiles.name("js/../../x.js"));
        assertEquals(Optional.empty(), ConsoleFiles.name(".hidden.js"));
        assertEquals(Optional.empty(), ConsoleFiles.name("js/"));
        assertEquals(Optional.empty(), ConsoleFiles.name("js//main.js"));
        assertEquals(Optional.empty(), ConsoleFiles.name("js%2Fmain.js"));
        assertEquals(Optional.empty(), ConsoleFiles.name("photo.png"), "a kind the console does not have goes to Quarkus");
    }

    @Test
    void aLoadedFileKeepsItsBytesTypeAndASmallerGzipForm() {
        ConsoleFiles files = new ConsoleFiles(getClass().getClassLoader());
        assertTrue(files.cached("js/api.js").isEmpty(), "nothing read before it is asked for");
        ConsoleFiles.File file = files.load("js/api.js").orElseThrow();
        assertEquals("text/javascript;charset=UTF-8", file.contentType());
        assertTrue(file.compressible());
        assertTrue(file.gzip().length < file.plain().length);
        assertTrue(file.etag().matches("\"[0-9a-f]{24}\""), file.etag());
        assertEquals(file.etag().replace("\"", ""), file.gzipEtag().replace("\"", "").replace("-gzip", ""));
        assertArrayEquals(file.plain(), files.cached("js/api.js").orElseThrow().plain(), "kept once read");
        assertTrue(files.load("js/missing.js").isEmpty());
        assertTrue(files.cached("js/missing.js").isEmpty(), "a missing file is not remembered");
    }
}
