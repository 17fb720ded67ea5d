package io.driftwatch.it;

import java.io.IOException;
import java.net.HttpURLConnection;
import java.net.ServerSocket;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/** The packaged service (target/quarkus-app) as a child process, for tests that stop and restart it. */
final class PackagedApp implements AutoCloseable {

    static final String ADMIN_TOKEN = "it-admin-token";

    private final Path dataDir;
    private final List<String> extraArgs;
    private final int port;
    private Process process;

    PackagedApp(Path dataDir, String... extraArgs) throws IOException {
        this.dataDir = dataDir;
        this.extraArgs = List.of(extraArgs);
        try (ServerSocket s = new ServerSocket(0)) {
            this.port = s.getLocalPort();
        }
    }

    /** Waits (bounded, 10 s) until the app's log contains the text. */
    void awaitLog(String text) throws Exception {
        Path log = dataDir.resolve("app.log");
        for (int i = 0; i < 100; i++) {
            if (Files.readString(log).contains(text)) {
                return;
            }
            Thread.sleep(100); // a child process's log: nothing to advance
        }
        throw new AssertionError("'" + text + "' not logged within 10 s:\n" + Files.readString(log));
    }

    /** A request to the app, with its admin token. */
    io.restassured.specification.RequestSpecification request() {
        return io.restassured.RestAssured.given().baseUri(url()).header("Authorization", "Bearer " + ADMIN_TOKEN);
    }

    String url() {
        return "http://localhost:" + port;
    }

    void start() throws Exception {
        Path jar = Path.of("target/quarkus-app/quarkus-run.jar").toAbsolutePath();
        if (!Files.exists(jar)) {
            throw new IllegalStateException("package the app first (mvn verify runs this test after packaging)");
        }
        List<String> cmd = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Dquarkus.http.port=" + port,
                "-Dquarkus.datasource.h2.jdbc.url=jdbc:h2:file:" + dataDir.resolve("db").toAbsolutePath() + ";DB_CLOSE_ON_EXIT=FALSE;WRITE_DELAY=0",
                "-Ddriftwatch.journal.dir=" + dataDir.resolve("journal").toAbsolutePath(),
                "-Ddriftwatch.rules.dir=" + Path.of("rules").toAbsolutePath(),
                "-Ddriftwatch.admin-token=" + ADMIN_TOKEN));
        cmd.addAll(extraArgs);
        cmd.addAll(List.of("-jar", jar.toString()));
        process = new ProcessBuilder(cmd).redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.appendTo(dataDir.resolve("app.log").toFile())).start();
        Instant deadline = Instant.now().plus(Duration.ofSeconds(90));
        while (Instant.now().isBefore(deadline)) {
            if (!process.isAlive()) {
                throw new IllegalStateException("the app exited at start:\n" + Files.readString(dataDir.resolve("app.log")));
            }
            try {
                HttpURLConnection c = (HttpURLConnection) URI.create(url() + "/q/health/ready").toURL().openConnection();
                if (c.getResponseCode() == 200) {
                    return;
                }
            } catch (IOException notYet) {
                // not listening yet
            }
            Thread.sleep(200); // polling a child process's readiness: there is no clock to advance here
        }
        throw new IllegalStateException("the app did not become ready in 90 s");
    }

    /** SIGKILL: no shutdown hook runs, as when a machine dies. */
    void kill() throws InterruptedException {
        process.destroyForcibly();
        process.waitFor();
    }

    @Override
    public void close() throws InterruptedException {
        if (process != null && process.isAlive()) {
            process.destroy();
            process.waitFor();
        }
    }
}
