package id.atensi.beneficiary.registry;

import io.vertx.core.Vertx;
import io.vertx.core.http.HttpServer;
import io.vertx.core.json.JsonObject;

import java.util.Queue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A caller's on-search endpoint on 127.0.0.1: keeps what it receives, refuses the first deliveries when told to, when
 * told to hang takes requests and never answers them (a subscriber whose process is stuck), and when told to hold
 * answers takes requests and answers them when the test releases them.
 */
public final class CallbackReceiver implements AutoCloseable {

    private final Vertx vertx = Vertx.vertx();
    private final HttpServer server;
    private final BlockingQueue<JsonObject> received = new LinkedBlockingQueue<>();
    private final AtomicInteger refusals = new AtomicInteger();
    private final AtomicInteger attempts = new AtomicInteger();
    private final AtomicBoolean hanging = new AtomicBoolean();
    private final AtomicBoolean holding = new AtomicBoolean();
    private final Queue<Runnable> held = new ConcurrentLinkedQueue<>();

    public CallbackReceiver() {
        this(0);
    }

    /** On the given port (0: any free one), so that a receiver can come back where a stopped one was. */
    public CallbackReceiver(int port) {
        server = vertx.createHttpServer().requestHandler(request -> request.body().onSuccess(body -> {
            attempts.incrementAndGet();
            if (hanging.get()) {
                return;
            }
            if (refusals.getAndUpdate(left -> Math.max(0, left - 1)) > 0) {
                request.response().setStatusCode(503).end();
                return;
            }
            Runnable answer = () -> {
                received.add(new JsonObject(body.toString()).put("path", request.path()));
                request.response().putHeader("Content-Type", "application/json")
                        .end("{\"message\": {\"ack_status\": \"ACK\", \"timestamp\": \"2026-12-03T12:00:00Z\", \"correlation_id\": \"x\"}}");
            };
            if (holding.get()) {
                held.add(answer);
            } else {
                answer.run();
            }
        })).listen(port, "127.0.0.1").toCompletionStage().toCompletableFuture().join();
    }

    public String url(String path) {
        return "http://127.0.0.1:" + server.actualPort() + path;
    }

    public int port() {
        return server.actualPort();
    }

    /** From now on, requests are read and never answered (true), or answered again (false). */
    public void hang(boolean hang) {
        hanging.set(hang);
    }

    /** From now on, requests are taken and their answers held until {@link #releaseHeld()}. */
    public void holdAnswers() {
        holding.set(true);
    }

    public int heldAnswers() {
        return held.size();
    }

    /** Answers every held request (each then counts as received) and answers at once again. */
    public void releaseHeld() {
        holding.set(false);
        for (Runnable answer = held.poll(); answer != null; answer = held.poll()) {
            answer.run();
        }
    }

    public void refuseNext(int deliveries) {
        refusals.set(deliveries);
    }

    public int attempts() {
        return attempts.get();
    }

    /** The next callback received, or a failure naming the wait. */
    public JsonObject next(long seconds) throws InterruptedException {
        JsonObject body = received.poll(seconds, TimeUnit.SECONDS);
        if (body == null) {
            throw new AssertionError("no callback within " + seconds + " s");
        }
        return body;
    }

    /** The next callback received within the time, or null. */
    public JsonObject nextWithin(long millis) throws InterruptedException {
        return received.poll(millis, TimeUnit.MILLISECONDS);
    }

    public boolean nothingWithin(long millis) throws InterruptedException {
        return received.poll(millis, TimeUnit.MILLISECONDS) == null;
    }

    @Override
    public void close() {
        vertx.close().toCompletionStage().toCompletableFuture().join();
    }
}
