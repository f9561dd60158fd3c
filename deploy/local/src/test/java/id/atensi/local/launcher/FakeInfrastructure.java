package id.atensi.local.launcher;

/** Stands in for {@code LocalMain infrastructure} in the launcher's tests: says READY, then runs until stopped. */
public final class FakeInfrastructure {

    private FakeInfrastructure() {
    }

    public static void main(String[] args) throws InterruptedException {
        System.out.println("READY fake-infrastructure");
        System.out.flush();
        Thread.sleep(Long.MAX_VALUE);
    }
}
