package id.atensi.outbound;

import java.net.InetAddress;
import java.net.URI;
import java.net.URISyntaxException;
import java.net.UnknownHostException;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/** Checks a partner-named URL and the addresses its host resolves to, before anything is sent. */
public final class Targets {

    private final OutboundSettings settings;
    private final HostResolver resolver;

    public Targets(OutboundSettings settings, HostResolver resolver) {
        this.settings = settings;
        this.resolver = resolver;
    }

    /** The URL's form alone: absolute, http(s), a host, no user info, no fragment. No name resolution. */
    public URI parse(String url) throws TargetRefusedException {
        URI uri;
        try {
            uri = new URI(url);
        } catch (URISyntaxException e) {
            throw new TargetRefusedException("not a URL: " + e.getReason());
        }
        String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
        if (!scheme.equals("https") && !(scheme.equals("http") && settings.allowPlainHttp())) {
            throw new TargetRefusedException(settings.allowPlainHttp() ? "the URL must use http or https" : "the URL must use https");
        }
        if (uri.getHost() == null || uri.getHost().isBlank()) {
            throw new TargetRefusedException("the URL names no host");
        }
        if (uri.getRawUserInfo() != null) {
            throw new TargetRefusedException("the URL must not carry a user name or password");
        }
        if (uri.getRawFragment() != null) {
            throw new TargetRefusedException("the URL must not have a fragment");
        }
        return uri;
    }

    /**
     * Resolves the URL's host and checks every address it has: one refused address refuses the URL, since a resolver
     * that answers with a public and a private address would otherwise choose for us. May block on the name service.
     *
     * @return the address to connect to (the first one), so that the request goes where the check looked
     */
    public InetAddress resolveAllowed(URI uri) throws TargetRefusedException, UnknownHostException {
        String host = host(uri);
        return allowed(host, resolver.resolve(host));
    }

    /**
     * As {@link #resolveAllowed}, when the host's addresses are known without a lookup (an IP literal, a name the
     * resolver has fresh in its cache); empty when they are not, and the caller must resolve where it may block.
     */
    public Optional<InetAddress> allowedNow(URI uri) throws TargetRefusedException, UnknownHostException {
        String host = host(uri);
        Optional<List<InetAddress>> known = resolver.known(host);
        return known.isEmpty() ? Optional.empty() : Optional.of(allowed(host, known.get()));
    }

    private static String host(URI uri) {
        String host = uri.getHost();
        return host.startsWith("[") && host.endsWith("]") ? host.substring(1, host.length() - 1) : host;
    }

    private InetAddress allowed(String host, List<InetAddress> addresses) throws TargetRefusedException, UnknownHostException {
        if (addresses.isEmpty()) {
            throw new UnknownHostException(host);
        }
        for (InetAddress address : addresses) {
            Optional<String> refusal = settings.policy().refusal(address);
            if (refusal.isPresent()) {
                throw new TargetRefusedException(host + " resolves to a refused address: " + refusal.get());
            }
        }
        return addresses.get(0);
    }

    /** Both checks, as at registration: the form, then the addresses. */
    public void check(String url) throws TargetRefusedException {
        URI uri = parse(url);
        try {
            resolveAllowed(uri);
        } catch (UnknownHostException e) {
            throw new TargetRefusedException("the host " + uri.getHost() + " does not resolve");
        }
    }
}
