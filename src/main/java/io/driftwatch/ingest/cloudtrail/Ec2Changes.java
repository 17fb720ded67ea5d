package io.driftwatch.ingest.cloudtrail;

import java.util.List;

/** The EC2 and VPC calls that change network exposure: security groups, instances, network ACLs, routes, flow logs. */
final class Ec2Changes implements ChangeMapper {

    @Override
    public List<Change> changes(CloudTrailRecord r) {
        return switch (r.eventName()) {
            case "AuthorizeSecurityGroupIngress" -> SecurityGroupChanges.rules(r, "ingress", "add");
            case "AuthorizeSecurityGroupEgress" -> SecurityGroupChanges.rules(r, "egress", "add");
            case "RevokeSecurityGroupIngress" -> SecurityGroupChanges.rules(r, "ingress", "remove");
            case "RevokeSecurityGroupEgress" -> SecurityGroupChanges.rules(r, "egress", "remove");
            case "ModifySecurityGroupRules" -> SecurityGroupChanges.modifiedRules(r);
            case "CreateSecurityGroup" -> SecurityGroupChanges.create(r);
            case "DeleteSecurityGroup" -> SecurityGroupChanges.delete(r);
            case "ModifyInstanceAttribute" -> InstanceChanges.attributes(r);
            case "CreateNetworkAclEntry", "ReplaceNetworkAclEntry" -> NetworkAclChanges.addEntry(r);
            case "DeleteNetworkAclEntry" -> NetworkAclChanges.removeEntry(r);
            case "CreateNetworkAcl" -> NetworkAclChanges.create(r);
            case "DeleteNetworkAcl" -> NetworkAclChanges.delete(r);
            case "CreateRoute", "ReplaceRoute" -> RouteChanges.addRoute(r);
            case "DeleteRoute" -> RouteChanges.removeRoute(r);
            case "CreateRouteTable" -> RouteChanges.create(r);
            case "DeleteRouteTable" -> RouteChanges.delete(r);
            case "CreateFlowLogs" -> FlowLogChanges.create(r);
            case "DeleteFlowLogs" -> FlowLogChanges.delete(r);
            default -> List.of();
        };
    }
}
