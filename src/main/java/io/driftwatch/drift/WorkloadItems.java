package io.driftwatch.drift;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * What a workload runs: each container's image (by digest when it names one, else by tag), and each runtime
 * parameter that widens what the container may do (privileged, host namespaces, added capabilities, host
 * paths, running as root). Safe settings are not items, so turning one on shows as an added item.
 */
final class WorkloadItems {

    static final String IMAGE = "image";
    static final String RUNTIME = "runtime";

    private WorkloadItems() {
    }

    /** The pod spec inside a workload of any kind, or null. */
    static Map<String, Object> podSpec(String kind, Map<String, Object> state) {
        Map<String, Object> spec = switch (kind) {
            case "Pod" -> Maps.map(state, "spec");
            case "CronJob" -> Maps.map(state, "spec", "jobTemplate", "spec", "template", "spec");
            default -> Maps.map(state, "spec", "template", "spec");
        };
        return spec.isEmpty() ? null : spec;
    }

    static void add(ConfigObject workload, Map<String, ConfigItem> items) {
        Map<String, Object> pod = podSpec(workload.kind(), workload.state());
        if (pod == null) {
            return;
        }
        for (String hostFlag : List.of("hostNetwork", "hostPID", "hostIPC")) {
            if (Maps.isTrue(pod, hostFlag)) {
                runtime(items, "pod", hostFlag, "true");
            }
        }
        for (Map<String, Object> volume : Maps.maps(pod, "volumes")) {
            String path = Maps.text(volume, "hostPath", "path");
            if (path != null) {
                runtime(items, "pod", "hostPath:" + path, Maps.text(volume, "name"));
            }
        }
        String podUser = Maps.text(pod, "securityContext", "runAsUser");
        for (String list : List.of("initContainers", "containers", "ephemeralContainers")) {
            for (Map<String, Object> c : Maps.maps(pod, list)) {
                container(c, podUser, items);
            }
        }
    }

    private static void container(Map<String, Object> c, String podUser, Map<String, ConfigItem> items) {
        String name = Maps.text(c, "name");
        String image = Maps.text(c, "image");
        if (image != null) {
            ImageRef ref = ImageRef.parse(image);
            Map<String, Object> attributes = new LinkedHashMap<>();
            attributes.put("container", name);
            attributes.put("image", image);
            attributes.put("repository", ref.repository());
            attributes.put("tag", ref.tag());
            attributes.put("digest", ref.digest());
            String key = "image|" + name;
            items.put(key, new ConfigItem(IMAGE, key, ref.identity(), attributes));
        }
        Map<String, Object> security = Maps.map(c, "securityContext");
        if (Maps.isTrue(security, "privileged")) {
            runtime(items, name, "privileged", "true");
        }
        if (Maps.isTrue(security, "allowPrivilegeEscalation")) {
            runtime(items, name, "allowPrivilegeEscalation", "true");
        }
        for (String cap : Maps.texts(security, "capabilities", "add")) {
            runtime(items, name, "capability:" + cap, "added");
        }
        String user = Maps.text(security, "runAsUser");
        if ("0".equals(user == null ? podUser : user)) {
            runtime(items, name, "runAsUser:0", "root");
        }
    }

    private static void runtime(Map<String, ConfigItem> items, String container, String parameter, String value) {
        Map<String, Object> attributes = new LinkedHashMap<>();
        attributes.put("container", container);
        attributes.put("parameter", parameter);
        attributes.put("value", value);
        String key = "runtime|" + container + "|" + parameter;
        items.put(key, new ConfigItem(RUNTIME, key, parameter + "=" + value + " (" + container + ")", attributes));
    }

    /** {@code registry/repo[:tag][@sha256:...]}; a digest, when given, is the image's identity. */
    record ImageRef(String repository, String tag, String digest) {
        static ImageRef parse(String image) {
            String rest = image.trim();
            String digest = null;
            int at = rest.indexOf('@');
            if (at >= 0) {
                digest = rest.substring(at + 1);
                rest = rest.substring(0, at);
            }
            String tag = null;
            int colon = rest.lastIndexOf(':');
            if (colon > rest.lastIndexOf('/')) {
                tag = rest.substring(colon + 1);
                rest = rest.substring(0, colon);
            }
            return new ImageRef(rest, tag == null && digest == null ? "latest" : tag, digest);
        }

        String identity() {
            return digest != null ? repository + "@" + digest : repository + ":" + tag;
        }
    }
}
