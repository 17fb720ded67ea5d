package io.driftwatch.deploy;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;

import org.junit.jupiter.api.Test;

/** deploy/Dockerfile copies what Quarkus' fast-jar package creates, runs it as a non-root user, and names real settings. */
class DockerfileTest {

    static final Path DOCKERFILE = DeployFiles.ROOT.resolve("Dockerfile");
    static final Path APP = Path.of("target/quarkus-app");
    /** What the fast-jar package writes under target/quarkus-app, and what runs it. */
    static final Set<String> FAST_JAR = Set.of("lib/", "*.jar", "app/", "quarkus/");

    static List<String> instructions() {
        try {
            String text = Files.readString(DOCKERFILE).replaceAll("\\\\\\n", " ");
            return text.lines().map(String::strip).filter(l -> !l.isEmpty() && !l.startsWith("#")).toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** COPY source to destination, in order. */
    static Map<String, String> copies() {
        Map<String, String> out = new LinkedHashMap<>();
        for (String l : instructions()) {
            if (l.startsWith("COPY ")) {
                String[] parts = l.substring(5).replaceAll("--chown=\\S+", "").trim().split("\\s+");
                assertEquals(2, parts.length, "one source per COPY: " + l);
                out.putIfAbsent(parts[0], parts[1]);
            }
        }
        return out;
    }

    /** Where the image holds a repository path (the first COPY of it). */
    static String destinationOf(String source) {
        String d = copies().get(source);
        assertNotNull(d, "deploy/Dockerfile does not copy " + source);
        return d;
    }

    @Test
    void itCopiesTheFastJarLayoutAndRunsItsLauncher() {
        List<String> fromApp = new ArrayList<>();
        copies().keySet().stream().filter(s -> s.startsWith(APP + "/"))
                .forEach(s -> fromApp.add(s.substring(APP.toString().length() + 1)));
        assertEquals(FAST_JAR, Set.copyOf(fromApp), "the Dockerfile copies the fast-jar directories");
        Properties props = ConfigNames.applicationProperties();
        String type = props.getProperty("quarkus.package.jar.type", "fast-jar");
        assertEquals("fast-jar", type, "the Dockerfile expects the fast-jar package");
        for (String moved : List.of("quarkus.package.output-directory", "quarkus.package.output-name",
                "quarkus.package.jar.enabled")) {
            assertFalse(props.containsKey(moved), moved + " changes what the Dockerfile copies");
        }
        String jarDir = destinationOf(APP + "/*.jar");
        String entry = instructions().stream().filter(l -> l.startsWith("ENTRYPOINT")).findFirst().orElseThrow();
        assertTrue(entry.contains("\"" + jarDir + "quarkus-run.jar\""), "ENTRYPOINT runs the copied launcher: " + entry);
        assertEquals(destinationOf(APP + "/lib/"), jarDir + "lib/", "lib/ sits next to quarkus-run.jar");
        assertEquals(destinationOf(APP + "/app/"), jarDir + "app/");
        assertEquals(destinationOf(APP + "/quarkus/"), jarDir + "quarkus/");
        if (Files.isDirectory(APP)) { // after mvn package: the paths are there
            assertTrue(Files.isRegularFile(APP.resolve("quarkus-run.jar")));
            for (String d : List.of("lib", "app", "quarkus")) {
                assertTrue(Files.isDirectory(APP.resolve(d)), APP.resolve(d) + " after packaging");
            }
        }
    }

    @Test
    void itIsTheTemurin17JreRunAsANonRootUser() {
        assertEquals("FROM eclipse-temurin:17-jre", instructions().get(0));
        String user = instructions().stream().filter(l -> l.startsWith("USER ")).reduce((a, b) -> b).orElseThrow();
        int uid = Integer.parseInt(user.substring(5).trim());
        assertTrue(uid > 0);
        Object podUid = DeployFiles.YamlPath.at(KubernetesManifestsTest.podSpec(KubernetesManifestsTest.deployment()),
                "securityContext", "runAsUser");
        assertEquals(uid, ((Number) podUid).intValue(), "the pod runs as the image's user");
        assertTrue(instructions().stream().anyMatch(l -> l.equals("EXPOSE "
                + ConfigNames.applicationProperties().getProperty("quarkus.http.port"))));
    }

    @Test
    void everyCopiedPathExistsAndPassesTheIgnoreFile() throws IOException {
        List<String> ignore = Files.readAllLines(DeployFiles.ROOT.resolve("Dockerfile.dockerignore"));
        assertTrue(ignore.contains("*"), "the ignore file starts from nothing");
        for (String source : copies().keySet()) {
            String top = source.startsWith(APP + "/") ? APP + "/" : source;
            assertTrue(ignore.contains("!" + top), source + " is excluded from the build context");
            if (!source.startsWith(APP + "/")) {
                assertTrue(Files.isDirectory(Path.of(source)), source + " exists in the repository");
            }
        }
    }

    @Test
    void itsEnvironmentNamesRealSettings() {
        for (String l : instructions()) {
            if (l.startsWith("ENV ")) {
                for (String assignment : l.substring(4).trim().split("\\s+")) {
                    String name = assignment.substring(0, assignment.indexOf('='));
                    if (name.startsWith("DRIFTWATCH_") || name.startsWith("QUARKUS_")) {
                        assertNotNull(ConfigNames.propertyOf(name, ConfigNames.known()), "ENV " + name);
                    }
                }
            }
        }
    }
}
