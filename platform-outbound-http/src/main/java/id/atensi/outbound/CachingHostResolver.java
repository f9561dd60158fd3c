package id.atensi.outbound;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.LongSupplier;

/**
 * Keeps another resolver's successful answers for a short time. Only the lookup is saved: {@link Targets} checks every
 * address of an answer at each request, cached or not, and the connection goes to the address checked. Failures are
 * not kept, so a name that starts to resolve is seen at the next request.
 */
public final class CachingHostResolver implements HostResolver {

    /** More names than this and the table is cleared: partner hosts are few; this bounds what a flood of names keeps. */
    private static final int MAX_NAMES = 10_000;

    private record Entry(List<InetAddress> addresses, long expiresAtNanos) {
    }

    private final HostResolver resolver;
    private final long ttlNanos;
    private final LongSupplier nanoTime;
    private final Map<String, Entry> entries = new ConcurrentHashMap<>();

    /** @param nanoTime the clock entries age by ({@code System::nanoTime}; a test's own to age them at will) */
    public CachingHostResolver(HostResolver resolver, Duration ttl, LongSupplier nanoTime) {
        if (ttl.isNegative()) {
            throw new IllegalArgumentException("ttl must not be negative");
        }
        this.resolver = resolver;
        this.ttlNanos = ttl.toNanos();
        this.nanoTime = nanoTime;
    }

    @Override
    public List<InetAddress> resolve(String host) throws UnknownHostException {
        Optional<List<InetAddress>> known = known(host);
        if (known.isPresent()) {
            return known.get();
        }
        List<InetAddress> addresses = List.copyOf(resolver.resolve(host));
        if (!addresses.isEmpty()) {
            if (entries.size() >= MAX_NAMES) {
                entries.clear();
            }
            entries.put(host, new Entry(addresses, nanoTime.getAsLong() + ttlNanos));
        }
        return addresses;
    }

    @Override
    public Optional<List<InetAddress>> known(String host) {
        Optional<List<InetAddress>> literal = resolver.known(host);
        if (literal.isPresent()) {
            return literal;
        }
        Entry entry = entries.get(host);
        if (entry == null) {
            return Optional.empty();
        }
        if (nanoTime.getAsLong() - entry.expiresAtNanos() >= 0) {
            entries.remove(host, entry);
            return Optional.empty();
        }
        return Optional.of(entry.addresses());
    }
}
