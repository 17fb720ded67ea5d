"""Configuration-drift scenarios: approved state in approved/<agent>/, changes as the real feeds send them
(Kubernetes audit records, CloudTrail records), and the drift alerts they must raise. Imported by generate.py.
No deployment record explains these changes, so every drift alert is escalated one severity by
rules/enrichment/deployments.drl: the severities below are the escalated ones."""
import uuid
from datetime import timedelta

RULES = {
    "rbac-admin": "A subject is granted cluster-admin, admin or a wildcard role outside the approved RBAC",
    "rbac-sensitive": "A subject is granted escalate, bind, impersonate, secrets or pods/exec outside the approved RBAC",
    "iam-admin": "An IAM principal gains administrator rights outside the approved IAM",
    "admin-port": "A firewall rule opens an admin port to the internet",
    "open-port": "A firewall rule opens a port to the internet",
    "service": "A Service is exposed outside the cluster without approval",
    "netpol": "A NetworkPolicy in force was removed",
    "image": "A workload runs an image other than the approved one",
    "unapproved-image": "A workload nobody approved runs an image",
    "runtime": "A workload gains a runtime privilege after approval",
    "webhook": "An admission webhook was removed or fails open",
    "webhook-selector": "An admission webhook's selector was narrowed",
    "admission-policy": "An admission policy was removed, fails open or stopped denying",
    "pod-security": "A namespace's pod-security level was lowered",
    "logging": "Audit logging was stopped, deleted or narrowed",
}

WEB_DIGEST = "sha256:4f1c0ee5b0d54c0f2a4e6d1f7d2b9a8c3e5f60718293a4b5c6d7e8f90a1b2c3d"


def ts(t):
    return t.strftime("%Y-%m-%dT%H:%M:%S.%f")[:-3] + "Z"


def uid(*parts):
    return str(uuid.uuid5(uuid.NAMESPACE_URL, "driftwatch:" + ":".join(str(p) for p in parts)))


RESOURCES = {"ClusterRoleBinding": ("clusterrolebindings", "rbac.authorization.k8s.io", "v1"),
             "RoleBinding": ("rolebindings", "rbac.authorization.k8s.io", "v1"),
             "Role": ("roles", "rbac.authorization.k8s.io", "v1"),
             "ClusterRole": ("clusterroles", "rbac.authorization.k8s.io", "v1"),
             "Deployment": ("deployments", "apps", "v1"),
             "Namespace": ("namespaces", "", "v1"),
             "Service": ("services", "", "v1"),
             "NetworkPolicy": ("networkpolicies", "networking.k8s.io", "v1"),
             "ValidatingWebhookConfiguration": ("validatingwebhookconfigurations", "admissionregistration.k8s.io", "v1"),
             "ValidatingAdmissionPolicy": ("validatingadmissionpolicies", "admissionregistration.k8s.io", "v1"),
             "ValidatingAdmissionPolicyBinding": ("validatingadmissionpolicybindings", "admissionregistration.k8s.io", "v1")}


def audit(t, verb, kind, name, ns=None, obj=None, user="mallory@example.com", code=None):
    resource, group, version = RESOURCES[kind]
    path = "/api/v1" if group == "" else "/apis/%s/%s" % (group, version)
    uri = path + ("/namespaces/%s" % ns if ns else "") + "/" + resource + ("" if verb == "create" else "/" + name)
    code = code or (201 if verb == "create" else 200)
    record = {"kind": "Event", "apiVersion": "audit.k8s.io/v1", "level": "RequestResponse",
              "auditID": uid(t, verb, kind, name), "stage": "ResponseComplete", "requestURI": uri, "verb": verb,
              "user": {"username": user, "groups": ["system:authenticated"]}, "sourceIPs": ["203.0.113.9"],
              "userAgent": "kubectl/v1.30.2 (linux/amd64) kubernetes/39683505",
              "objectRef": {"resource": resource, "namespace": ns, "name": None if verb == "create" else name,
                            "apiGroup": group, "apiVersion": version},
              "responseStatus": {"metadata": {}, "code": code},
              "requestReceivedTimestamp": ts(t), "stageTimestamp": ts(t + timedelta(milliseconds=12))}
    if ns is None:
        del record["objectRef"]["namespace"]
    if verb == "create":
        del record["objectRef"]["name"]
    if obj is not None:
        record["requestObject"] = obj
        record["responseObject"] = obj
    return record


