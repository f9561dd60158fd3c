package id.atensi.webhook;

import id.atensi.outbound.HostResolver;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Singleton;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The system's resolver, except for names a test points somewhere (a name that resolves to a public address at
 * registration and to 127.0.0.1 later, as a DNS-rebinding attacker's would). Names under {@code .test} only.
 */
public class TestHostResolver {

    public static final Map<String, String> NAMES = new ConcurrentHashMap<>();

    @Produces
    @Singleton
    HostResolver resolver() {
        return host -> {
            String address = NAMES.get(host);
            if (address != null) {
                return List.of(InetAddress.getByName(address));
            }
            if (host.endsWith(".test")) {
                throw new UnknownHostException(host);
            }
            return HostResolver.SYSTEM.resolve(host);
        };
    }
}
