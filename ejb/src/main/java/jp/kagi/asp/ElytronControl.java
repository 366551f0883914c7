package jp.kagi.asp;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Executor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.jboss.as.controller.client.ModelControllerClient;
import org.jboss.as.controller.client.helpers.Operations;
import org.jboss.dmr.ModelNode;

/**
 * Tells WildFly to re-read the 8444 listener's files, through its own management API on the loopback interface. The
 * client authenticates with WildFly's local mechanism (JBOSS-LOCAL-USER: a challenge file only a process of the same
 * OS user on this machine can read), so no management password exists anywhere in Kagi. Runtime-only operations:
 * no reload, no restart, connections in progress are not touched. Each waits at most {@link #TIMEOUT}: while the
 * application itself is being deployed or undeployed, the management lock is held by that operation, which in turn
 * waits for the caller to finish; giving up (and retrying later) is what breaks that circle.
 */
final class ElytronControl {

    static final Duration TIMEOUT = Duration.ofSeconds(10);

    private final String host;
    private final int port;
    private final Executor executor;

    ElytronControl(String host, int port, Executor executor) {
        this.host = host;
        this.port = port;
        this.executor = executor;
    }

    /**
     * Reloads the key-store from its file, then rebuilds each trust manager from it and from its CRL file
     * ({@code reload-certificate-revocation-list} builds a new PKIX trust manager over the store's current anchors).
     */
    void reload(String keyStore, List<String> trustManagers) {
        try (ModelControllerClient client = ModelControllerClient.Factory.create("remote+http", host, port)) {
            execute(client, Operations.createOperation("load", elytron("key-store", keyStore)));
            for (String tm : trustManagers) {
                execute(client, Operations.createOperation("reload-certificate-revocation-list",
                        elytron("trust-manager", tm)));
            }
        } catch (IOException e) {
            throw new UncheckedIOException("WildFly management at " + host + ":" + port + " did not answer", e);
        }
    }

    private static ModelNode elytron(String type, String name) {
        return Operations.createAddress("subsystem", "elytron", type, name);
    }

    private void execute(ModelControllerClient client, ModelNode op) throws IOException {
        // client.execute waits without a bound; executeAsync changed its return type between WildFly Core versions.
        CompletableFuture<ModelNode> pending = CompletableFuture.supplyAsync(() -> {
            try {
                return client.execute(op);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }, executor);
        ModelNode result;
        try {
            result = pending.get(TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
        } catch (TimeoutException e) {
            pending.cancel(true);
            throw new IllegalStateException(op.get("operation").asString() + " did not finish within "
                    + TIMEOUT.toSeconds() + " s (the server is busy deploying or stopping)", e);
        } catch (ExecutionException e) {
            throw new IOException(e.getCause());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            pending.cancel(true);
            throw new IllegalStateException("interrupted", e);
        }
        if (!Operations.isSuccessfulOutcome(result)) {
            throw new IllegalStateException(op.get("operation").asString() + " on " + op.get("address")
                    + " failed: " + Operations.getFailureDescription(result).asString());
        }
    }
}
