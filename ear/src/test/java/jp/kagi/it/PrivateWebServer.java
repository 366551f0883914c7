package jp.kagi.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * A private nginx or Apache httpd for one test: its own directory, configuration, free high port and pid file. The
 * machine's own nginx/apache2 service, if any, is never touched: every command names this instance's files, and
 * stop signals only the pid this instance wrote.
 */
final class PrivateWebServer implements AutoCloseable {

    private final String name;
    private final Path dir;
    private final Path pidFile;
    private final List<String> stopCommand;
    final int port;

    private PrivateWebServer(String name, Path dir, int port, List<String> stopCommand) {
        this.name = name;
        this.dir = dir;
        this.port = port;
        this.pidFile = dir.resolve(name + ".pid");
        this.stopCommand = stopCommand;
    }

    /** Installs Debian's package when its binary is missing (the tests run as root on a Debian machine). */
    static void ensureInstalled(String binary, String debianPackage)
            throws IOException, InterruptedException {
        if (Files.isExecutable(Path.of("/usr/sbin/" + binary))) {
            return;
        }
        ProcessBuilder apt = new ProcessBuilder("sh", "-c", "apt-get update -qq && apt-get install -y -qq "
                + debianPackage);
        apt.environment().put("DEBIAN_FRONTEND", "noninteractive");
        Result r = run(apt, Duration.ofMinutes(10));
        assertEquals(0, r.exit(), "apt-get install " + debianPackage + ": " + r.output());
    }

    /**
     * nginx with a main configuration of the customer's own (pid, logs, temp paths under {@code dir}) that includes
     * {@code serverBlock} (the kit's file, installed as the guide says) in its http block.
     */
    static PrivateWebServer nginx(Path dir, Path serverBlock) throws IOException, InterruptedException {
        return nginx(dir, serverBlock, "");
    }

    /**
     * The same, with {@code mainDirectives} in the main context, e.g. Debian's own {@code worker_processes auto;} for
     * a benchmark, where one worker on a multi-core machine would not be nginx as shipped.
     */
    static PrivateWebServer nginx(Path dir, Path serverBlock, String mainDirectives)
            throws IOException, InterruptedException {
        Path conf = dir.resolve("nginx.conf");
        Files.createDirectories(dir.resolve("logs"));
        Files.writeString(conf, String.join("\n",
                mainDirectives,
                "pid " + dir.resolve("nginx.pid") + ";",
                "error_log " + dir.resolve("logs/error.log") + " info;",
                "events { worker_connections 64; }",
                "http {",
                "    access_log " + dir.resolve("logs/access.log") + ";",
                "    client_body_temp_path " + dir.resolve("client_body") + ";",
                "    proxy_temp_path " + dir.resolve("proxy") + ";",
                "    fastcgi_temp_path " + dir.resolve("fastcgi") + ";",
                "    uwsgi_temp_path " + dir.resolve("uwsgi") + ";",
                "    scgi_temp_path " + dir.resolve("scgi") + ";",
                "    include " + serverBlock + ";",
                "}", ""));
        List<String> base = List.of("nginx", "-p", dir.toString(), "-c", conf.toString());
        must(with(base, "-t"));
        must(base);
        return new PrivateWebServer("nginx", dir, -1, with(base, "-s", "stop")).awaitPid();
    }

    /** Apache httpd with a main configuration of the customer's own that loads the modules and includes the vhost. */
    static PrivateWebServer apache(Path dir, Path vhost, int port) throws IOException, InterruptedException {
        Path conf = dir.resolve("httpd.conf");
        Files.createDirectories(dir.resolve("logs"));
        String modules = "/usr/lib/apache2/modules/";
        List<String> lines = new ArrayList<>(List.of(
                "ServerRoot " + dir,
                "PidFile " + dir.resolve("apache.pid"),
                "ErrorLog " + dir.resolve("logs/error.log"),
                "LogLevel info ssl:info",
                "Mutex file:" + dir,
                "DefaultRuntimeDir " + dir,
                "ServerName 127.0.0.1",
                "Listen 127.0.0.1:" + port,
                "User nobody",
                "Group nogroup"));
        for (String m : List.of("mpm_event", "authz_core", "ssl", "headers", "proxy", "proxy_http", "socache_shmcb")) {
            lines.add("LoadModule " + m + "_module " + modules + "mod_" + m + ".so");
        }
        lines.add("Include " + vhost);
        Files.writeString(conf, String.join("\n", lines) + "\n");
        List<String> base = List.of("apache2", "-d", dir.toString(), "-f", conf.toString());
        must(with(base, "-t"));
        must(with(base, "-k", "start"));
        return new PrivateWebServer("apache", dir, port, with(base, "-k", "stop")).awaitPid();
    }

    /** The command that reloads this instance gracefully, for the kit's refresh script (KAGI_RELOAD_COMMAND). */
    static String apacheGracefulCommand(Path dir) {
        return "apache2 -d '" + dir + "' -f '" + dir.resolve("httpd.conf") + "' -k graceful";
    }

    String errorLog() {
        try {
            return Files.readString(dir.resolve("logs/error.log"), StandardCharsets.UTF_8);
        } catch (IOException e) {
            return "(no error log: " + e + ")";
        }
    }

    @Override
    public void close() throws IOException, InterruptedException {
        if (Files.exists(pidFile)) {
            run(new ProcessBuilder(stopCommand), Duration.ofSeconds(30));
            Poll.until(name + " stopped", Duration.ofSeconds(30), () -> !Files.exists(pidFile));
        }
    }

    private PrivateWebServer awaitPid() {
        Poll.until(name + " wrote its pid file", Duration.ofSeconds(30), () -> Files.exists(pidFile));
        return this;
    }

    static int freePort() throws IOException {
        try (ServerSocket s = new ServerSocket(0)) {
            return s.getLocalPort();
        }
    }

    record Result(int exit, String output) {
    }

    static Result run(ProcessBuilder command, Duration bound) throws IOException, InterruptedException {
        // Output to a file, not a pipe: a daemon that kept the pipe open would block the read until it exits.
        Path log = Files.createTempFile("kagi-cmd", ".log");
        try {
            Process p = command.redirectErrorStream(true).redirectOutput(log.toFile()).start();
            assertTrue(p.waitFor(bound.toSeconds(), TimeUnit.SECONDS), String.join(" ", command.command()));
            return new Result(p.exitValue(), Files.readString(log, StandardCharsets.UTF_8));
        } finally {
            Files.deleteIfExists(log);
        }
    }

    static String must(List<String> command) throws IOException, InterruptedException {
        return must(command, Map.of());
    }

    static String must(List<String> command, Map<String, String> env) throws IOException, InterruptedException {
        ProcessBuilder b = new ProcessBuilder(command);
        b.environment().putAll(env);
        Result r = run(b, Duration.ofSeconds(120));
        assertEquals(0, r.exit(), String.join(" ", command) + "\n" + r.output());
        return r.output();
    }

    private static List<String> with(List<String> base, String... more) {
        List<String> all = new ArrayList<>(base);
        all.addAll(List.of(more));
        return all;
    }
}
