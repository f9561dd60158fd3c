package id.atensi.outbound;

import io.vertx.core.Context;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpClient;
import io.vertx.core.http.HttpClientOptions;
import io.vertx.core.http.HttpClientRequest;
import io.vertx.core.http.HttpClientResponse;
import io.vertx.core.http.HttpClosedException;
import io.vertx.core.http.HttpConnection;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.PoolOptions;
import io.vertx.core.http.RequestOptions;
import io.vertx.core.net.SocketAddress;

import java.io.IOException;
import java.net.InetAddress;
import java.net.URI;
import java.net.UnknownHostException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Collections;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.WeakHashMap;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Semaphore;
import java.util.concurrent.atomic.AtomicReference;

/**
 * Sends requests to partner-named URLs under the platform's outbound rules: the host is resolved (an IP literal needs
 * no lookup; a {@link HostResolver#caching caching} resolver answers from its short-lived entries without blocking) and
 * every address checked at each request (a name that resolved to a public address at registration may not point
 * inside later),
 * the connection goes to the address that was checked, redirects are not followed, at most
 * {@link OutboundSettings#maxResponseBytes()} of an answer are read, the whole exchange has one deadline, and each
 * target (a key the caller chooses, e.g. a webhook endpoint) has at most
 * {@link OutboundSettings#maxConcurrentPerTarget()} requests in flight; beyond it a request answers
 * {@link OutboundResult.Outcome#BUSY} at once instead of queueing behind a slow target. Kept connections are given up
 * before receivers typically close them, and a request on a kept connection the receiver closed under it, before any
 * answer, is sent once more on a new connection.
 */
public final class OutboundHttp implements AutoCloseable {

    private static final int SHARED_HOST_CONNECTIONS = 256;
    /**
     * Receivers close idle keep-alive connections, and one closed just as a request is written on it fails that request
     * before any answer. Node's and Apache's default is 5 s (nginx 75 s, Jetty 30 s): closing ours after 3 s idle,
     * checked every {@link #POOL_CLEANER_PERIOD_MS}, means we give up a connection before such a server does.
     */
    static final int KEEP_ALIVE_TIMEOUT_SECONDS = 3;
    private static final int POOL_CLEANER_PERIOD_MS = 500;

    private final Vertx vertx;
    private final HttpClient client;
    /** Only for a request sent once more after a reused connection broke: a new connection, closed after it. */
    private final HttpClient fresh;
    /** Connections that have carried a request: a later request on one of them is on a reused connection. */
    private final Set<HttpConnection> used = Collections.synchronizedSet(Collections.newSetFromMap(new WeakHashMap<>()));
    private final OutboundSettings settings;
    private final Targets targets;
    private final Map<String, Permits> inFlight = new ConcurrentHashMap<>();
    private final Map<String, Context> contexts = new ConcurrentHashMap<>();

    /** A target's permits; a target whose limit changes gets new ones (requests in flight release the old). */
    private record Permits(int limit, Semaphore semaphore) {
    }

    public OutboundHttp(Vertx vertx, OutboundSettings settings, HostResolver resolver) {
        this.vertx = vertx;
        this.settings = settings;
        this.targets = new Targets(settings, resolver);
        int timeoutMillis = (int) Math.min(Integer.MAX_VALUE, settings.timeout().toMillis());
        HttpClientOptions options = new HttpClientOptions()
                .setConnectTimeout(timeoutMillis)
                .setKeepAlive(true)
                .setKeepAliveTimeout(KEEP_ALIVE_TIMEOUT_SECONDS)
                .setVerifyHost(true)
                .setTrustAll(false)
                .setMaxRedirects(0);
        // Vert.x pools connections per server address, and several targets may share one (two partners' endpoints
        // on the same hosting service): the pool is wide so that one target's hanging connections never make another
        // target queue; the per-target limit below is what bounds each target.
        this.client = vertx.createHttpClient(options, new PoolOptions().setHttp1MaxSize(SHARED_HOST_CONNECTIONS)
                .setCleanerPeriod(POOL_CLEANER_PERIOD_MS));
        this.fresh = vertx.createHttpClient(new HttpClientOptions(options).setKeepAlive(false),
                new PoolOptions().setHttp1MaxSize(SHARED_HOST_CONNECTIONS));
    }

