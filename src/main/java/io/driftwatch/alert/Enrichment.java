package io.driftwatch.alert;

import java.util.List;

/**
 * What enrichment rules decided about a detection, kept on its alert so an analyst sees why it is quiet, tagged,
 * escalated or waiting for review.
 *
 * @param decision     suppress, tag, escalate, review, or exception (an active exception covers it)
 * @param reason       why, in words ("declared by deployment 4711")
 * @param deploymentId the deployment record that explains it, if one does
 * @param tags         tags added ("explained by deployment 4711")
 * @param approved     the running configuration it is about was approved automatically (a declared change)
 * @param exceptionId  the exception that covers it, when the decision is exception
 */
public record Enrichment(String decision, String reason, String deploymentId, List<String> tags, boolean approved,
                         String exceptionId) {

    public Enrichment(String decision, String reason, String deploymentId, List<String> tags, boolean approved) {
        this(decision, reason, deploymentId, tags, approved, null);
    }

    /**
     * A deployment explains it: what it cites is learned. An exception does not: what it covers stays quarantined,
     * so the behaviour alerts again once the exception ends.
     */
    public boolean explained() {
        return "suppress".equals(decision) || "tag".equals(decision);
    }

    /** The status an alert with this decision opens in. */
    public String status() {
        return switch (decision) {
            case "suppress", "exception" -> Alert.SUPPRESSED;
            case "review" -> Alert.IN_REVIEW;
            default -> Alert.OPEN;
        };
    }
}
