package io.driftwatch.ingest.cloudtrail;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Security group rules as CloudTrail logs them, one normalized rule per source: {@code {"protocol", "fromPort",
 * "toPort"}} and one of {@code "cidr"}, {@code "prefixList"}, {@code "sourceGroup"}. The cidr is kept exactly as
 * logged: anonymised logs hold values such as 208.236.235.254/0, and exposure is for the rules to judge.
 */
final class SecurityGroupRules {

    private SecurityGroupRules() {}

    /**
     * The rules of an Authorize or Revoke request: its ipPermissions, the older flat form (ipProtocol, fromPort,
     * toPort, cidrIp directly in the request), or rules revoked by id.
     */
    static List<Map<String, Object>> ofRequest(At request) {
        List<Map<String, Object>> rules = new ArrayList<>();
        At permissions = request.get("ipPermissions");
        if (!permissions.absent()) {
            for (At permission : permissions.items()) {
                rules.addAll(ofPermission(permission));
            }
        } else if (!request.get("ipProtocol").absent() || !request.get("cidrIp").absent()) {
            rules.addAll(ofPermission(request));
        }
        for (String ruleId : request.get("securityGroupRuleIds").texts("securityGroupRuleId")) {
            rules.add(Change.map("ruleId", ruleId));
        }
        return rules;
    }

    /** One IpPermission: a protocol and port range, and any number of sources, each one rule. */
    private static List<Map<String, Object>> ofPermission(At permission) {
        At protocolAt = permission.get("ipProtocol");
        String protocol = protocol(protocolAt);
        Integer from = port(protocol, permission.get("fromPort"));
        Integer to = port(protocol, permission.get("toPort"));
        List<Map<String, Object>> rules = new ArrayList<>();
        for (String cidr : permission.get("ipRanges").texts("cidrIp")) {
            rules.add(Change.map("protocol", protocol, "fromPort", from, "toPort", to, "cidr", cidr));
        }
        String flatCidr = permission.text("cidrIp");
        if (flatCidr != null) {
            rules.add(Change.map("protocol", protocol, "fromPort", from, "toPort", to, "cidr", flatCidr));
        }
        for (String cidr : permission.get("ipv6Ranges").texts("cidrIpv6")) {
            rules.add(Change.map("protocol", protocol, "fromPort", from, "toPort", to, "cidr", cidr));
        }
        for (String prefixList : permission.get("prefixListIds").texts("prefixListId")) {
            rules.add(Change.map("protocol", protocol, "fromPort", from, "toPort", to, "prefixList", prefixList));
        }
        for (At group : permission.get("groups").items()) {
            String source = group.isObject() ? group.first("groupId", "groupName").text() : group.text();
            if (source != null) {
                rules.add(Change.map("protocol", protocol, "fromPort", from, "toPort", to, "sourceGroup", source));
            }
        }
        String sourceGroup = permission.text("sourceSecurityGroupName");
        if (sourceGroup != null) {
            rules.add(Change.map("protocol", protocol, "fromPort", from, "toPort", to, "sourceGroup", sourceGroup));
        }
        return rules;
    }

    /**
     * The rules of ModifySecurityGroupRules, each with its ruleId. The request does not say whether a rule is
     * ingress or egress; when it carries no IsEgress either, the rule goes under "rules" rather than a guess.
     */
    static Map<String, Object> ofModifyRequest(At request) {
        List<Object> ingress = new ArrayList<>();
        List<Object> egress = new ArrayList<>();
        List<Object> unknown = new ArrayList<>();
        for (At update : request.get("SecurityGroupRule").items()) {
            At rule = update.get("SecurityGroupRule").absent() ? update : update.get("SecurityGroupRule");
            // every field of a modified rule is optional in the API, the protocol too
            String protocol = rule.get("IpProtocol").absent() ? null : protocol(rule.get("IpProtocol"));
            Map<String, Object> normalized = Change.map("protocol", protocol,
                    "fromPort", port(protocol, rule.get("FromPort")), "toPort", port(protocol, rule.get("ToPort")));
            String cidr = rule.first("CidrIpv4", "CidrIpv6").text();
            if (cidr != null) {
                normalized.put("cidr", cidr);
            }
            putIfPresent(normalized, "prefixList", rule.text("PrefixListId"));
            putIfPresent(normalized, "sourceGroup", rule.text("ReferencedGroupId"));
            normalized.put("ruleId", update.first("SecurityGroupRuleId", "RuleId").text());
            Boolean isEgress = update.get("IsEgress").absent() ? rule.get("IsEgress").bool() : update.get("IsEgress").bool();
            (isEgress == null ? unknown : isEgress ? egress : ingress).add(normalized);
        }
        Map<String, Object> after = Change.map();
        putIfNotEmpty(after, "ingress", ingress);
        putIfNotEmpty(after, "egress", egress);
        putIfNotEmpty(after, "rules", unknown);
        return after;
    }

    /** tcp, udp, icmp, icmpv6 or all; EC2 also takes protocol numbers, and -1 for all. */
    static String protocol(At at) {
        String raw = at.text();
        if (raw == null || raw.isBlank()) {
            throw new BadField(at.path(), "required");
        }
        String p = raw.strip().toLowerCase(Locale.ROOT);
        return switch (p) {
            case "-1", "all" -> "all";
            case "6" -> "tcp";
            case "17" -> "udp";
            case "1" -> "icmp";
            case "58" -> "icmpv6";
            default -> p;
        };
    }

    /** A port, or for ICMP a type or code (-1: any); none when the rule covers all protocols. */
    static Integer port(String protocol, At at) {
        return "all".equals(protocol) ? null : at.integer(-1, 65535);
    }

    private static void putIfPresent(Map<String, Object> map, String key, String value) {
        if (value != null) {
            map.put(key, value);
        }
    }

    private static void putIfNotEmpty(Map<String, Object> map, String key, List<Object> list) {
        if (!list.isEmpty()) {
            map.put(key, list);
        }
    }
}
