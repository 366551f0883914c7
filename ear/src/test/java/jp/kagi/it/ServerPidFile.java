package jp.kagi.it;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Optional;
import org.jboss.arquillian.container.spi.event.container.AfterStart;
import org.jboss.arquillian.container.spi.event.container.AfterStop;
import org.jboss.arquillian.core.api.annotation.Observes;
import org.jboss.arquillian.core.spi.LoadableExtension;

/**
 * Writes the PID of the WildFly that Arquillian started (a child of this test JVM) to {@code ear/target/wildfly-it.pid},
 * so that .ci/run can stop a server an interrupted build of this checkout left running, and only that one.
 */
public final class ServerPidFile implements LoadableExtension {

    @Override
    public void register(ExtensionBuilder builder) {
        builder.observer(Writer.class);
    }

    static Path file() {
        return Path.of(System.getProperty("kagi.it.dir", "target/it")).toAbsolutePath().getParent()
                .resolve("wildfly-it.pid");
    }

    /** Arquillian's observer: after each container start and stop. */
    public static final class Writer {

        public void started(@Observes AfterStart event) {
            server().ifPresent(pid -> {
                try {
                    Path tmp = file().resolveSibling("wildfly-it.pid.tmp");
                    Files.writeString(tmp, pid + "\n");
                    Files.move(tmp, file(), StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
            });
        }

        public void stopped(@Observes AfterStop event) throws IOException {
            Files.deleteIfExists(file());
        }

        private static Optional<Long> server() {
            return ProcessHandle.current().children()
                    .filter(p -> p.info().arguments().map(a -> String.join(" ", a).contains("jboss-modules.jar"))
                            .orElse(false))
                    .map(ProcessHandle::pid).reduce((a, b) -> b);
        }
    }
}
