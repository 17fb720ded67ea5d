package io.driftwatch.ingest.cloudtrail;

import java.util.List;
import java.util.Map;

/**
 * IAM (account-wide, so no namespace): roles, users and groups named by name, managed policies by ARN, access
 * keys by key id. Attached policies, inline policies and group members are lists whose items are added and
 * removed.
 */
final class IamChanges implements ChangeMapper {

    static final String ROLE = "IamRole";
    static final String USER = "IamUser";
    static final String GROUP = "IamGroup";
    static final String POLICY = "IamPolicy";
    static final String ACCESS_KEY = "AccessKey";

    private final PolicyDocuments documents;

    IamChanges(PolicyDocuments documents) {
        this.documents = documents;
    }

    @Override
    public List<Change> changes(CloudTrailRecord r) {
        At q = r.request();
        return switch (r.eventName()) {
            case "CreateRole" -> Change.global(ROLE, q.text("roleName"), "create", createdRole(q));
            case "CreateUser" -> Change.global(USER, q.text("userName"), "create",
                    optional(q, "path", "permissionsBoundary"));
            case "CreateGroup" -> Change.global(GROUP, q.text("groupName"), "create", optional(q, "path"));
            case "CreatePolicy" -> Change.global(POLICY, createdPolicyArn(r), "create",
                    Change.map("document", documents.parse(q.get("policyDocument"))));
            case "CreateAccessKey" -> createdKey(r);
            case "DeleteRole" -> Change.global(ROLE, q.text("roleName"), "delete", null);
            case "DeleteUser" -> Change.global(USER, q.text("userName"), "delete", null);
            case "DeleteGroup" -> Change.global(GROUP, q.text("groupName"), "delete", null);
            case "DeletePolicy" -> Change.global(POLICY, q.text("policyArn"), "delete", null);
            case "DeleteAccessKey" -> Change.global(ACCESS_KEY, q.text("accessKeyId"), "delete", null);
            case "AttachRolePolicy" -> attached(ROLE, q.text("roleName"), "add", q);
            case "AttachUserPolicy" -> attached(USER, q.text("userName"), "add", q);
            case "AttachGroupPolicy" -> attached(GROUP, q.text("groupName"), "add", q);
            case "DetachRolePolicy" -> attached(ROLE, q.text("roleName"), "remove", q);
            case "DetachUserPolicy" -> attached(USER, q.text("userName"), "remove", q);
            case "DetachGroupPolicy" -> attached(GROUP, q.text("groupName"), "remove", q);
            case "PutRolePolicy" -> inline(ROLE, q.text("roleName"), "add", q);
            case "PutUserPolicy" -> inline(USER, q.text("userName"), "add", q);
            case "PutGroupPolicy" -> inline(GROUP, q.text("groupName"), "add", q);
            case "DeleteRolePolicy" -> inline(ROLE, q.text("roleName"), "remove", q);
            case "DeleteUserPolicy" -> inline(USER, q.text("userName"), "remove", q);
            case "DeleteGroupPolicy" -> inline(GROUP, q.text("groupName"), "remove", q);
            case "UpdateAssumeRolePolicy" -> q.get("policyDocument").absent() ? List.of()
                    : Change.global(ROLE, q.text("roleName"), "modify",
                            Change.map("assumeRolePolicy", documents.parse(q.get("policyDocument"))));
            case "CreatePolicyVersion" -> Boolean.TRUE.equals(q.get("setAsDefault").bool())
                    ? Change.global(POLICY, q.text("policyArn"), "modify",
                            Change.map("document", documents.parse(q.get("policyDocument"))))
                    // a version that is not the default changes nothing in force
                    : List.of();
            case "AddUserToGroup" -> members(q, "add");
            case "RemoveUserFromGroup" -> members(q, "remove");
            case "UpdateAccessKey" -> Change.global(ACCESS_KEY, q.text("accessKeyId"), "modify",
                    Change.map("status", q.text("status"), "userName", q.text("userName")));
            default -> List.of();
        };
    }

    private Map<String, Object> createdRole(At q) {
        Map<String, Object> after = Change.map("assumeRolePolicy", documents.parse(q.get("assumeRolePolicyDocument")));
        after.putAll(optional(q, "path", "description", "maxSessionDuration", "permissionsBoundary"));
        return after;
    }

    /** The response names the new policy; a request alone gives its name and path, and the account its ARN. */
    private static String createdPolicyArn(CloudTrailRecord r) {
        String arn = r.response().get("policy").text("arn");
        String name = r.request().text("policyName");
        if (arn != null || name == null) {
            return arn;
        }
        String path = r.request().text("path");
        return "arn:aws:iam::" + r.agentId().substring("aws-".length()) + ":policy" + (path == null ? "/" : path) + name;
    }

    /** A key is the user's named in the request, else the caller's own (root's, when the caller is root). */
    private static List<Change> createdKey(CloudTrailRecord r) {
        At key = r.response().get("accessKey");
        String id = key.text("accessKeyId");
        if (id == null) {
            id = r.request().text("accessKeyId");
        }
        String user = r.request().text("userName");
        if (user == null) {
            user = key.text("userName");
        }
        if (user == null) {
            user = r.root().get("userIdentity").text("userName");
        }
        return Change.global(ACCESS_KEY, id, "create", Change.map("userName", user, "status", key.text("status")));
    }

    private static List<Change> attached(String kind, String name, String change, At q) {
        String policy = q.text("policyArn");
        return policy == null ? List.of() : Change.global(kind, name, change, Change.map("attachedPolicies", List.of(policy)));
    }

    private List<Change> inline(String kind, String name, String change, At q) {
        String policy = q.text("policyName");
        if (policy == null) {
            return List.of();
        }
        Map<String, Object> item = "add".equals(change)
                ? Change.map("name", policy, "document", documents.parse(q.get("policyDocument")))
                : Change.map("name", policy);
        return Change.global(kind, name, change, Change.map("inlinePolicies", List.of(item)));
    }

    private static List<Change> members(At q, String change) {
        String user = q.text("userName");
        return user == null ? List.of() : Change.global(GROUP, q.text("groupName"), change, Change.map("members", List.of(user)));
    }

    /** The request fields that are present, as they are. */
    private static Map<String, Object> optional(At q, String... fields) {
        Map<String, Object> map = Change.map();
        for (String field : fields) {
            if (!q.get(field).absent()) {
                map.put(field, Plain.of(q.get(field).node()));
            }
        }
        return map;
    }
}