    public Targets targets() {
        return targets;
    }

    /** POSTs {@code body} to {@code url}; the stage always completes normally, with what happened. */
    public CompletionStage<OutboundResult> post(String target, String url, Map<String, String> headers, byte[] body) {
        return post(target, settings.maxConcurrentPerTarget(), url, headers, body);
    }

    /**
     * As {@link #post(String, String, Map, byte[])}, with this target's own limit of requests in flight instead of
     * the settings' (a receiver that takes more may be allowed more).
     */
    public CompletionStage<OutboundResult> post(String target, int maxInFlight, String url, Map<String, String> headers, byte[] body) {
        if (maxInFlight < 1) {
            throw new IllegalArgumentException("maxInFlight must be 1 or more");
        }
        long started = System.nanoTime();
        Semaphore permits = inFlight.compute(target, (key, current) -> current != null && current.limit() == maxInFlight
                ? current : new Permits(maxInFlight, new Semaphore(maxInFlight))).semaphore();
        if (!permits.tryAcquire()) {
            return Future.succeededFuture(OutboundResult.without(OutboundResult.Outcome.BUSY, Duration.ZERO,
                    "target " + target + " has " + maxInFlight + " requests in flight")).toCompletionStage();
        }
        Promise<OutboundResult> result = Promise.promise();
        Future<OutboundResult> done = result.future().onComplete(ignored -> permits.release());
        if (Vertx.currentContext() != null) {
            attempt(url, headers, body, started, result);
        } else {
            // From a thread of the caller's own (a dispatcher), a target's requests, timers and connections stay on one
            // event loop, and the request is the only hand-over between threads.
            contexts.computeIfAbsent(target, key -> vertx.getOrCreateContext())
                    .runOnContext(ignored -> attempt(url, headers, body, started, result));
        }
        return done.toCompletionStage();
    }

    private void attempt(String url, Map<String, String> headers, byte[] body, long started, Promise<OutboundResult> result) {
        AtomicReference<HttpClientRequest> sent = new AtomicReference<>();
        long deadline = vertx.setTimer(Math.max(1, settings.timeout().toMillis()), id -> {
            if (result.tryComplete(OutboundResult.without(OutboundResult.Outcome.TIMED_OUT, since(started),
                    "no complete answer within " + settings.timeout().toMillis() + " ms"))) {
                HttpClientRequest request = sent.get();
                if (request != null) {
                    request.reset();
                }
            }
        });
        result.future().onComplete(ignored -> vertx.cancelTimer(deadline));
        URI uri;
        Optional<InetAddress> known;
        try {
            uri = targets.parse(url);
        } catch (TargetRefusedException e) {
            result.tryComplete(OutboundResult.without(OutboundResult.Outcome.REFUSED, since(started), e.getMessage()));
            return;
        }
        try {
            known = targets.allowedNow(uri);
        } catch (TargetRefusedException | UnknownHostException e) {
            result.tryComplete(unsent(e, uri, started));
            return;
        }
        if (known.isPresent()) {
            send(client, uri, known.get(), headers, body, started, result, sent);
            return;
        }
        // Only a name the resolver does not hold fresh is looked up, on a worker thread: the lookup may block.
        vertx.<InetAddress>executeBlocking(() -> targets.resolveAllowed(uri), false).onComplete(resolved -> {
            if (resolved.failed()) {
                result.tryComplete(unsent(resolved.cause(), uri, started));
                return;
            }
            if (result.future().isComplete()) {
                return;
            }
            send(client, uri, resolved.result(), headers, body, started, result, sent);
        });
    }

    private static OutboundResult unsent(Throwable cause, URI uri, long started) {
        return OutboundResult.without(cause instanceof TargetRefusedException ? OutboundResult.Outcome.REFUSED
                : OutboundResult.Outcome.UNREACHABLE, since(started),
                cause instanceof UnknownHostException ? "the host " + uri.getHost() + " does not resolve" : cause.getMessage());
    }

