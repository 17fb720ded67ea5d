package io.driftwatch.drift;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Reading approved configuration: manifests, lists of manifests, the cloud form, and clear errors. */
class ApprovedFilesTest {

    @TempDir
    Path dir;

    Path write(String path, String text) throws IOException {
        Path file = dir.resolve(path);
        Files.createDirectories(file.getParent());
        return Files.writeString(file, text);
    }

    @Test
    void theFolderNamesTheAgentAndEachDocumentIsAnObject() throws Exception {
        write("prod-eu/rbac.yaml", """
                apiVersion: rbac.authorization.k8s.io/v1
                kind: ClusterRoleBinding
                metadata: {name: ops-view}
                roleRef: {kind: ClusterRole, name: view}
                subjects: [{kind: Group, name: ops}]
                ---
                apiVersion: v1
                kind: List
                items:
                  - {apiVersion: apps/v1, kind: Deployment, metadata: {name: web, namespace: shop}}
                  - {apiVersion: v1, kind: Service, metadata: {name: web}}
                """);
        write("aws-111122223333/network.yml", """
                kind: SecurityGroup
                region: eu-west-1
                name: sg-1
                ingress: [{protocol: tcp, fromPort: 443, toPort: 443, cidr: 0.0.0.0/0}]
                ---
                kind: IamRole
                name: deployer
                attachedPolicies: [arn:aws:iam::aws:policy/ReadOnlyAccess]
                """);
        write("README.md", "not read");

        List<ApprovedFiles.Entry> entries = ApprovedFiles.read(dir);

        List<String> keys = entries.stream().map(e -> e.object().agentId() + " " + e.object().key()).toList();
        assertEquals(List.of("aws-111122223333 SecurityGroup/eu-west-1/sg-1", "aws-111122223333 IamRole/deployer",
                "prod-eu ClusterRoleBinding/ops-view", "prod-eu Deployment/shop/web", "prod-eu Service/default/web"), keys);
        ConfigObject sg = entries.get(0).object();
        assertEquals("eu-west-1", sg.namespace());
        assertNull(sg.state().get("kind"), "the cloud form's kind, region and name identify; the rest is state");
        assertTrue(sg.state().containsKey("ingress"));
        assertNull(entries.get(2).object().namespace(), "ClusterRoleBinding is cluster-scoped");
        assertEquals("aws-111122223333/network.yml", entries.get(0).file());
    }

    @Test
    void theSourceHashChangesWithTheContentOnly() throws Exception {
        write("c/a.yaml", "kind: Trail\nregion: eu-west-1\nname: t\nlogging: true\n");
        String first = ApprovedFiles.read(dir).get(0).sourceHash();
        write("c/a.yaml", "# reformatted\nname: t\nregion: eu-west-1\nkind: Trail\nlogging: true\n");
        assertEquals(first, ApprovedFiles.read(dir).get(0).sourceHash());
        write("c/a.yaml", "kind: Trail\nregion: eu-west-1\nname: t\nlogging: false\n");
        assertNotEquals(first, ApprovedFiles.read(dir).get(0).sourceHash());
    }

    @Test
    void mistakesNameTheFileAndDocument() throws Exception {
        write("c/a.yaml", "kind: SecurityGroup\nname: sg-1\n");
        assertEquals("c/a.yaml document 1: SecurityGroup sg-1 needs a region",
                assertThrows(ApprovedConfigException.class, () -> ApprovedFiles.read(dir)).getMessage());
        write("c/a.yaml", "apiVersion: v1\nkind: Namespace\nmetadata: {}\n");
        assertEquals("c/a.yaml document 1: Namespace needs metadata.name",
                assertThrows(ApprovedConfigException.class, () -> ApprovedFiles.read(dir)).getMessage());
        write("c/a.yaml", "kind: Trail\nregion: r\nname: t\n---\nkind: Trail\nregion: r\nname: t\n");
        assertTrue(assertThrows(ApprovedConfigException.class, () -> ApprovedFiles.read(dir)).getMessage()
                .contains("is already approved in c/a.yaml document 1"));
        write("c/a.yaml", "kind: [unclosed\n");
        assertTrue(assertThrows(ApprovedConfigException.class, () -> ApprovedFiles.read(dir)).getMessage()
                .startsWith("c/a.yaml: not valid YAML"));
    }

    @Test
    void noDirectoryIsNothingApproved() throws Exception {
        assertEquals(List.of(), ApprovedFiles.read(dir.resolve("absent")));
    }
}
