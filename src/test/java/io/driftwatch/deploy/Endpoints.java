package io.driftwatch.deploy;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.lang.reflect.Method;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.SortedSet;
import java.util.TreeSet;
import java.util.stream.Stream;

import jakarta.ws.rs.POST;

/** The service's POST endpoints, read from the compiled JAX-RS resources (so a renamed path is noticed). */
final class Endpoints {

    private static final Path CLASSES = Path.of("target/classes");

    private Endpoints() {
    }

    static SortedSet<String> posts() {
        SortedSet<String> out = new TreeSet<>();
        try (Stream<Path> walk = Files.walk(CLASSES.resolve("io/driftwatch"))) {
            for (Path p : walk.filter(f -> f.toString().endsWith(".class") && !f.toString().contains("$")).toList()) {
                String name = CLASSES.relativize(p).toString().replace('/', '.').replaceAll("\\.class$", "");
                Class<?> c = Class.forName(name, false, Endpoints.class.getClassLoader());
                jakarta.ws.rs.Path base = c.getAnnotation(jakarta.ws.rs.Path.class);
                if (base == null) {
                    continue;
                }
                for (Method m : c.getDeclaredMethods()) {
                    if (m.isAnnotationPresent(POST.class)) {
                        jakarta.ws.rs.Path sub = m.getAnnotation(jakarta.ws.rs.Path.class);
                        out.add(join(base.value(), sub == null ? "" : sub.value()));
                    }
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (ClassNotFoundException e) {
            throw new AssertionError(e);
        }
        return out;
    }

    private static String join(String a, String b) {
        String path = ("/" + a + "/" + b).replaceAll("/+", "/");
        return path.length() > 1 && path.endsWith("/") ? path.substring(0, path.length() - 1) : path;
    }

    /** The path of an http(s) URL, without query. */
    static String pathOf(String url) {
        return java.net.URI.create(url).getPath();
    }
}
