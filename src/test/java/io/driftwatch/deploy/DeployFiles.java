package io.driftwatch.deploy;

import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.fail;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import org.yaml.snakeyaml.LoaderOptions;

/** Every YAML document under deploy/, each with the file it came from, and lookups by kind and name. */
final class DeployFiles {

    static final Path ROOT = Path.of("deploy");

    /** One YAML document; {@code doc} is its parsed value (a map for every document deploy/ holds). */
    record Doc(Path file, int index, Map<String, Object> doc) {

        String kind() {
            return YamlPath.str(doc, "kind");
        }

        String name() {
            return YamlPath.str(doc, "metadata", "name");
        }

        String namespace() {
            return YamlPath.str(doc, "metadata", "namespace");
        }

        @Override
        public String toString() {
            return file + " #" + index + (kind() == null ? "" : " (" + kind() + " " + name() + ")");
        }
    }

    private final List<Doc> docs;

    private DeployFiles(List<Doc> docs) {
        this.docs = docs;
    }

    static DeployFiles load() {
        List<Doc> docs = new ArrayList<>();
        for (Path file : yamlFiles()) {
            int i = 0;
            for (Object o : parseAll(file)) {
                if (o == null) {
                    continue; // an empty document (a trailing ---)
                }
                if (!(o instanceof Map<?, ?>)) {
                    fail(file + " #" + i + " is not a YAML mapping");
                }
                docs.add(new Doc(file, i++, YamlPath.map(o)));
            }
        }
        return new DeployFiles(docs);
    }

    static List<Path> yamlFiles() {
        try (Stream<Path> walk = Files.walk(ROOT)) {
            return walk.filter(p -> p.toString().endsWith(".yaml") || p.toString().endsWith(".yml")).sorted().toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static List<Object> parseAll(Path file) {
        try {
            return parseAll(Files.readString(file));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static List<Object> parseAll(String text) {
        List<Object> out = new ArrayList<>();
        new org.yaml.snakeyaml.Yaml(new LoaderOptions()).loadAll(text).forEach(out::add);
        return out;
    }

    List<Doc> all() {
        return docs;
    }

    /** Kubernetes objects: documents with apiVersion and kind. */
    List<Doc> objects() {
        return docs.stream().filter(d -> d.doc().containsKey("apiVersion") && d.doc().containsKey("kind")).toList();
    }

    List<Doc> ofKind(String kind) {
        return objects().stream().filter(d -> kind.equals(d.kind())).toList();
    }

    Doc one(String kind, String name) {
        List<Doc> found = ofKind(kind).stream().filter(d -> name.equals(d.name())).toList();
        if (found.size() != 1) {
            fail("expected one " + kind + " named " + name + " under deploy/, found " + found.size());
        }
        return found.get(0);
    }

    /** The object of this kind, name and namespace, or null. */
    Doc find(String kind, String name, String namespace) {
        return ofKind(kind).stream()
                .filter(d -> name.equals(d.name()) && (namespace == null || namespace.equals(d.namespace())))
                .findFirst().orElse(null);
    }

    /** The documents of one file, by path relative to deploy/. */
    List<Doc> file(String relative) {
        Path p = ROOT.resolve(relative);
        List<Doc> found = docs.stream().filter(d -> d.file().equals(p)).toList();
        assertNotNull(found.isEmpty() ? null : found, "no YAML documents in " + p);
        return found;
    }

    /** Small, typed access into parsed YAML. */
    static final class YamlPath {

        private YamlPath() {
        }

        @SuppressWarnings("unchecked")
        static Map<String, Object> map(Object o) {
            return o instanceof Map<?, ?> m ? (Map<String, Object>) m : Map.of();
        }

        @SuppressWarnings("unchecked")
        static List<Object> list(Object o) {
            return o instanceof List<?> l ? (List<Object>) l : List.of();
        }

        static Object at(Object root, String... path) {
            Object o = root;
            for (String key : path) {
                if (!(o instanceof Map<?, ?> m)) {
                    return null;
                }
                o = m.get(key);
            }
            return o;
        }

        static String str(Object root, String... path) {
            Object o = at(root, path);
            return o == null ? null : o.toString();
        }

        static List<Map<String, Object>> maps(Object root, String... path) {
            return list(at(root, path)).stream().map(YamlPath::map).toList();
        }
    }
}
