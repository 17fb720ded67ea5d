package io.driftwatch.change;

import static io.driftwatch.change.DeploymentTestKeys.ED_PUBLIC;
import static io.driftwatch.change.DeploymentTestKeys.HMAC_KEY;
import static io.driftwatch.change.DeploymentTestKeys.OTHER_PRIVATE;
import static io.driftwatch.change.DeploymentTestKeys.OTHER_PUBLIC;
import static io.driftwatch.change.DeploymentTestKeys.PIPELINE;
import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.Optional;

import org.junit.jupiter.api.Test;

/** Signature checking on its own: which headers prove a body came from a configured signer, and what refusals say. */
class DeploymentSignaturesTest {

    static final String BODY = DeploymentTestKeys.record("r1", PIPELINE, "web-1");
    static final RecordSignatures BOTH = RecordSignatures.of(Optional.of(HMAC_KEY), Map.of(PIPELINE, ED_PUBLIC));

    static SignatureRefusedException refused(RecordSignatures s, String body, String header, String pipeline) {
        SignatureRefusedException e = assertThrows(SignatureRefusedException.class,
                () -> s.check(body.getBytes(StandardCharsets.UTF_8), header, pipeline));
        // a refusal names why, never the key or the signature presented
        assertFalse(e.getMessage().contains(HMAC_KEY), e.getMessage());
        assertFalse(e.getMessage().contains(ED_PUBLIC), e.getMessage());
        if (header != null && header.contains("=") && header.length() > 20) {
            assertFalse(e.getMessage().contains(header.substring(header.indexOf('=') + 1)), e.getMessage());
        }
        return e;
    }

    static void ok(RecordSignatures s, String body, String header, String pipeline) {
        assertDoesNotThrow(() -> s.check(body.getBytes(StandardCharsets.UTF_8), header, pipeline));
    }

    @Test
    void hmacOverTheExactBodyIsAccepted() {
        ok(BOTH, BODY, DeploymentTestKeys.hmac(BODY), PIPELINE);
        ok(BOTH, BODY, DeploymentTestKeys.hmac(BODY).toUpperCase().replace("HMAC-SHA256=", "hmac-sha256="), "any pipeline");
    }

    @Test
    void hmacWithAnotherKeyOrOverAnotherBodyIsRefused() {
        assertTrue(refused(BOTH, BODY, DeploymentTestKeys.hmac(BODY, "another-key"), PIPELINE).getMessage()
                .contains("does not match the body"));
        assertFalse(refused(BOTH, BODY + " ", DeploymentTestKeys.hmac(BODY), PIPELINE).unsigned());
        assertTrue(refused(BOTH, BODY, "hmac-sha256=not-hex", PIPELINE).getMessage().contains("not hex"));
        assertTrue(refused(BOTH, BODY, "hmac-sha256=abcd", PIPELINE).getMessage().contains("does not match"));
    }

    @Test
    void aSchemeWhoseKeyIsNotConfiguredIsRefused() {
        RecordSignatures edOnly = RecordSignatures.of(Optional.empty(), Map.of(PIPELINE, ED_PUBLIC));
        assertTrue(refused(edOnly, BODY, DeploymentTestKeys.hmac(BODY), PIPELINE).getMessage()
                .contains("no driftwatch.deployments.hmac-key is configured"));
        RecordSignatures hmacOnly = RecordSignatures.of(Optional.of(HMAC_KEY), Map.of());
        assertTrue(refused(hmacOnly, BODY, DeploymentTestKeys.ed25519(BODY), PIPELINE).getMessage()
                .contains("no driftwatch.deployments.ed25519-keys are configured"));
        RecordSignatures blank = RecordSignatures.of(Optional.of("  "), Map.of());
        assertFalse(blank.hmacConfigured());
    }

    @Test
    void ed25519WithThePipelinesKeyIsAccepted() {
        ok(BOTH, BODY, DeploymentTestKeys.ed25519(BODY), PIPELINE);
    }

    @Test
    void ed25519WithAnotherKeyOrOverAnotherBodyIsRefused() {
        assertTrue(refused(BOTH, BODY, DeploymentTestKeys.ed25519(BODY, OTHER_PRIVATE), PIPELINE).getMessage()
                .contains("does not verify with the key of pipeline 'shop-web-release'"));
        refused(BOTH, BODY.replace("alice", "mallory"), DeploymentTestKeys.ed25519(BODY), PIPELINE);
        assertTrue(refused(BOTH, BODY, "ed25519=%%%", PIPELINE).getMessage().contains("not base64"));
        refused(BOTH, BODY, "ed25519=AAAA", PIPELINE); // wrong length: verifies nothing, throws nothing else
    }

    @Test
    void ed25519ForAPipelineWithoutAKeyIsRefused() {
        assertTrue(refused(BOTH, BODY, DeploymentTestKeys.ed25519(BODY), "other-pipeline").getMessage()
                .contains("no Ed25519 key is configured for pipeline 'other-pipeline'"));
        assertTrue(refused(BOTH, BODY, DeploymentTestKeys.ed25519(BODY), null).getMessage().contains("no pipeline.name"));
    }

    @Test
    void aPipelineMayListSeveralKeysToRotate() {
        RecordSignatures rotating = RecordSignatures.of(Optional.empty(), Map.of(PIPELINE, OTHER_PUBLIC + ", " + ED_PUBLIC));
        ok(rotating, BODY, DeploymentTestKeys.ed25519(BODY), PIPELINE);
        ok(rotating, BODY, DeploymentTestKeys.ed25519(BODY, OTHER_PRIVATE), PIPELINE);
    }

    @Test
    void aMissingHeaderIsUnsignedAndAnUnknownSchemeRefused() {
        assertTrue(refused(BOTH, BODY, null, PIPELINE).unsigned());
        assertTrue(refused(BOTH, BODY, " ", PIPELINE).getMessage().startsWith("unsigned deployment record: "));
        SignatureRefusedException rsa = refused(BOTH, BODY, "rsa=abc", PIPELINE);
        assertFalse(rsa.unsigned());
        assertTrue(rsa.getMessage().contains("unknown signature scheme 'rsa'"));
        assertTrue(refused(BOTH, BODY, "sha256", PIPELINE).getMessage().contains("malformed"));
    }

    @Test
    void aConfiguredKeyThatIsNoEd25519KeyStopsTheStartWithoutShowingIt() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> RecordSignatures.of(Optional.empty(), Map.of("p", "bm90IGEga2V5")));
        assertTrue(e.getMessage().contains("ed25519-keys.p"));
        assertFalse(e.getMessage().contains("bm90IGEga2V5"));
    }
}
