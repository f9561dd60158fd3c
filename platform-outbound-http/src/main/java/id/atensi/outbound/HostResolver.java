package id.atensi.outbound;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.regex.Pattern;

/** Turns a host name into addresses; the system's resolver in production, a fixed table where a test needs one. */
@FunctionalInterface
public interface HostResolver {

    HostResolver SYSTEM = host -> List.of(InetAddress.getAllByName(host));

    /** Four decimal parts: the only IPv4 form taken as a literal here; any other goes through {@link #resolve}. */
    Pattern DOTTED_QUAD = Pattern.compile("\\d{1,3}(\\.\\d{1,3}){3}");

    /** May block on the name service. */
    List<InetAddress> resolve(String host) throws UnknownHostException;

    /**
     * The addresses when they are known without asking the name service, so that a caller on an event loop need not
     * hand the lookup to a worker thread; empty when {@link #resolve} would have to ask. An IP literal is its own
     * address.
     */
    default Optional<List<InetAddress>> known(String host) {
        return literal(host).map(List::of);
    }

    /**
     * This resolver's answers kept for {@code ttl}, each request still checking every address it is given: a name
     * re-pointed meanwhile is refused once its entry ends (the JDK keeps successful lookups 30 s by default anyway).
     */
    static HostResolver caching(HostResolver resolver, Duration ttl) {
        return ttl.isZero() ? resolver : new CachingHostResolver(resolver, ttl, System::nanoTime);
    }

    /** An IPv4 dotted quad or an IPv6 literal (a host name never holds a colon), parsed without a lookup. */
    static Optional<InetAddress> literal(String host) {
        if (host.indexOf(':') < 0 && !DOTTED_QUAD.matcher(host).matches()) {
            return Optional.empty();
        }
        try {
            // Both forms are parsed, never looked up, by getByName.
            return Optional.of(InetAddress.getByName(host));
        } catch (UnknownHostException notALiteral) {
            return Optional.empty();
        }
    }
}