def manifest(kind, name, ns=None, **fields):
    _, group, version = RESOURCES[kind]
    meta = {"name": name}
    if ns:
        meta["namespace"] = ns
    doc = {"apiVersion": (group + "/" if group else "") + version, "kind": kind, "metadata": meta}
    doc.update(fields)
    return doc


def binding(kind, name, role_kind, role, subjects, ns=None):
    return manifest(kind, name, ns, roleRef={"apiGroup": "rbac.authorization.k8s.io", "kind": role_kind, "name": role},
                    subjects=subjects)


def deployment(name, ns, image, privileged=False, replicas=3):
    container = {"name": name, "image": image, "ports": [{"containerPort": 8080}]}
    if privileged:
        container["securityContext"] = {"privileged": True}
    return manifest("Deployment", name, ns, spec={"replicas": replicas, "selector": {"matchLabels": {"app": name}},
                                                  "template": {"metadata": {"labels": {"app": name}},
                                                               "spec": {"containers": [container]}}})


def webhook_config(name, failure_policy, namespace_selector=None):
    return manifest("ValidatingWebhookConfiguration", name, webhooks=[{
        "name": "validate.policy.example.com", "failurePolicy": failure_policy, "sideEffects": "None",
        "admissionReviewVersions": ["v1"], "namespaceSelector": namespace_selector or {},
        "clientConfig": {"service": {"name": "policy-webhook", "namespace": "policy-system", "path": "/validate"}},
        "rules": [{"operations": ["CREATE", "UPDATE"], "apiGroups": ["*"], "apiVersions": ["*"], "resources": ["pods"]}]}])


def namespace(name, level):
    return manifest("Namespace", name, metadata={"name": name, "labels": {
        "kubernetes.io/metadata.name": name, "pod-security.kubernetes.io/enforce": level}})


def cloudtrail(t, source, name, params, account, response=None, region="eu-west-1", error=None):
    record = {"eventVersion": "1.08",
              "userIdentity": {"type": "IAMUser", "principalId": "AIDAEXAMPLEMALLORY", "accountId": account,
                               "arn": "arn:aws:iam::%s:user/mallory" % account, "userName": "mallory"},
              "eventTime": t.strftime("%Y-%m-%dT%H:%M:%SZ"), "eventSource": source, "eventName": name,
              "awsRegion": region, "sourceIPAddress": "203.0.113.9", "userAgent": "aws-cli/2.15.30",
              "requestParameters": params, "responseElements": response, "requestID": uid("req", t, name),
              "eventID": uid("ev", t, name, account), "readOnly": False, "eventType": "AwsApiCall",
              "managementEvent": True, "recipientAccountId": account, "eventCategory": "Management"}
    if error:
        record["errorCode"] = error
        record["errorMessage"] = "You are not authorized to perform this operation."
    return record


def ingress(group, protocol, port, cidr):
    return {"groupId": group, "ipPermissions": {"items": [{
        "ipProtocol": protocol, "fromPort": port, "toPort": port, "groups": {},
        "ipRanges": {"items": [{"cidrIp": cidr}]}, "ipv6Ranges": {}, "prefixListIds": {}}]}}


def key(kind, object_id, item):
    return "config:%s/%s#%s" % (kind, object_id, item)


def expect(agent, rule, behaviour, severity, status="open"):
    return {"rule": RULES[rule], "agentId": agent, "behaviourKey": behaviour, "severity": severity, "status": status}


