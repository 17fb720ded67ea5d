package io.driftwatch.ingest.cloudtrail;

import io.driftwatch.event.Event;
import java.util.List;

/** The api part of a record that changed no configuration (or failed to): who called what, on what, with what outcome. */
final class ApiCalls {

    /** Stands in for a caller the record does not name: an api event must name one. */
    static final String UNKNOWN_PRINCIPAL = "unknown";

    /**
     * Request fields naming the object a call is about, most specific first: an access key before its user, an
     * instance before its network.
     */
    private static final List<String> RESOURCE_FIELDS = List.of(
            "accessKeyId", "instanceId", "groupId", "networkAclId", "routeTableId", "networkInterfaceId", "subnetId",
            "vpcId", "volumeId", "snapshotId", "imageId", "functionName", "dBInstanceIdentifier", "dBClusterIdentifier",
            "dBSnapshotIdentifier", "dBClusterSnapshotIdentifier", "secretId", "keyId", "roleArn", "roleName", "userName",
            "groupName", "policyArn", "trailName", "name", "logGroupName", "tableName", "repositoryName", "queueUrl",
            "topicArn", "stackName", "clusterName", "detectorId", "resourceArn");

    private ApiCalls() {}

    static Event.Api of(CloudTrailRecord r) {
        return new Event.Api(r.actor() == null ? UNKNOWN_PRINCIPAL : r.actor(), r.service() + ":" + r.eventName(),
                resource(r.request()), r.sourceIp(), failed(r) ? "failure" : "success");
    }

    /** An error code says the call failed; a console sign-in says so in its response instead. */
    private static boolean failed(CloudTrailRecord r) {
        return r.failed() || "Failure".equals(textOrNull(r.response().get("ConsoleLogin")));
    }

    /** The most specific id the request names, or null: best effort, so a field of an odd type is passed over. */
    static String resource(At request) {
        if (!request.isObject()) {
            return null;
        }
        String bucket = textOrNull(request.get("bucketName"));
        if (bucket != null) {
            String key = textOrNull(request.get("key"));
            return key == null ? bucket : bucket + "/" + key;
        }
        for (String field : RESOURCE_FIELDS) {
            String id = textOrNull(request.get(field));
            if (id != null) {
                return id;
            }
        }
        // StartInstances, StopInstances, TerminateInstances
        List<At> instances = request.get("instancesSet").items();
        return instances.isEmpty() ? null : textOrNull(instances.get(0).get("instanceId"));
    }

    private static String textOrNull(At at) {
        return at.node().isTextual() && !at.node().asText().isBlank() ? at.node().asText() : null;
    }
}
