package io.driftwatch.drift;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;

/** The settings of one configuration object, by kind. Kinds it does not know have none, so they never drift. */
final class ConfigItems {

    static final Set<String> WORKLOADS = Set.of("Pod", "Deployment", "DaemonSet", "StatefulSet", "ReplicaSet", "Job",
            "CronJob");
    /**
     * Objects whose whole purpose is protection: deleting one the service never saw is still judged as removing
     * something that was in force, since an attacker deletes what exists.
     */
    static final Set<String> PROTECTIVE = Set.of("NetworkPolicy", "ValidatingWebhookConfiguration",
            "MutatingWebhookConfiguration", "ValidatingAdmissionPolicy", "ValidatingAdmissionPolicyBinding", "Trail",
            "FlowLog");

    private ConfigItems() {
    }

    static Map<String, ConfigItem> of(ConfigObject o, RoleLookup roles) {
        Map<String, ConfigItem> items = new LinkedHashMap<>();
        if (o == null || o.absent()) {
            return items;
        }
        switch (o.kind()) {
            case "RoleBinding", "ClusterRoleBinding" -> RbacItems.add(o, roles, items);
            case "Pod", "Deployment", "DaemonSet", "StatefulSet", "ReplicaSet", "Job", "CronJob" -> WorkloadItems.add(o, items);
            case "Service" -> ClusterPolicyItems.service(o, items);
            case "NetworkPolicy" -> ClusterPolicyItems.networkPolicy(o, items);
            case "Namespace" -> ClusterPolicyItems.namespace(o, items);
            case "ValidatingWebhookConfiguration", "MutatingWebhookConfiguration" -> ClusterPolicyItems.webhooks(o, items);
            case "ValidatingAdmissionPolicy" -> ClusterPolicyItems.admissionPolicy(o, items);
            case "ValidatingAdmissionPolicyBinding" -> ClusterPolicyItems.admissionPolicyBinding(o, items);
            case "SecurityGroup" -> CloudItems.securityGroup(o, items);
            case "NetworkAcl" -> CloudItems.networkAcl(o, items);
            case "RouteTable" -> CloudItems.routeTable(o, items);
            case "Instance" -> CloudItems.instance(o, items);
            case "IamRole", "IamUser", "IamGroup" -> CloudItems.iamPrincipal(o, items);
            case "IamPolicy" -> CloudItems.iamPolicy(o, items);
            case "AccessKey" -> CloudItems.accessKey(o, items);
            case "Trail" -> CloudItems.trail(o, items);
            case "FlowLog" -> CloudItems.flowLog(o, items);
            default -> { } // Roles are judged through their bindings; other kinds carry no drift rules yet
        }
        return items;
    }
}
