package id.atensi.testing;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

class RawHttpTest {

    @Test
    void aResponseIsCompleteOnceItsDeclaredLengthHasArrived() {
        String head = "HTTP/1.1 413 Request Entity Too Large\r\nContent-Type: application/problem+json\r\nContent-Length: 7\r\n\r\n";
        assertFalse(RawHttp.isComplete(head.substring(0, 40)));
        assertFalse(RawHttp.isComplete(head + "{\"a\":"));
        assertTrue(RawHttp.isComplete(head + "{\"a\":1}"));
    }

    @Test
    void aChunkedResponseIsCompleteAtItsLastChunkAndTheEndOfItsTrailers() {
        String head = "HTTP/1.1 200 OK\r\nContent-Length: 3\r\nTransfer-Encoding: chunked\r\n\r\n";
        assertFalse(RawHttp.isComplete(head + "5\r\nhello\r\n"));
        assertFalse(RawHttp.isComplete(head + "4\r\nab0\r\n"), "a chunk's data that ends in 0 CRLF is not the last chunk");
        assertFalse(RawHttp.isComplete(head + "4\r\nab0\r\n\r\n"));
        assertTrue(RawHttp.isComplete(head + "5\r\nhello\r\n0\r\n\r\n"));
        assertTrue(RawHttp.isComplete(head + "5;ext=1\r\nhello\r\n0;last\r\nX-Trailer: y\r\n\r\n"));
        assertFalse(RawHttp.isComplete(head + "5\r\nhello\r\n0\r\nX-Trailer: y\r\n"));
        assertFalse(RawHttp.isComplete(head + "zz\r\nhello\r\n0\r\n\r\n"), "a size that is no number waits for the server to stop");
        assertFalse(RawHttp.isComplete(head + "7fffffffffffffff\r\nhello\r\n"));
    }

    @Test
    void anAnswerThatHasNoBodyIsCompleteAtTheEndOfItsHead() {
        assertTrue(RawHttp.isComplete("HTTP/1.1 204 No Content\r\n\r\n"));
        assertTrue(RawHttp.isComplete("HTTP/1.1 304 Not Modified\r\nContent-Length: 120\r\n\r\n"));
    }

    @Test
    void anInterimResponseIsNotTheAnswerAndAResponseWithoutFramingRunsUntilTheServerStops() {
        String interim = "HTTP/1.1 100 Continue\r\n\r\n";
        assertFalse(RawHttp.isComplete(interim));
        assertTrue(RawHttp.isComplete(interim + "HTTP/1.1 400 Bad Request\r\ncontent-length: 0\r\n\r\n"));
        assertFalse(RawHttp.isComplete("HTTP/1.1 400 Bad Request\r\nConnection: close\r\n\r\nbody"));
    }
}
