package jp.kagi.asp;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.List;
import org.jboss.as.controller.client.ModelControllerClient;
import org.jboss.as.controller.client.helpers.Operations;
import org.jboss.dmr.ModelNode;

/**
 * Tells WildFly to re-read the 8444 listener's files, through its own management API on the loopback interface. The
 * client authenticates with WildFly's local mechanism (JBOSS-LOCAL-USER: a challenge file only a process of the same
 * OS user on this machine can read), so no management password exists anywhere in Kagi. Runtime-only operations:
 * no reload, no restart, connections in progress are not touched.
 */
final class ElytronControl {

    private final String host;
    private final int port;

    ElytronControl(String host, int port) {
        this.host = host;
        this.port = port;
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

    private static void execute(ModelControllerClient client, ModelNode op) throws IOException {
        ModelNode result = client.execute(op);
        if (!Operations.isSuccessfulOutcome(result)) {
            throw new IllegalStateException(op.get("operation").asString() + " on " + op.get("address")
                    + " failed: " + Operations.getFailureDescription(result).asString());
        }
    }
}