def register_drift_cases(case, day8):
    register_admission_cases(case, day8)

    def at(minutes):
        return day8() + timedelta(minutes=minutes)

    @case("drift-rbac-escalation", "A cluster-admin binding and a secrets-reading role binding appear that the approved RBAC does not have.")
    def rbac_escalation():
        c = "drift-rbac"
        approved = [binding("ClusterRoleBinding", "ops-view", "ClusterRole", "view", [{"kind": "Group", "name": "ops", "apiGroup": "rbac.authorization.k8s.io"}]),
                    binding("RoleBinding", "ci-deployer", "ClusterRole", "edit", [{"kind": "ServiceAccount", "name": "ci", "namespace": "shop"}], ns="shop")]
        reader = manifest("Role", "secret-reader", "shop", rules=[{"apiGroups": [""], "resources": ["secrets"], "verbs": ["get", "list"]}])
        return {"cluster": c, "approved": {c: approved},
                "k8s_audit": [audit(at(1), "create", "ClusterRoleBinding", "tmp-admin", obj=binding(
                                  "ClusterRoleBinding", "tmp-admin", "ClusterRole", "cluster-admin",
                                  [{"kind": "User", "name": "mallory@example.com", "apiGroup": "rbac.authorization.k8s.io"}])),
                              audit(at(2), "create", "Role", "secret-reader", ns="shop", obj=reader),
                              audit(at(3), "create", "RoleBinding", "read-secrets", ns="shop", obj=binding(
                                  "RoleBinding", "read-secrets", "Role", "secret-reader",
                                  [{"kind": "ServiceAccount", "name": "web", "namespace": "shop"}], ns="shop"))],
                "alerts": [expect(c, "rbac-admin", key("ClusterRoleBinding", "tmp-admin",
                                                       "grant|User:mallory@example.com|ClusterRole/cluster-admin|*|*|"), "critical"),
                           expect(c, "rbac-sensitive", key("RoleBinding", "shop/read-secrets",
                                                           "grant|ServiceAccount:shop/web|Role/secret-reader|get,list|secrets|"), "critical")]}

    @case("drift-rbac-near-miss", "The approved bindings are re-applied unchanged, and a new binding grants only configmap reads: nothing fires.")
    def rbac_near_miss():
        c = "drift-rbac-miss"
        ops = binding("ClusterRoleBinding", "ops-view", "ClusterRole", "view", [{"kind": "Group", "name": "ops", "apiGroup": "rbac.authorization.k8s.io"}])
        reader = manifest("Role", "config-reader", "shop", rules=[{"apiGroups": [""], "resources": ["configmaps"], "verbs": ["get", "list"]}])
        return {"cluster": c, "approved": {c: [ops]},
                "k8s_audit": [audit(at(1), "update", "ClusterRoleBinding", "ops-view", obj=ops, user="admin@example.com"),
                              audit(at(2), "create", "Role", "config-reader", ns="shop", obj=reader),
                              audit(at(3), "create", "RoleBinding", "read-config", ns="shop", obj=binding(
                                  "RoleBinding", "read-config", "Role", "config-reader",
                                  [{"kind": "ServiceAccount", "name": "web", "namespace": "shop"}], ns="shop"))],
                "alerts": []}

    @case("drift-network-exposure", "SSH opened to 208.236.235.254/0 (a /0: the whole internet) and 8080 to 0.0.0.0/0 on an approved security group; a Service turned LoadBalancer; an approved NetworkPolicy deleted.")
    def network_exposure():
        acct, c = "111100000001", "drift-net"
        agent = "aws-" + acct
        sg = {"kind": "SecurityGroup", "region": "eu-west-1", "name": "sg-0a1b2c3d",
              "ingress": [{"protocol": "tcp", "fromPort": 443, "toPort": 443, "cidr": "0.0.0.0/0"}],
              "egress": [{"protocol": "all", "cidr": "0.0.0.0/0"}]}
        svc = manifest("Service", "web", "shop", spec={"type": "ClusterIP", "selector": {"app": "web"}, "ports": [{"port": 80, "targetPort": 8080}]})
        exposed = manifest("Service", "web", "shop", spec={"type": "LoadBalancer", "selector": {"app": "web"}, "ports": [{"port": 80, "targetPort": 8080, "nodePort": 31380}]})
        policy = manifest("NetworkPolicy", "default-deny", "shop", spec={"podSelector": {}, "policyTypes": ["Ingress"]})
        return {"cluster": c, "approved": {agent: [sg], c: [svc, policy]},
                "cloudtrail": [cloudtrail(at(1), "ec2.amazonaws.com", "AuthorizeSecurityGroupIngress", ingress("sg-0a1b2c3d", "tcp", 22, "208.236.235.254/0"), acct, {"_return": True}),
                               cloudtrail(at(2), "ec2.amazonaws.com", "AuthorizeSecurityGroupIngress", ingress("sg-0a1b2c3d", "tcp", 8080, "0.0.0.0/0"), acct, {"_return": True})],
                "k8s_audit": [audit(at(3), "update", "Service", "web", ns="shop", obj=exposed),
                              audit(at(4), "delete", "NetworkPolicy", "default-deny", ns="shop")],
                "alerts": [expect(agent, "admin-port", key("SecurityGroup", "eu-west-1/sg-0a1b2c3d", "ingress|tcp|port 22|208.236.235.254/0"), "critical"),
                           expect(agent, "open-port", key("SecurityGroup", "eu-west-1/sg-0a1b2c3d", "ingress|tcp|port 8080|0.0.0.0/0"), "critical"),
                           expect(c, "service", key("Service", "shop/web", "type"), "critical"),
                           expect(c, "netpol", key("NetworkPolicy", "shop/default-deny", "present"), "critical")]}

    @case("drift-network-near-miss", "PostgreSQL opened to a private /16, the approved 443 rule re-authorized, an SSH opening that AWS refused, and a ClusterIP Service edited: nothing fires.")
    def network_near_miss():
        acct, c = "111100000002", "drift-net-miss"
        agent = "aws-" + acct
        sg = {"kind": "SecurityGroup", "region": "eu-west-1", "name": "sg-0e0e0e0e",
              "ingress": [{"protocol": "tcp", "fromPort": 443, "toPort": 443, "cidr": "0.0.0.0/0"}], "egress": []}
        svc = manifest("Service", "api", "shop", spec={"type": "ClusterIP", "selector": {"app": "api"}, "ports": [{"port": 80}]})
        return {"cluster": c, "approved": {agent: [sg], c: [svc]},
                "cloudtrail": [cloudtrail(at(1), "ec2.amazonaws.com", "AuthorizeSecurityGroupIngress", ingress("sg-0e0e0e0e", "tcp", 5432, "10.20.0.0/16"), acct),
                               cloudtrail(at(2), "ec2.amazonaws.com", "AuthorizeSecurityGroupIngress", ingress("sg-0e0e0e0e", "tcp", 443, "0.0.0.0/0"), acct),
                               cloudtrail(at(3), "ec2.amazonaws.com", "AuthorizeSecurityGroupIngress", ingress("sg-0e0e0e0e", "tcp", 22, "0.0.0.0/0"), acct, error="UnauthorizedOperation")],
                "k8s_audit": [audit(at(4), "update", "Service", "api", ns="shop", obj=manifest(
                    "Service", "api", "shop", spec={"type": "ClusterIP", "selector": {"app": "api"}, "ports": [{"port": 80}, {"port": 9090}]}))],
                "alerts": []}

    @case("drift-supply-chain", "An approved, digest-pinned Deployment is switched to a tag and then made privileged; a Deployment nobody approved appears.")
    def supply_chain():
        c = "drift-supply"
        approved_image = "registry.example/shop/web@" + WEB_DIGEST
        return {"cluster": c, "approved": {c: [deployment("web", "shop", approved_image)]},
                "k8s_audit": [audit(at(1), "patch", "Deployment", "web", ns="shop", obj=deployment("web", "shop", "registry.example/shop/web:2.0")),
                              audit(at(2), "patch", "Deployment", "web", ns="shop", obj=deployment("web", "shop", "registry.example/shop/web:2.0", privileged=True)),
                              audit(at(3), "create", "Deployment", "xmr", ns="shop", obj=deployment("xmr", "shop", "docker.io/miner/xmrig:latest"))],
                "alerts": [expect(c, "image", key("Deployment", "shop/web", "image|web"), "critical"),
                           expect(c, "runtime", key("Deployment", "shop/web", "runtime|web|privileged"), "critical"),
                           expect(c, "unapproved-image", key("Deployment", "shop/xmr", "image|xmr"), "high")]}

    @case("drift-supply-chain-near-miss", "The approved Deployment is scaled and relabelled, its image unchanged (the digest now with a tag beside it): nothing fires.")
    def supply_chain_near_miss():
        c = "drift-supply-miss"
        return {"cluster": c, "approved": {c: [deployment("web", "shop", "registry.example/shop/web@" + WEB_DIGEST)]},
                "k8s_audit": [audit(at(1), "patch", "Deployment", "web", ns="shop", obj=deployment("web", "shop", "registry.example/shop/web:1.9@" + WEB_DIGEST, replicas=6))],
                "alerts": []}

    @case("drift-policy-bypass", "The policy webhook fails open, a namespace drops to privileged, CloudTrail stops logging and is narrowed to writes, a flow log is deleted.")
    def policy_bypass():
        acct, c = "111100000003", "drift-policy"
        agent = "aws-" + acct
        trail = {"kind": "Trail", "region": "eu-west-1", "name": "org-trail", "logging": True,
                 "eventSelectors": [{"readWriteType": "All", "includeManagementEvents": True, "dataResources": []}]}
        return {"cluster": c, "approved": {c: [webhook_config("policy", "Fail"), namespace("shop", "restricted")], agent: [trail]},
                "k8s_audit": [audit(at(1), "update", "ValidatingWebhookConfiguration", "policy", obj=webhook_config("policy", "Ignore")),
                              audit(at(2), "update", "Namespace", "shop", obj=namespace("shop", "privileged"))],
                "cloudtrail": [cloudtrail(at(3), "cloudtrail.amazonaws.com", "StopLogging", {"name": "arn:aws:cloudtrail:eu-west-1:%s:trail/org-trail" % acct}, acct),
                               cloudtrail(at(4), "cloudtrail.amazonaws.com", "PutEventSelectors", {"trailName": "org-trail", "eventSelectors": [{"readWriteType": "WriteOnly", "includeManagementEvents": True, "dataResources": []}]}, acct),
                               cloudtrail(at(5), "ec2.amazonaws.com", "DeleteFlowLogs", {"DeleteFlowLogsRequest": {"FlowLogId": {"tag": 1, "content": "fl-0123456789abcdef0"}}}, acct)],
                "alerts": [expect(c, "webhook", key("ValidatingWebhookConfiguration", "policy", "webhook|validate.policy.example.com|failurePolicy"), "critical"),
                           expect(c, "pod-security", key("Namespace", "shop", "pod-security|enforce"), "critical"),
                           expect(agent, "logging", key("Trail", "eu-west-1/org-trail", "logging"), "critical"),
                           expect(agent, "logging", key("Trail", "eu-west-1/org-trail", "selectors"), "critical"),
                           expect(agent, "logging", key("FlowLog", "eu-west-1/fl-0123456789abcdef0", "present"), "critical")]}

    @case("drift-policy-near-miss", "The webhook gains a rule but still fails closed, a namespace is raised to restricted, and CloudTrail logging is started: nothing fires.")
    def policy_near_miss():
        acct, c = "111100000004", "drift-policy-miss"
        agent = "aws-" + acct
        trail = {"kind": "Trail", "region": "eu-west-1", "name": "org-trail", "logging": True}
        stricter = webhook_config("policy", "Fail")
        stricter["webhooks"][0]["rules"].append({"operations": ["CREATE"], "apiGroups": ["apps"], "apiVersions": ["v1"], "resources": ["deployments"]})
        return {"cluster": c, "approved": {c: [webhook_config("policy", "Fail"), namespace("shop", "baseline")], agent: [trail]},
                "k8s_audit": [audit(at(1), "update", "ValidatingWebhookConfiguration", "policy", obj=stricter),
                              audit(at(2), "update", "Namespace", "shop", obj=namespace("shop", "restricted"))],
                "cloudtrail": [cloudtrail(at(3), "cloudtrail.amazonaws.com", "StartLogging", {"name": "org-trail"}, acct)],
                "alerts": []}

    @case("drift-iam-admin", "A role gets AdministratorAccess attached; another gets a read-only policy: only the first fires.")
    def iam_admin():
        acct = "111100000005"
        agent = "aws-" + acct
        role = {"kind": "IamRole", "name": "deployer", "attachedPolicies": ["arn:aws:iam::aws:policy/ReadOnlyAccess"]}
        return {"approved": {agent: [role]},
                "cloudtrail": [cloudtrail(at(1), "iam.amazonaws.com", "AttachRolePolicy", {"roleName": "deployer", "policyArn": "arn:aws:iam::aws:policy/AdministratorAccess"}, acct, region="us-east-1"),
                               cloudtrail(at(2), "iam.amazonaws.com", "AttachRolePolicy", {"roleName": "reporter", "policyArn": "arn:aws:iam::aws:policy/ReadOnlyAccess"}, acct, region="us-east-1")],
                "alerts": [expect(agent, "iam-admin", key("IamRole", "deployer", "attached|arn:aws:iam::aws:policy/AdministratorAccess"), "critical")]}


