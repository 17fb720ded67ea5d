package io.driftwatch.ingest.cloudtrail;

import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Network ACLs (kind NetworkAcl, named by ACL id). An entry replaced by number is logged without the entry it
 * replaced, so a replacement is an entry added, like a new one.
 */
final class NetworkAclChanges {

    static final String KIND = "NetworkAcl";

    private NetworkAclChanges() {}

    static List<Change> addEntry(CloudTrailRecord r) {
        At request = r.request();
        String protocol = request.first("aclProtocol", "protocol").absent() ? null
                : SecurityGroupRules.protocol(request.first("aclProtocol", "protocol"));
        At ports = request.get("portRange");
        String action = request.text("ruleAction");
        Map<String, Object> entry = Change.map(
                "ruleNumber", ruleNumber(request),
                "egress", request.get("egress").bool(),
                "protocol", protocol,
                "ruleAction", action == null ? null : action.toLowerCase(Locale.ROOT),
                "cidr", request.first("cidrBlock", "ipv6CidrBlock").text(),
                "fromPort", SecurityGroupRules.port(protocol, ports.get("from")),
                "toPort", SecurityGroupRules.port(protocol, ports.get("to")));
        return Change.regional(r, KIND, request.text("networkAclId"), "add", Change.map("entries", List.of(entry)));
    }

    static List<Change> removeEntry(CloudTrailRecord r) {
        At request = r.request();
        Map<String, Object> entry = Change.map("ruleNumber", ruleNumber(request), "egress", request.get("egress").bool());
        return Change.regional(r, KIND, request.text("networkAclId"), "remove", Change.map("entries", List.of(entry)));
    }

    /** A new ACL holds only its default deny-all entries, which are not logged. */
    static List<Change> create(CloudTrailRecord r) {
        String id = r.response().get("networkAcl").text("networkAclId");
        return Change.regional(r, KIND, id, "create", Change.map("vpcId", r.request().text("vpcId"), "entries", List.of()));
    }

    static List<Change> delete(CloudTrailRecord r) {
        return Change.regional(r, KIND, r.request().text("networkAclId"), "delete", null);
    }

    private static Integer ruleNumber(At request) {
        return request.get("ruleNumber").integer(1, 32766);
    }
}
