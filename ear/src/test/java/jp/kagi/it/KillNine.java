package jp.kagi.it;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.time.Duration;
import java.util.List;
import org.jboss.arquillian.container.test.api.ContainerController;

/** SIGKILL to the restart tests' server JVM (the one with their base directory), then tell Arquillian it is gone. */
final class KillNine {

    private KillNine() {
    }

    static void server(ContainerController controller, String container) {
        String marker = "-Djboss.server.base.dir=" + System.getProperty("kagi.it.dir") + "/restart";
        List<ProcessHandle> servers = ProcessHandle.allProcesses().filter(p -> p.info().arguments()
                .map(args -> List.of(args).contains(marker)).orElse(false)).toList();
        assertEquals(1, servers.size(), "exactly one server of this test runs");
        ProcessHandle server = servers.get(0);
        server.destroyForcibly();
        Poll.until("the killed server's JVM to end", Duration.ofSeconds(30), () -> !server.isAlive());
        try {
            controller.kill(container);
        } catch (RuntimeException alreadyGone) {
            // the process is gone already; Arquillian only needed to hear it
        }
    }
}
