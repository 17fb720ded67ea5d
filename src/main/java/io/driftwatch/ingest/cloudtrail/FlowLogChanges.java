package io.driftwatch.ingest.cloudtrail;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * VPC flow logs (kind FlowLog, named by flow log id), one change per flow log. EC2 logs these calls in its
 * XML-derived shape: {"DeleteFlowLogsRequest": {"FlowLogId": {"content": "fl-1", "tag": 1}}}, a list of those
 * for several ids; the plain SDK shape (flowLogIds) is read too.
 */
final class FlowLogChanges {

    static final String KIND = "FlowLog";

    private FlowLogChanges() {}

    static List<Change> delete(CloudTrailRecord r) {
        At request = wrapped(r.request(), "DeleteFlowLogsRequest");
        Set<String> failed = new HashSet<>();
        At unsuccessful = wrapped(r.response(), "DeleteFlowLogsResponse").first("unsuccessful", "Unsuccessful");
        if (unsuccessful.isObject() || unsuccessful.node().isArray()) {
            failed.addAll(unsuccessful.texts("resourceId"));
        }
        List<Change> changes = new ArrayList<>();
        for (String id : request.first("FlowLogId", "FlowLogIds", "flowLogId", "flowLogIds").texts("flowLogId")) {
            if (!failed.contains(id)) {
                changes.addAll(Change.regional(r, KIND, id, "delete", null));
            }
        }
        return changes;
    }

    /** One flow log per resource; named by the id the response gives it, else by the resource's id. */
    static List<Change> create(CloudTrailRecord r) {
        At request = wrapped(r.request(), "CreateFlowLogsRequest");
        List<String> resources = request.first("ResourceId", "ResourceIds", "resourceId", "resourceIds").texts("resourceId");
        List<String> ids = wrapped(r.response(), "CreateFlowLogsResponse")
                .first("flowLogIdSet", "FlowLogIds", "flowLogIds").texts("flowLogId");
        String trafficType = request.first("TrafficType", "trafficType").text();
        String destination = request.first("LogDestination", "logDestination", "LogGroupName", "logGroupName").text();
        List<Change> changes = new ArrayList<>();
        for (int i = 0; i < resources.size(); i++) {
            String name = ids.size() == resources.size() ? ids.get(i) : resources.get(i);
            changes.addAll(Change.regional(r, KIND, name, "create", Change.map(
                    "resourceIds", List.of(resources.get(i)), "trafficType", trafficType, "logDestination", destination)));
        }
        return changes;
    }

    private static At wrapped(At at, String wrapper) {
        return at.get(wrapper).absent() ? at : at.get(wrapper);
    }
}
