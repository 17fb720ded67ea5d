package io.driftwatch.ingest.cloudtrail;

import java.util.List;
import java.util.Map;

/** Security groups (kind SecurityGroup, named by group id): rules added and removed, groups created and deleted. */
final class SecurityGroupChanges {

    static final String KIND = "SecurityGroup";

    private SecurityGroupChanges() {}

    /** Authorize (add) or Revoke (remove) rules, listed under "ingress" or "egress". */
    static List<Change> rules(CloudTrailRecord r, String direction, String change) {
        At request = r.request();
        List<Map<String, Object>> rules = SecurityGroupRules.ofRequest(request);
        if (rules.isEmpty()) {
            return List.of();
        }
        return Change.regional(r, KIND, groupId(request), change, Change.map(direction, rules));
    }

    /** A rule modified in place is its new version added: the ruleId tells which one it replaces. */
    static List<Change> modifiedRules(CloudTrailRecord r) {
        At request = r.request().get("ModifySecurityGroupRulesRequest");
        Map<String, Object> after = SecurityGroupRules.ofModifyRequest(request);
        if (after.isEmpty()) {
            return List.of();
        }
        return Change.regional(r, KIND, request.first("GroupId", "groupId").text(), "add", after);
    }

    /** A new group has no rules until some are authorized (EC2 adds an allow-all egress rule it does not log). */
    static List<Change> create(CloudTrailRecord r) {
        At request = r.request();
        String name = r.response().text("groupId");
        if (name == null) {
            name = request.text("groupName");
        }
        return Change.regional(r, KIND, name, "create", Change.map(
                "groupName", request.text("groupName"),
                "vpcId", request.text("vpcId"),
                "description", request.first("groupDescription", "description").text(),
                "ingress", List.of(),
                "egress", List.of()));
    }

    static List<Change> delete(CloudTrailRecord r) {
        return Change.regional(r, KIND, groupId(r.request()), "delete", null);
    }

    /** Groups are named by id; EC2-Classic and default-VPC calls may name them by name only. */
    private static String groupId(At request) {
        return request.first("groupId", "groupName").text();
    }
}
