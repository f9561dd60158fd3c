package id.atensi.testing;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.util.ArrayList;
import java.util.List;

/**
 * Ports on 127.0.0.1 where a connection is refused, as at a service that is down, for as long as the test JVM runs.
 * A port that was merely free a moment ago is not one: on a busy machine another server (often the application under
 * test, started on port 0) took it and answered 404 where the test expected a refusal. Each port here stays bound by
 * a socket that never listens, and without SO_REUSEADDR nobody else can bind it.
 */
public final class RefusedPorts {

    private static final List<Socket> HELD = new ArrayList<>();

    private RefusedPorts() {
    }

    public static synchronized int next() {
        Socket socket = new Socket();
        try {
            socket.setReuseAddress(false);
            socket.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0));
        } catch (IOException e) {
            throw new UncheckedIOException("no port could be held for refused connections", e);
        }
        HELD.add(socket);
        return socket.getLocalPort();
    }
}
