package io.driftwatch.bench;

import java.io.IOException;
import java.io.PrintStream;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * The packaged service ({@code target/quarkus-app/quarkus-run.jar}) as a child process on a free port, with
 * its own H2 database in a fresh temporary directory; stopped by {@link #close()}.
 */
final class ServiceProcess implements AutoCloseable {

    /** The admin token the benchmark's service runs with; {@code --url} services take DRIFTWATCH_TOKEN. */
    static final String TOKEN = System.getenv().getOrDefault("DRIFTWATCH_TOKEN", "bench-admin-token");


    private final Process process;
    private final URI base;
    private final Path log;

    private ServiceProcess(Process process, URI base, Path log) {
        this.process = process;
        this.base = base;
        this.log = log;
    }

    static ServiceProcess start(Path jar, Path rulesDir, List<String> jvmOptions, PrintStream out) throws Exception {
        if (!Files.isRegularFile(jar)) {
            throw new IllegalStateException(jar + " not found: package the service first (mvn package -DskipTests)");
        }
        int port;
        try (ServerSocket s = new ServerSocket(0)) {
            port = s.getLocalPort();
        }
        Path dir = Files.createTempDirectory("driftwatch-bench-");
        Path log = dir.resolve("service.log");
        List<String> command = new ArrayList<>();
        command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        command.addAll(jvmOptions);
        command.add("-Dquarkus.http.port=" + port);
        command.add("-Dquarkus.datasource.h2.jdbc.url=jdbc:h2:file:" + dir.resolve("db").toAbsolutePath()
                + ";DB_CLOSE_ON_EXIT=FALSE;WRITE_DELAY=0");
        command.add("-Ddriftwatch.journal.dir=" + dir.resolve("journal").toAbsolutePath());
        command.add("-Ddriftwatch.rules.dir=" + rulesDir.toAbsolutePath());
        command.add("-Ddriftwatch.admin-token=" + TOKEN);
        command.add("-jar");
        command.add(jar.toAbsolutePath().toString());
        out.printf("   starting the service: %s%n   log: %s%n", String.join(" ", command), log);
        Process p = new ProcessBuilder(command).directory(dir.toFile()).redirectErrorStream(true)
                .redirectOutput(log.toFile()).start();
        ServiceProcess service = new ServiceProcess(p, URI.create("http://127.0.0.1:" + port), log);
        service.awaitReady(Duration.ofMinutes(3));
        return service;
    }

    URI base() {
        return base;
    }

    long pid() {
        return process.pid();
    }

    private void awaitReady(Duration timeout) throws Exception {
        HttpClient client = HttpClient.newHttpClient();
        long deadline = System.nanoTime() + timeout.toNanos();
        while (System.nanoTime() < deadline) {
            if (!process.isAlive()) {
                throw new IllegalStateException("the service exited with " + process.exitValue() + "; see " + log
                        + ":\n" + tail());
            }
            try {
                HttpResponse<Void> r = client.send(HttpRequest.newBuilder(base.resolve("/q/health/ready"))
                        .timeout(Duration.ofSeconds(2)).GET().build(), HttpResponse.BodyHandlers.discarding());
                if (r.statusCode() == 200) {
                    return;
                }
            } catch (IOException e) {
                // not listening yet
            }
            Thread.sleep(250);
        }
        throw new IllegalStateException("the service was not ready within " + timeout + "; see " + log);
    }

    /** The child's live heap after a full GC, from jcmd; null when jcmd is not available. */
    String liveHeap() {
        try {
            Path jcmd = Path.of(System.getProperty("java.home"), "bin", "jcmd");
            run(jcmd.toString(), Long.toString(pid()), "GC.run");
            String info = run(jcmd.toString(), Long.toString(pid()), "GC.heap_info");
            for (String line : info.split("\n")) {
                if (line.contains("used")) {
                    return line.trim();
                }
            }
            return info;
        } catch (Exception e) {
            return null;
        }
    }

    private static String run(String... command) throws Exception {
        Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
        String text = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        p.waitFor(30, TimeUnit.SECONDS);
        return text;
    }

    private String tail() throws IOException {
        List<String> lines = Files.readAllLines(log);
        return String.join("\n", lines.subList(Math.max(0, lines.size() - 30), lines.size()));
    }

    @Override
    public void close() throws InterruptedException {
        process.destroy();
        if (!process.waitFor(30, TimeUnit.SECONDS)) {
            process.destroyForcibly();
        }
    }
}
