package io.driftwatch.drift;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.MappingIterator;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;

/**
 * Reads the approved configuration from a directory: {@code <dir>/<agentId>/**.yaml}, each file holding YAML
 * documents that are either Kubernetes manifests (they have {@code apiVersion}) or cloud objects in Driftwatch's
 * small form ({@code kind}, {@code region} when regional, {@code name}, then the object's fields as the
 * CloudTrail adapter normalizes them). The folder name is the agent: a cluster's configured name, or
 * {@code aws-<account id>}.
 */
public final class ApprovedFiles {

    /** Kubernetes kinds that live outside namespaces. */
    static final Set<String> CLUSTER_SCOPED = Set.of("Namespace", "ClusterRole", "ClusterRoleBinding",
            "ValidatingWebhookConfiguration", "MutatingWebhookConfiguration", "ValidatingAdmissionPolicy",
            "ValidatingAdmissionPolicyBinding", "Node", "PersistentVolume", "CustomResourceDefinition", "StorageClass",
            "PriorityClass");
    /** Cloud kinds whose objects are global to the account rather than regional. */
    static final Set<String> GLOBAL_CLOUD = Set.of("IamRole", "IamUser", "IamGroup", "IamPolicy", "AccessKey");

    private static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory());

    /** One approved object and where it came from. */
    public record Entry(ConfigObject object, String file, String sourceHash) {
    }

    private ApprovedFiles() {
    }

    /** Every approved object under {@code dir}; an empty list when the directory does not exist. */
    public static List<Entry> read(Path dir) throws ApprovedConfigException {
        List<Entry> out = new ArrayList<>();
        if (!Files.isDirectory(dir)) {
            return out;
        }
        List<Path> files;
        try (Stream<Path> walk = Files.walk(dir)) {
            files = walk.filter(Files::isRegularFile)
                    .filter(p -> p.toString().endsWith(".yaml") || p.toString().endsWith(".yml"))
                    .filter(p -> dir.relativize(p).getNameCount() >= 2)
                    .sorted().toList();
        } catch (IOException e) {
            throw new ApprovedConfigException("cannot list " + dir + ": " + e.getMessage());
        }
        Map<String, String> seen = new LinkedHashMap<>();
        for (Path file : files) {
            String agent = dir.relativize(file).getName(0).toString();
            String where = dir.relativize(file).toString();
            int index = 0;
            for (Map<String, Object> doc : documents(file, where)) {
                String docWhere = where + " document " + (index + 1);
                for (ConfigObject o : objects(agent, doc, docWhere)) {
                    String previous = seen.put(o.agentId() + " " + o.key(), docWhere);
                    if (previous != null) {
                        throw new ApprovedConfigException(docWhere + ": " + o.key() + " is already approved in " + previous);
                    }
                    out.add(new Entry(o, where, hash(o)));
                }
                index++;
            }
        }
        return out;
    }

    @SuppressWarnings("unchecked")
    private static List<Map<String, Object>> documents(Path file, String where) throws ApprovedConfigException {
        List<Map<String, Object>> docs = new ArrayList<>();
        try (MappingIterator<Object> it = YAML.readerFor(Object.class).readValues(file.toFile())) {
            int i = 0;
            while (it.hasNext()) {
                Object doc = it.next();
                i++;
                if (doc == null) {
                    continue;
                }
                if (!(doc instanceof Map)) {
                    throw new ApprovedConfigException(where + " document " + i + ": expected a mapping, got " + doc.getClass().getSimpleName());
                }
                docs.add((Map<String, Object>) doc);
            }
        } catch (JsonProcessingException e) {
            throw new ApprovedConfigException(where + ": not valid YAML"
                    + (e.getLocation() == null ? "" : " at line " + e.getLocation().getLineNr()) + ": " + e.getOriginalMessage());
        } catch (IOException e) {
            throw new ApprovedConfigException("cannot read " + where + ": " + e.getMessage());
        } catch (RuntimeException e) {
            throw new ApprovedConfigException(where + ": not valid YAML: " + e.getMessage());
        }
        return docs;
    }

    /** A document as approved objects: a manifest, a {@code kind: List} of manifests, or a cloud object. */
    public static List<ConfigObject> objects(String agent, Map<String, Object> doc, String where)
            throws ApprovedConfigException {
        String kind = Maps.text(doc, "kind");
        if (kind == null) {
            throw new ApprovedConfigException(where + ": needs a kind");
        }
        if (doc.containsKey("apiVersion")) {
            if (kind.equals("List")) {
                List<ConfigObject> out = new ArrayList<>();
                for (Map<String, Object> item : Maps.maps(doc, "items")) {
                    out.addAll(objects(agent, item, where));
                }
                return out;
            }
            return List.of(manifest(agent, kind, doc, where));
        }
        return List.of(cloud(agent, kind, doc, where));
    }

    private static ConfigObject manifest(String agent, String kind, Map<String, Object> doc, String where)
            throws ApprovedConfigException {
        String name = Maps.text(doc, "metadata", "name");
        if (name == null) {
            throw new ApprovedConfigException(where + ": " + kind + " needs metadata.name");
        }
        String namespace = CLUSTER_SCOPED.contains(kind) ? null : Maps.text(doc, "metadata", "namespace");
        if (!CLUSTER_SCOPED.contains(kind) && namespace == null) {
            namespace = "default"; // as kubectl applies a namespaced manifest that names none
        }
        return new ConfigObject(agent, kind, namespace == null ? name : namespace + "/" + name, namespace, name, doc);
    }

    private static ConfigObject cloud(String agent, String kind, Map<String, Object> doc, String where)
            throws ApprovedConfigException {
        String name = Maps.text(doc, "name");
        if (name == null) {
            throw new ApprovedConfigException(where + ": " + kind + " needs a name (its resource id: group id, trail name, role name, ...)");
        }
        String region = GLOBAL_CLOUD.contains(kind) ? null : Maps.text(doc, "region");
        if (!GLOBAL_CLOUD.contains(kind) && region == null) {
            throw new ApprovedConfigException(where + ": " + kind + " " + name + " needs a region");
        }
        Map<String, Object> state = new LinkedHashMap<>(doc);
        state.remove("kind");
        state.remove("region");
        state.remove("name");
        return new ConfigObject(agent, kind, region == null ? name : region + "/" + name, region, name, state);
    }

    static String hash(ConfigObject o) {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(
                    (o.key() + "\n" + Maps.canonical(o.state())).getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(digest);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
