package id.atensi.local.launcher;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Optional;
import java.util.stream.Stream;

/** How to tell that a started process is ready; {@code status} shows the same check. */
public interface Readiness {

    /** The outcome of one check: ready or not, and what to show. */
    record Check(boolean ready, String text) {
    }

    Check check(Path log);

    /** Ready when {@code url} answers 200; {@code shown} is the address people use. */
    static Readiness http(String url, String shown) {
        URI uri = URI.create(url);
        return log -> {
            int code = Http.status(uri);
            if (code == 200) {
                return new Check(true, shown + " ready");
            }
            return new Check(false, code == 0 ? shown + " not answering" : shown + " NOT READY (HTTP " + code + ")");
        };
    }

    /** Ready once the process' log has a line starting with {@code prefix}; the rest of that line is shown. */
    static Readiness logLine(String prefix) {
        return log -> line(log, prefix)
                .map(line -> new Check(true, line.substring(prefix.length()).trim()))
                .orElse(new Check(false, "not ready yet (no " + prefix + " line in its log)"));
    }

    /** Nothing to ask: the process running is all there is to know; {@code text} is shown. */
    static Readiness running(String text) {
        return log -> new Check(true, text);
    }

    private static Optional<String> line(Path log, String prefix) {
        if (!Files.exists(log)) {
            return Optional.empty();
        }
        // Latin-1 reads any byte: a crash's output in the log must not make the check fail.
        try (Stream<String> lines = Files.lines(log, StandardCharsets.ISO_8859_1)) {
            return lines.filter(line -> line.startsWith(prefix)).findFirst();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The HTTP status of a GET, 0 when nothing answers within 3 s. */
    final class Http {

        private static final HttpClient CLIENT = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();

        private Http() {
        }

        static int status(URI uri) {
            try {
                return CLIENT.send(HttpRequest.newBuilder(uri).timeout(Duration.ofSeconds(3)).build(),
                        HttpResponse.BodyHandlers.discarding()).statusCode();
            } catch (IOException e) {
                return 0;
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return 0;
            }
        }
    }
}
