package io.driftwatch.change;

/**
 * CDI event fired when a deployment record was accepted and verified in an intact (or acknowledged) chain, so it
 * explains what follows: what is scoped to it may react (exceptions revoked on redeploy).
 */
public record DeploymentArrived(String id, DeploymentRecord record) {
}