def admission_policy(name, failure_policy="Fail"):
    return manifest("ValidatingAdmissionPolicy", name, spec={
        "failurePolicy": failure_policy,
        "matchConstraints": {"resourceRules": [{"apiGroups": [""], "apiVersions": ["v1"], "operations": ["CREATE", "UPDATE"], "resources": ["pods"]}]},
        "validations": [{"expression": "object.spec.containers.all(c, !has(c.securityContext) || !has(c.securityContext.privileged) || !c.securityContext.privileged)"}]})


def policy_binding(name, policy, actions, selector=None):
    spec = {"policyName": policy, "validationActions": actions}
    if selector is not None:
        spec["matchResources"] = {"namespaceSelector": selector}
    return manifest("ValidatingAdmissionPolicyBinding", name, spec=spec)


EXCLUDE_SYSTEM = {"matchExpressions": [{"key": "kubernetes.io/metadata.name", "operator": "NotIn", "values": ["kube-system"]}]}
EXCLUDE_MORE = {"matchExpressions": [{"key": "kubernetes.io/metadata.name", "operator": "NotIn", "values": ["kube-system"]},
                                     {"key": "team", "operator": "NotIn", "values": ["payments"]}]}


def register_admission_cases(case, day8):
    def at(minutes):
        return day8() + timedelta(minutes=minutes)

    @case("drift-admission-narrowing", "The policy webhook stops checking the payments namespaces; the no-privileged-pods policy binding switches from Deny to Warn and the policy fails open.")
    def admission_narrowing():
        c = "drift-admission"
        return {"cluster": c,
                "approved": {c: [webhook_config("policy", "Fail", EXCLUDE_SYSTEM), admission_policy("no-privileged"),
                                 policy_binding("no-privileged", "no-privileged", ["Deny"])]},
                "k8s_audit": [audit(at(1), "update", "ValidatingWebhookConfiguration", "policy", obj=webhook_config("policy", "Fail", EXCLUDE_MORE)),
                              audit(at(2), "update", "ValidatingAdmissionPolicyBinding", "no-privileged", obj=policy_binding("no-privileged", "no-privileged", ["Warn"])),
                              audit(at(3), "update", "ValidatingAdmissionPolicy", "no-privileged", obj=admission_policy("no-privileged", "Ignore"))],
                "alerts": [expect(c, "webhook-selector", key("ValidatingWebhookConfiguration", "policy", "webhook|validate.policy.example.com|namespaceSelector"), "critical"),
                           expect(c, "admission-policy", key("ValidatingAdmissionPolicyBinding", "no-privileged", "validationActions"), "critical"),
                           expect(c, "admission-policy", key("ValidatingAdmissionPolicy", "no-privileged", "failurePolicy"), "critical")]}

    @case("drift-admission-near-miss", "The webhook's selector is widened, the binding adds Audit beside Deny, and an approved NetworkPolicy is edited, not removed: nothing fires.")
    def admission_near_miss():
        c = "drift-admission-miss"
        netpol = manifest("NetworkPolicy", "default-deny", "shop", spec={"podSelector": {}, "policyTypes": ["Ingress"]})
        edited = manifest("NetworkPolicy", "default-deny", "shop", spec={"podSelector": {}, "policyTypes": ["Ingress", "Egress"]})
        return {"cluster": c,
                "approved": {c: [webhook_config("policy", "Fail", EXCLUDE_SYSTEM), policy_binding("no-privileged", "no-privileged", ["Deny"]), netpol]},
                "k8s_audit": [audit(at(1), "update", "ValidatingWebhookConfiguration", "policy", obj=webhook_config("policy", "Fail", {})),
                              audit(at(2), "update", "ValidatingAdmissionPolicyBinding", "no-privileged", obj=policy_binding("no-privileged", "no-privileged", ["Deny", "Audit"])),
                              audit(at(3), "update", "NetworkPolicy", "default-deny", ns="shop", obj=edited)],
                "alerts": []}
