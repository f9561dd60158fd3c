package id.atensi.gateway.limits;

import io.vertx.core.Handler;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.core.streams.ReadStream;

/**
 * A request body on its way to the service, counted while it streams: past the limit (for a body without a
 * declared length) no more is passed on and {@code onExceeded} runs once (it answers 413 and breaks off the
 * forward); each chunk passed on runs {@code onChunk}.
 */
public final class LimitedBody implements ReadStream<Buffer> {

    private final HttpServerRequest request;
    private final long limit;
    private final Runnable onExceeded;
    private final Runnable onChunk;
    private long received;
    private boolean exceeded;

    public LimitedBody(HttpServerRequest request, long limit, Runnable onExceeded, Runnable onChunk) {
        this.request = request;
        this.limit = limit;
        this.onExceeded = onExceeded;
        this.onChunk = onChunk;
    }

    public boolean exceeded() {
        return exceeded;
    }

    @Override
    public ReadStream<Buffer> handler(Handler<Buffer> handler) {
        if (handler == null) {
            request.handler(null);
            return this;
        }
        request.handler(chunk -> {
            if (exceeded) {
                return;
            }
            received += chunk.length();
            if (received > limit) {
                exceeded = true;
                onExceeded.run();
            } else {
                onChunk.run();
                handler.handle(chunk);
            }
        });
        return this;
    }

    @Override
    public ReadStream<Buffer> exceptionHandler(Handler<Throwable> handler) {
        request.exceptionHandler(handler);
        return this;
    }

    @Override
    public ReadStream<Buffer> pause() {
        request.pause();
        return this;
    }

    @Override
    public ReadStream<Buffer> resume() {
        request.resume();
        return this;
    }

    @Override
    public ReadStream<Buffer> fetch(long amount) {
        request.fetch(amount);
        return this;
    }

    @Override
    public ReadStream<Buffer> endHandler(Handler<Void> endHandler) {
        request.endHandler(endHandler);
        return this;
    }
}
