package id.atensi.beneficiary;

import java.util.Properties;
import java.util.concurrent.ThreadLocalRandom;

/**
 * A counter shared by every class loader of the test JVM: Quarkus loads the test fixtures again for each application
 * start, so a static field would be one counter per start. Kept as a string in the system properties (other code reads
 * every system property as a string), updated under the lock of the one Properties object they all see.
 */
public final class JvmCounter {

    private JvmCounter() {
    }

    /**
     * The counter's next value; its first is random below {@code randomStartBound}, so a kept database sees new values.
     * {@code name} is a system property: one under {@code atensi.} would fail the next application start, whose
     * configuration mapping refuses a property it does not know under its root.
     */
    public static int next(String name, int randomStartBound) {
        Properties properties = System.getProperties();
        synchronized (properties) {
            String current = properties.getProperty(name);
            int value = current == null ? ThreadLocalRandom.current().nextInt(1, randomStartBound) : Integer.parseInt(current);
            properties.setProperty(name, Integer.toString(value + 1));
            return value;
        }
    }
}
