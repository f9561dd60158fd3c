package id.atensi.gateway.routing;

import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.RequestOptions;

import java.net.URI;
import java.util.Locale;

/** One service behind the gateway, reached at a base URL that may carry a path of its own. */
public record Upstream(String name, String host, int port, boolean ssl, String basePath) {

    public static Upstream of(String name, URI url) {
        String scheme = url.getScheme() == null ? "" : url.getScheme().toLowerCase(Locale.ROOT);
        if (!scheme.equals("http") && !scheme.equals("https")) {
            throw new IllegalArgumentException("atensi.gateway.services." + name + ".url must be an http or https URL, not '" + url + "'");
        }
        if (url.getHost() == null) {
            throw new IllegalArgumentException("atensi.gateway.services." + name + ".url has no host: '" + url + "'");
        }
        if (url.getRawQuery() != null || url.getRawFragment() != null) {
            throw new IllegalArgumentException("atensi.gateway.services." + name + ".url must not carry a query or fragment: '" + url + "'");
        }
        boolean ssl = scheme.equals("https");
        int port = url.getPort() > 0 ? url.getPort() : ssl ? 443 : 80;
        String path = url.getRawPath() == null ? "" : url.getRawPath();
        String basePath = path.endsWith("/") ? path.substring(0, path.length() - 1) : path;
        return new Upstream(name, url.getHost(), port, ssl, basePath);
    }

    /** Options for a request to {@code path} (which starts with {@code /}) on this service; {@code query} may be null. */
    public RequestOptions request(HttpMethod method, String path, String query) {
        String uri = basePath + path + (query == null || query.isEmpty() ? "" : "?" + query);
        return new RequestOptions().setMethod(method).setHost(host).setPort(port).setSsl(ssl).setURI(uri);
    }

    @Override
    public String toString() {
        return name + " (" + (ssl ? "https" : "http") + "://" + host + ":" + port + basePath + ")";
    }
}
