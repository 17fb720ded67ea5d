package io.driftwatch.deploy;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.net.URI;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import io.driftwatch.deploy.DeployFiles.YamlPath;

/** deploy/falco and deploy/tetragon: JSON out of Falco and Tetragon, into the matching endpoint, with a bearer token. */
class FeedExamplesTest {

    static final DeployFiles FILES = KubernetesManifestsTest.FILES;

    static Map<String, Object> falco() {
        return FILES.file("falco/falco.yaml").get(0).doc();
    }

    static Map<String, Object> sidekick() {
        return FILES.file("falco/falcosidekick.yaml").get(0).doc();
    }

    static Map<String, Object> vector() {
        String text = YamlPath.str(FILES.one("ConfigMap", "tetragon-shipper").doc(), "data", "vector.yaml");
        return YamlPath.map(DeployFiles.parseAll(text).get(0));
    }

    static Map<String, Object> tetragonValues() {
        return YamlPath.map(FILES.file("tetragon/tetragon-values.yaml").get(0).doc().get("tetragon"));
    }

    @Test
    void falcoWritesJsonToFalcosidekickWhichPostsItWithAToken() {
        assertEquals(Boolean.TRUE, falco().get("json_output"));
        assertEquals(Boolean.TRUE, YamlPath.at(falco(), "http_output", "enabled"));
        URI sidekick = URI.create(YamlPath.str(falco(), "http_output", "url"));
        assertEquals(((Number) sidekick().get("listenport")).intValue(), sidekick.getPort(), "Falco posts to falcosidekick");
        assertEquals("/ingest/falco", URI.create(YamlPath.str(sidekick(), "webhook", "address")).getPath());
        assertEquals("POST", YamlPath.str(sidekick(), "webhook", "method"));
        assertTrue(YamlPath.str(sidekick(), "webhook", "customheaders", "Authorization").startsWith("Bearer "));
    }

    @Test
    void tetragonsExportFileIsTailedAndPostedAsNdjsonWithAToken() {
        String file = tetragonValues().get("exportDirectory") + "/" + tetragonValues().get("exportFilename");
        List<Object> include = YamlPath.list(YamlPath.at(vector(), "sources", "tetragon", "include"));
        String pattern = include.get(0).toString();
        assertTrue(file.matches(pattern.replace(".", "\\.").replace("*", ".*")), pattern + " reads " + file);
        Map<String, Object> sink = YamlPath.map(YamlPath.at(vector(), "sinks", "driftwatch"));
        assertEquals("/ingest/tetragon", URI.create((String) sink.get("uri")).getPath());
        assertEquals("newline_delimited", YamlPath.str(sink, "framing", "method"));
        assertEquals("json", YamlPath.str(sink, "encoding", "codec"));
        assertEquals("application/x-ndjson", YamlPath.str(sink, "request", "headers", "Content-Type"));
        assertEquals("bearer", YamlPath.str(sink, "auth", "strategy"));
        assertTrue(tetragonValues().get("exportAllowList").toString().contains("PROCESS_EXEC"));
        // the DaemonSet mounts the export directory where the source reads it
        var ds = FILES.one("DaemonSet", "tetragon-shipper");
        var container = YamlPath.maps(KubernetesManifestsTest.podSpec(ds), "containers").get(0);
        assertEquals(tetragonValues().get("exportDirectory"), DeploymentSettingsTest.mountPath(container, "export"));
    }

    @Test
    void theFeedEndpointsTheExamplesPostToExist() {
        // /ingest/falco and /ingest/tetragon come with the runtime feeds of issue 9, built alongside deploy/
        List<String> paths = List.of("/ingest/falco", "/ingest/tetragon");
        assumeTrue(Endpoints.posts().containsAll(paths), "runtime feed endpoints not in this build yet: " + Endpoints.posts());
        assertTrue(Endpoints.posts().containsAll(paths));
    }
}
