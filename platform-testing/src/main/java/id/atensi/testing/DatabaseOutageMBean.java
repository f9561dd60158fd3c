package id.atensi.testing;

/**
 * What a test may do to the forwarder between a service and its database. A JMX interface because Quarkus loads the
 * test and its test resources through different class loaders: the forwarder the resource started is reached through
 * the JVM's platform MBean server, by name, whatever class loader the caller has.
 */
public interface DatabaseOutageMBean {

    /** Drops every open connection and refuses new ones until {@link #restore}. */
    void cut();

    /** Accepts connections again on the same port. */
    void restore();

    boolean isCut();

    /** The port on 127.0.0.1 the service's datasource connects to. */
    int getPort();

    /** Connections forwarded since the forwarder started, so that a test can tell a reconnection happened. */
    long getConnectionsForwarded();
}
