package jp.kagi.it;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicLong;
import javax.net.ssl.SSLSession;
import javax.net.ssl.SSLSocket;

/**
 * The load client of {@link HandshakeBenchmarkIT}, the same for Kagi's 8444 and for nginx: N threads, a warm-up,
 * then a measured window in which only the operations that finish inside it count.
 */
final class HandshakeLoad {

    /** What one run measured: operations per second in the window, failures, and the TLS parameters seen. */
    record Result(long operations, long failures, double perSecond, String negotiated, String firstFailure) {
    }

    private final int threads;
    private final Duration warmUp;
    private final Duration measure;

    HandshakeLoad(int threads, Duration warmUp, Duration measure) {
        this.threads = threads;
        this.warmUp = warmUp;
        this.measure = measure;
    }

    /** One operation of one thread; returns the "protocol cipher" it negotiated, or throws on failure. */
    private interface Operation {
        String run() throws IOException, InterruptedException;
    }

    /**
     * New mutual-TLS handshakes: every connection gets a new SSLContext, so the client has no session to resume and
     * each handshake is a full one with the client certificate; then one small GET with Connection: close.
     */
    Result handshakes(TlsClient.Keys keys, int port, String path) throws InterruptedException, ExecutionException {
        byte[] request = ("GET " + path + " HTTP/1.1\r\nHost: localhost\r\nConnection: close\r\n\r\n")
                .getBytes(StandardCharsets.US_ASCII);
        return run(() -> () -> {
            try (SSLSocket socket = (SSLSocket) TlsClient.context(keys).getSocketFactory()
                    .createSocket("127.0.0.1", port)) {
                socket.setSoTimeout(20_000);
                socket.startHandshake();
                OutputStream out = socket.getOutputStream();
                out.write(request);
                out.flush();
                InputStream in = socket.getInputStream();
                String answer = new String(in.readAllBytes(), StandardCharsets.ISO_8859_1);
                if (!answer.startsWith("HTTP/1.1 200")) {
                    throw new IOException("not 200: " + answer.lines().findFirst().orElse("(nothing)"));
                }
                SSLSession session = socket.getSession();
                return session.getProtocol() + " " + session.getCipherSuite();
            } catch (GeneralSecurityException e) {
                throw new IOException(e);
            }
        });
    }

    /** Requests on kept-alive connections: one HttpClient (so one HTTP/1.1 connection) per thread. */
    Result keptAlive(TlsClient.Keys keys, String url) throws InterruptedException, ExecutionException {
        return run(() -> {
            HttpClient client;
            try {
                client = HttpClient.newBuilder().sslContext(TlsClient.context(keys)).version(HttpClient.Version.HTTP_1_1)
                        .connectTimeout(Duration.ofSeconds(10)).build();
            } catch (GeneralSecurityException e) {
                throw new IllegalStateException(e);
            }
            HttpRequest get = HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(20)).GET().build();
            return () -> {
                HttpResponse<byte[]> r = client.send(get, HttpResponse.BodyHandlers.ofByteArray());
                if (r.statusCode() != 200) {
                    throw new IOException("status " + r.statusCode());
                }
                return r.sslSession().map(s -> s.getProtocol() + " " + s.getCipherSuite()).orElse("?");
            };
        });
    }

    private Result run(java.util.function.Supplier<Operation> perThread)
            throws InterruptedException, ExecutionException {
        long start = System.nanoTime();
        long from = start + warmUp.toNanos();
        long to = from + measure.toNanos();
        AtomicLong done = new AtomicLong();
        AtomicLong failed = new AtomicLong();
        var negotiated = ConcurrentHashMap.<String>newKeySet();
        var firstFailure = new java.util.concurrent.atomic.AtomicReference<String>();
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        try {
            List<Future<?>> workers = new ArrayList<>();
            for (int t = 0; t < threads; t++) {
                workers.add(pool.submit(() -> {
                    Operation op = perThread.get();
                    while (System.nanoTime() < to) {
                        try {
                            String tls = op.run();
                            long now = System.nanoTime();
                            if (now >= from && now < to) {
                                done.incrementAndGet();
                                negotiated.add(tls);
                            }
                        } catch (IOException e) {
                            failed.incrementAndGet();
                            firstFailure.compareAndSet(null, e.toString());
                        } catch (InterruptedException e) {
                            Thread.currentThread().interrupt();
                            return;
                        }
                    }
                }));
            }
            for (Future<?> w : workers) {
                w.get();
            }
        } finally {
            pool.shutdownNow();
        }
        return new Result(done.get(), failed.get(), done.get() / (measure.toNanos() / 1e9),
                String.join(", ", new java.util.TreeSet<>(negotiated)), firstFailure.get());
    }
}
