package id.atensi.testing;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.VertxOptions;
import io.vertx.core.net.NetClient;
import io.vertx.core.net.NetClientOptions;
import io.vertx.core.net.NetServer;
import io.vertx.core.net.NetServerOptions;
import io.vertx.core.net.NetSocket;

import javax.management.JMException;
import javax.management.JMX;
import javax.management.MBeanServer;
import javax.management.ObjectName;
import java.lang.management.ManagementFactory;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicLong;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A TCP forwarder between a service's datasource and the harness PostgreSQL, which a test cuts (open connections
 * dropped, new ones refused, as when the database host goes away) and restores, without stopping the server every
 * other test and service shares. {@link AtensiTestResource} routes a service's datasource through it when given
 * {@code @ResourceArg(name = "database-outage", value = "true")}; the test then takes it with {@link #of(String)}.
 * <p>
 * Refusing needs the port closed while cut, and reopened on restore. The port is taken below the kernel's ephemeral
 * range (32768 and up on Linux), where no outgoing connection is given it as its local port in the meantime.
 */
public final class DatabaseOutage implements DatabaseOutageMBean {

    private static final Pattern POSTGRES_URL = Pattern.compile("jdbc:postgresql://([^/:?]+)(?::(\\d+))?/(.*)");
    private static final int LOWEST_PORT = 20_000;
    private static final int ABOVE_HIGHEST_PORT = 32_768;

    private final Vertx vertx = Vertx.vertx(new VertxOptions().setEventLoopPoolSize(1).setWorkerPoolSize(1).setInternalBlockingPoolSize(1));
    private final NetClient client = vertx.createNetClient(new NetClientOptions().setConnectTimeout(5_000));
    private final String targetHost;
    private final int targetPort;
    private final Set<NetSocket> open = ConcurrentHashMap.newKeySet();
    private final AtomicLong forwarded = new AtomicLong();
    private final int port;
    private volatile NetServer server;

    private DatabaseOutage(String targetHost, int targetPort) {
        this.targetHost = targetHost;
        this.targetPort = targetPort;
        this.port = listenOnFreePort();
    }

    /**
     * The JDBC URL of the named database through its forwarder, started on the first call in this JVM (a later call,
     * from another class loader or application start, gets the same forwarder).
     */
    static synchronized String route(String database, String jdbcUrl) {
        Matcher url = POSTGRES_URL.matcher(jdbcUrl);
        if (!url.matches()) {
            throw new IllegalArgumentException("only jdbc:postgresql://host[:port]/… URLs can be routed through a forwarder, not " + jdbcUrl);
        }
        MBeanServer mbeans = ManagementFactory.getPlatformMBeanServer();
        ObjectName name = name(database);
        if (!mbeans.isRegistered(name)) {
            DatabaseOutage outage = new DatabaseOutage(url.group(1), url.group(2) == null ? 5432 : Integer.parseInt(url.group(2)));
            try {
                mbeans.registerMBean(outage, name);
            } catch (JMException e) {
                outage.close();
                throw new IllegalStateException("the forwarder of database " + database + " could not be registered", e);
            }
        }
        return "jdbc:postgresql://127.0.0.1:" + of(database).getPort() + "/" + url.group(3);
    }

    /** The forwarder of the named database, as started for the service under test. */
    public static DatabaseOutageMBean of(String database) {
        MBeanServer mbeans = ManagementFactory.getPlatformMBeanServer();
        ObjectName name = name(database);
        if (!mbeans.isRegistered(name)) {
            throw new IllegalStateException("database " + database + " has no forwarder: start the service with AtensiTestResource's "
                    + "@ResourceArg(name = \"database-outage\", value = \"true\")");
        }
        return JMX.newMBeanProxy(mbeans, name, DatabaseOutageMBean.class);
    }

    private static ObjectName name(String database) {
        try {
            return new ObjectName("id.atensi.testing:type=DatabaseOutage,database=" + ObjectName.quote(database));
        } catch (JMException e) {
            throw new IllegalArgumentException("no JMX name can be made for database " + database, e);
        }
    }

    private int listenOnFreePort() {
        RuntimeException last = null;
        for (int tries = 0; tries < 50; tries++) {
            int candidate = ThreadLocalRandom.current().nextInt(LOWEST_PORT, ABOVE_HIGHEST_PORT);
            try {
                listen(candidate);
                return candidate;
            } catch (RuntimeException e) {
                last = e;
            }
        }
        throw new IllegalStateException("no port between " + LOWEST_PORT + " and " + ABOVE_HIGHEST_PORT + " could be listened on", last);
    }

    private void listen(int onPort) {
        NetServer listening = vertx.createNetServer(new NetServerOptions().setHost("127.0.0.1").setPort(onPort).setReuseAddress(true))
                .connectHandler(this::forward);
        await(listening.listen());
        server = listening;
    }

    private void forward(NetSocket front) {
        front.pause();
        open.add(front);
        front.closeHandler(closed -> open.remove(front));
        client.connect(targetPort, targetHost).onComplete(connected -> {
            if (connected.failed() || server == null) {
                front.close();
                if (connected.succeeded()) {
                    connected.result().close();
                }
                return;
            }
            NetSocket back = connected.result();
            open.add(back);
            forwarded.incrementAndGet();
            front.closeHandler(closed -> {
                open.remove(front);
                back.close();
            });
            back.closeHandler(closed -> {
                open.remove(back);
                front.close();
            });
            front.pipeTo(back);
            back.pipeTo(front);
        });
    }

    @Override
    public synchronized void cut() {
        NetServer listening = server;
        if (listening == null) {
            return;
        }
        server = null;
        await(listening.close());
        await(Future.join(open.stream().map(NetSocket::close).toList()));
    }

    @Override
    public synchronized void restore() {
        if (server != null) {
            return;
        }
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        while (true) {
            try {
                listen(port);
                return;
            } catch (RuntimeException e) {
                if (System.nanoTime() > deadline) {
                    throw new IllegalStateException("the forwarder could not listen on port " + port + " again", e);
                }
                sleep();
            }
        }
    }

    @Override
    public boolean isCut() {
        return server == null;
    }

    @Override
    public int getPort() {
        return port;
    }

    @Override
    public long getConnectionsForwarded() {
        return forwarded.get();
    }

    private void close() {
        await(vertx.close());
    }

    private static void sleep() {
        try {
            Thread.sleep(100);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while reopening the forwarder", e);
        }
    }

    private static <T> T await(Future<T> future) {
        try {
            return future.toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
        } catch (ExecutionException e) {
            throw new IllegalStateException(e.getCause().getMessage(), e.getCause());
        } catch (TimeoutException e) {
            throw new IllegalStateException("the forwarder did not answer within 10 s", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while waiting for the forwarder", e);
        }
    }
}