    private void send(HttpClient through, URI uri, InetAddress address, Map<String, String> headers, byte[] body, long started,
                      Promise<OutboundResult> result, AtomicReference<HttpClientRequest> sent) {
        boolean https = "https".equalsIgnoreCase(uri.getScheme());
        int port = uri.getPort() > 0 ? uri.getPort() : https ? 443 : 80;
        String host = uri.getHost().startsWith("[") ? uri.getHost().substring(1, uri.getHost().length() - 1) : uri.getHost();
        String path = (uri.getRawPath() == null || uri.getRawPath().isEmpty() ? "/" : uri.getRawPath())
                + (uri.getRawQuery() == null ? "" : "?" + uri.getRawQuery());
        RequestOptions options = new RequestOptions()
                .setMethod(HttpMethod.POST)
                .setServer(SocketAddress.inetSocketAddress(port, address.getHostAddress()))
                .setHost(host)
                .setPort(port)
                .setSsl(https)
                .setURI(path)
                .setFollowRedirects(false);
        headers.forEach(options::putHeader);
        through.request(options).onComplete(opened -> {
            if (opened.failed()) {
                result.tryComplete(OutboundResult.without(OutboundResult.Outcome.UNREACHABLE, since(started), describe(opened.cause())));
                return;
            }
            HttpClientRequest request = opened.result();
            sent.set(request);
            if (result.future().isComplete()) {
                request.reset();
                return;
            }
            boolean reused = through == client && reused(request.connection());
            request.send(Buffer.buffer(body)).onComplete(answered -> {
                if (answered.failed()) {
                    if (reused && closedByPeer(answered.cause()) && !result.future().isComplete()) {
                        // The receiver closed this idle connection as the request went out, before answering it: it
                        // was most likely never handled, and it is no failure of the receiver's. Sent once more, on a
                        // new connection, under the same deadline; should it have been handled, the receiver
                        // de-duplicates by webhook-id as it must for any retry.
                        send(fresh, uri, address, headers, body, started, result, sent);
                        return;
                    }
                    result.tryComplete(OutboundResult.without(OutboundResult.Outcome.UNREACHABLE, since(started), describe(answered.cause())));
                    return;
                }
                read(answered.result(), request, started, result);
            });
        });
    }

    /** @return whether the connection carried a request before this one */
    private boolean reused(HttpConnection connection) {
        return !used.add(connection);
    }

    /** The connection was closed or reset under the request, as opposed to a deadline or a refused connection. */
    private static boolean closedByPeer(Throwable cause) {
        return cause instanceof HttpClosedException || cause instanceof IOException;
    }

    private void read(HttpClientResponse response, HttpClientRequest request, long started, Promise<OutboundResult> result) {
        int limit = settings.maxResponseBytes();
        Buffer excerpt = Buffer.buffer();
        Optional<String> retryAfter = Optional.ofNullable(response.getHeader("Retry-After"));
        Runnable complete = () -> result.tryComplete(new OutboundResult(OutboundResult.Outcome.ANSWERED, response.statusCode(),
                retryAfter, excerpt.toString(StandardCharsets.UTF_8), since(started), ""));
        response.handler(chunk -> {
            if (result.future().isComplete()) {
                return;
            }
            int room = limit - excerpt.length();
            if (chunk.length() >= room) {
                excerpt.appendBuffer(chunk, 0, Math.max(0, room));
                // The rest of an oversized answer is not read: closing is cheaper than draining it.
                complete.run();
                request.reset();
            } else {
                excerpt.appendBuffer(chunk);
            }
        });
        response.endHandler(end -> complete.run());
        response.exceptionHandler(failure -> {
            if (!result.future().isComplete()) {
                complete.run();
            }
        });
    }

    /**
     * The failure with its innermost cause, which is what a partner can act on: Vert.x reports a certificate the
     * receiver's name is not on as "Failed to create SSL connection", and names the reason only in the cause.
     */
    static String describe(Throwable cause) {
        Throwable root = cause;
        while (root.getCause() != null && root.getCause() != root) {
            root = root.getCause();
        }
        String described = named(cause);
        return root == cause ? described : described + " (" + named(root) + ")";
    }

    private static String named(Throwable failure) {
        String message = failure.getMessage();
        return failure.getClass().getSimpleName() + (message == null ? "" : ": " + message);
    }

    private static Duration since(long started) {
        return Duration.ofNanos(System.nanoTime() - started);
    }

    @Override
    public void close() {
        client.close();
        fresh.close();
    }
}
