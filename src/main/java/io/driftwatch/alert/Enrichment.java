package io.driftwatch.alert;

import java.util.List;

/**
 * What enrichment rules decided about a detection, kept on its alert so an analyst sees why it is quiet, tagged,
 * escalated or waiting for review.
 *
 * @param decision     suppress, tag, escalate or review
 * @param reason       why, in words ("declared by deployment 4711")
 * @param deploymentId the deployment record that explains it, if one does
 * @param tags         tags added ("explained by deployment 4711")
 * @param approved     the running configuration it is about was approved automatically (a declared change)
 */
public record Enrichment(String decision, String reason, String deploymentId, List<String> tags, boolean approved) {

    public boolean explained() {
        return "suppress".equals(decision) || "tag".equals(decision);
    }

    /** The status an alert with this decision opens in. */
    public String status() {
        return switch (decision) {
            case "suppress" -> Alert.SUPPRESSED;
            case "review" -> Alert.IN_REVIEW;
            default -> Alert.OPEN;
        };
    }
}
