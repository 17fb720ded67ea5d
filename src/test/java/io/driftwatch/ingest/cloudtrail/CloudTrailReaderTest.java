package io.driftwatch.ingest.cloudtrail;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.driftwatch.event.Event;
import io.driftwatch.event.EventType;
import io.driftwatch.ingest.BatchTooLargeException;
import io.driftwatch.ingest.LineTooLongException;
import io.driftwatch.ingest.ReadResult;
import io.driftwatch.ingest.ReadResult.Indexed;
import io.driftwatch.ingest.ReadResult.Rejection;
import io.driftwatch.ingest.ReaderLimits;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

/** Plain JUnit: the reader is framework-free. Inline records are written with ' for " to stay readable. */
class CloudTrailReaderTest {

    static final Path FIXTURES = Path.of("testdata/formats/cloudtrail");
    static final CloudTrailReader READER = new CloudTrailReader(ReaderLimits.DEFAULTS);
    static final String ACCOUNT = "aws-111122223333";
    static final String MALLORY = "arn:aws:sts::111122223333:assumed-role/ops-admin/mallory";
    static final String SG = "sg-0a1b2c3d4e5f60718";

    // ---- the hand-written log file: one record of each mapping, read once for the tests that look at it

    @Nested
    class LogFile {

        final ReadResult result = read("log-file.json", false);

        @Test
        void everyRecordIsReadAndNoneRejected() {
            assertEquals(List.of(), result.rejections());
            assertEquals(List.of(), result.ignored());
            assertEquals(17, result.events().size(), "16 records, DeleteFlowLogs with two ids gives two events");
            for (int i = 0; i < 16; i++) {
                assertTrue(!eventsAt(result, i).isEmpty(), "record " + i + " gave no event");
            }
        }

        @Test
        void authorizeIngressAddsOneRulePerSourceKeepingTheCidrAsLogged() {
            Event e = only(result, 0);
            assertEquals("0f5e4a8e-1c1d-4a57-9a8e-3b0e0e2e7a01", e.id());
            assertEquals(ACCOUNT, e.agentId());
            assertEquals(Instant.parse("2026-03-02T09:14:05Z"), e.time());
            assertEquals(EventType.CONFIG, e.type());
            assertNull(e.api());
            Event.Config c = e.config();
            assertConfig(c, "SecurityGroup", "eu-west-1/" + SG, "eu-west-1", SG, "add");
            assertEquals(MALLORY, c.actor());
            assertNull(c.before());
            assertEquals(Map.of("ingress", List.of(
                    rule("tcp", 22, 22, "cidr", "0.0.0.0/0"),
                    rule("tcp", 5432, 5432, "cidr", "10.20.0.0/16"),
                    rule("tcp", 5432, 5432, "prefixList", "pl-0123abcd4567ef890"),
                    rule("tcp", 5432, 5432, "sourceGroup", "sg-0f9e8d7c6b5a40312"))), c.after());
        }

        @Test
        void revokeInTheOlderFlatFormRemovesTheRule() {
            Event.Config c = only(result, 1).config();
            assertConfig(c, "SecurityGroup", "eu-west-1/" + SG, "eu-west-1", SG, "remove");
            assertEquals(Map.of("ingress", List.of(rule("tcp", 3389, 3389, "cidr", "0.0.0.0/0"))), c.after());
        }

        @Test
        void modifiedRuleIsAddedWithItsRuleIdUnderRulesWhenTheDirectionIsNotLogged() {
            Event.Config c = only(result, 2).config();
            assertConfig(c, "SecurityGroup", "eu-west-1/" + SG, "eu-west-1", SG, "add");
            Map<String, Object> modified = rule("tcp", 443, 443, "cidr", "0.0.0.0/0");
            modified.put("ruleId", "sgr-05ee06ff07aa08bb0");
            assertEquals(Map.of("rules", List.of(modified)), c.after());
            assertEquals("arn:aws:iam::111122223333:user/dev-ci", c.actor());
        }

        @Test
        void createdGroupIsNamedByTheIdInTheResponse() {
            Event.Config c = only(result, 3).config();
            assertConfig(c, "SecurityGroup", "eu-west-1/sg-0b2c3d4e5f6071829", "eu-west-1", "sg-0b2c3d4e5f6071829", "create");
            assertEquals(Map.of("groupName", "shop-db", "vpcId", "vpc-0c1d2e3f4a5b6c7d8", "description", "shop database",
                    "ingress", List.of(), "egress", List.of()), c.after());
        }

        @Test
        void instanceGroupsSetAreTheModifiedAttribute() {
            Event.Config c = only(result, 4).config();
            assertConfig(c, "Instance", "eu-west-1/i-0123456789abcdef0", "eu-west-1", "i-0123456789abcdef0", "modify");
            assertEquals(Map.of("groups", List.of(SG, "sg-0b2c3d4e5f6071829")), c.after());
        }

        @Test
        void networkAclEntryNamesItsProtocolAndPorts() {
            Event.Config c = only(result, 5).config();
            assertConfig(c, "NetworkAcl", "eu-west-1/acl-0d1e2f3a4b5c6d7e8", "eu-west-1", "acl-0d1e2f3a4b5c6d7e8", "add");
            assertEquals(Map.of("entries", List.of(Map.of("ruleNumber", 90, "egress", false, "protocol", "tcp",
                    "ruleAction", "allow", "cidr", "0.0.0.0/0", "fromPort", 22, "toPort", 22))), c.after());
        }

        @Test
        void routeNamesItsDestinationAndTarget() {
            Event.Config c = only(result, 6).config();
            assertConfig(c, "RouteTable", "eu-west-1/rtb-0e1f2a3b4c5d6e7f8", "eu-west-1", "rtb-0e1f2a3b4c5d6e7f8", "add");
            assertEquals(Map.of("routes", List.of(Map.of("destination", "0.0.0.0/0", "target", "igw-0f1a2b3c4d5e6f7a8"))),
                    c.after());
        }

        @Test
        void attachedRolePolicyIsAnAccountWideChange() {
            Event.Config c = only(result, 7).config();
            assertConfig(c, "IamRole", "shop-web", null, "shop-web", "add");
            assertEquals(Map.of("attachedPolicies", List.of("arn:aws:iam::aws:policy/AdministratorAccess")), c.after());
        }

        @Test
        void urlEncodedInlinePolicyIsDecodedAndParsed() {
            Event.Config c = only(result, 8).config();
            assertConfig(c, "IamUser", "backup-bot", null, "backup-bot", "add");
            assertEquals(Map.of("inlinePolicies", List.of(Map.of("name", "escalate", "document", Map.of(
                    "Version", "2012-10-17",
                    "Statement", List.of(Map.of("Effect", "Allow", "Action", "*", "Resource", "*")))))), c.after());
            assertEquals("arn:aws:iam::111122223333:user/backup-bot", c.actor());
        }

        @Test
        void createdAccessKeyIsNamedByItsIdAndSaysWhoseItIs() {
            Event.Config c = only(result, 9).config();
            assertConfig(c, "AccessKey", "AKIAEXAMPLENEWKEY01", null, "AKIAEXAMPLENEWKEY01", "create");
            assertEquals(Map.of("userName", "deploy", "status", "Active"), c.after());
        }

        @Test
        void stopLoggingNamesTheTrailFromItsArn() {
            Event.Config c = only(result, 10).config();
            assertConfig(c, "Trail", "eu-west-1/org-audit", "eu-west-1", "org-audit", "modify");
            assertEquals(Map.of("logging", false), c.after());
        }

        @Test
        void eventSelectorsAreKeptAsGiven() {
            Event.Config c = only(result, 11).config();
            assertConfig(c, "Trail", "eu-west-1/org-audit", "eu-west-1", "org-audit", "modify");
            assertEquals(Map.of("eventSelectors", List.of(Map.of("readWriteType", "WriteOnly", "includeManagementEvents", true,
                    "dataResources", List.of(), "excludeManagementEventSources", List.of()))), c.after());
        }

        @Test
        void eachDeletedFlowLogIsAnEventWithItsOwnId() {
            List<Event> events = eventsAt(result, 12);
            assertEquals(2, events.size());
            assertConfig(events.get(0).config(), "FlowLog", "eu-west-1/fl-0a1b2c3d4e5f60001", "eu-west-1",
                    "fl-0a1b2c3d4e5f60001", "delete");
            assertConfig(events.get(1).config(), "FlowLog", "eu-west-1/fl-0a1b2c3d4e5f60002", "eu-west-1",
                    "fl-0a1b2c3d4e5f60002", "delete");
            assertNull(events.get(0).config().after());
            // the engine drops an id it has seen: the second event of a record must not repeat the first's
            assertEquals("0f5e4a8e-1c1d-4a57-9a8e-3b0e0e2e7a13", events.get(0).id());
            assertEquals("0f5e4a8e-1c1d-4a57-9a8e-3b0e0e2e7a13#2", events.get(1).id());
        }

        @Test
        void failedAuthorizeChangesNothingAndIsAFailedApiCall() {
            Event e = only(result, 13);
            assertEquals(EventType.API, e.type());
            assertNull(e.config());
            assertEquals(new Event.Api("arn:aws:iam::111122223333:user/dev-ci", "ec2:AuthorizeSecurityGroupIngress", SG,
                    "203.0.113.77", "failure"), e.api());
        }

        @Test
        void otherCallsAreApiEventsNamingTheirResource() {
            assertEquals(new Event.Api("arn:aws:sts::111122223333:assumed-role/monitoring/i-0123456789abcdef0",
                    "ec2:DescribeInstances", null, "10.0.3.7", "success"), only(result, 14).api());
            assertEquals(new Event.Api("arn:aws:sts::111122223333:assumed-role/shop-web/web", "s3:GetObject",
                    "shop-invoices/2026/03/inv-1001.pdf", "10.0.3.9", "success"), only(result, 15).api());
        }

        @Test
        void ndjsonOfTheSameRecordsGivesTheSameEvents() {
            ReadResult ndjson = read("records.ndjson", true);
            assertEquals(List.of(), ndjson.rejections());
            assertEquals(result.events(), ndjson.events());
        }
    }

    // ---- problems: index, line, field and reason, the rest still read

    @Nested
    class BadRecords {

        final ReadResult result = read("bad-records.ndjson", true);

        @Test
        void eachBadRecordIsRejectedWithWhereAndWhy() {
            assertEquals(List.of(0, 7), result.events().stream().map(Indexed::index).toList());
            List<Rejection> r = result.rejections();
            assertEquals(6, r.size(), () -> r.toString());
            assertEquals(new Rejection(1, 2, "eventTime", "required"), r.get(0));
            // line 3 is blank: it is skipped and not counted as a record
            assertEquals(new Rejection(2, 4, "eventTime",
                    "not an ISO-8601 instant: '2026-03-02 11:02:00' (expected e.g. 2026-11-20T10:00:00Z)"), r.get(1));
            assertEquals(new Rejection(3, 5, "recipientAccountId", "required: the account the record belongs to"), r.get(2));
            assertEquals(new Rejection(4, 6, "", "expected a JSON object, got array (NDJSON takes one record per line;"
                    + " send an array as JSON)"), r.get(3));
            assertEquals(5, r.get(4).index());
            assertEquals(7, r.get(4).line());
            assertEquals("", r.get(4).field());
            assertTrue(r.get(4).reason().startsWith("malformed JSON at column 116: Unexpected end-of-input"), r.get(4).reason());
            assertEquals(new Rejection(6, 8, "requestParameters.ipPermissions.items[0].fromPort",
                    "expected an integer, got 'ssh'"), r.get(5));
            assertEquals(6, result.rejectedCount());
        }

        @Test
        void everyMissingCommonFieldIsReported() {
            ReadResult r = json("{'eventVersion':'1.09','userIdentity':{'type':'Root'}}");
            assertEquals(List.of(
                    new Rejection(0, null, "eventTime", "required"),
                    new Rejection(0, null, "eventSource", "required"),
                    new Rejection(0, null, "eventName", "required"),
                    new Rejection(0, null, "recipientAccountId", "required: the account the record belongs to")),
                    r.rejections());
        }

        @Test
        void malformedJsonBodyIsOneRejection() {
            ReadResult r = READER.read(bytes("{\"Records\": [{\"eventTime\": }"), false);
            assertEquals(List.of(), r.events());
            assertEquals(1, r.rejections().size());
            Rejection only = r.rejections().get(0);
            assertEquals(0, only.index());
            assertNull(only.line());
            assertEquals("", only.field());
            assertTrue(only.reason().startsWith("malformed JSON at line 1, column "), only.reason());

            Rejection garbage = READER.read(bytes("not json at all"), false).rejections().get(0);
            assertEquals(0, garbage.index());
            assertTrue(garbage.reason().startsWith("malformed JSON at line 1, column 1: Unrecognized token 'not'"),
                    garbage.reason());
        }

        @Test
        void syntaxErrorStopsTheArrayAsInTheEventReader() {
            String good = rec("sts.amazonaws.com", "GetCallerIdentity", "");
            ReadResult r = READER.read(bytes("{\"Records\": [" + good + ",\n{\"eventTime\": ]," + good + "]}"), false);
            assertEquals(List.of(0), r.events().stream().map(Indexed::index).toList());
            assertEquals(1, r.rejections().size());
            Rejection stopped = r.rejections().get(0);
            assertEquals(1, stopped.index());
            assertTrue(stopped.reason().startsWith("malformed JSON at line 2, column 15: "), stopped.reason());
            assertTrue(stopped.reason().endsWith("; the rest of the array was not read (a JSON array cannot be resumed"
                    + " after this error; NDJSON can: there a broken line costs only itself)"), stopped.reason());
        }

        @Test
        void elementThatIsNoObjectCostsOnlyItself() {
            ReadResult r = READER.read(bytes("[42, " + rec("sts.amazonaws.com", "GetCallerIdentity", "") + "]"), false);
            assertEquals(List.of(new Rejection(0, null, "", "expected a JSON object, got integer")), r.rejections());
            assertEquals(List.of(1), r.events().stream().map(Indexed::index).toList());
        }

        @Test
        void bodiesThatHoldNoRecords() {
            assertEquals(List.of(new Rejection(0, null, "", "empty body: expected a CloudTrail log file"
                    + " {\"Records\": [...]}, a record or an array of records")), READER.read(bytes("  \n"), false).rejections());
            assertEquals(List.of(new Rejection(0, null, "Records", "expected an array of records, got object")),
                    json("{'Records':{}}").rejections());
            assertEquals(List.of(new Rejection(0, null, "", "expected a CloudTrail log file {\"Records\": [...]}, a record"
                    + " object or an array of records, got string")), json("'Records'").rejections());
            assertEquals(List.of(new Rejection(0, null, "", "expected a JSON object, got integer")),
                    json("[42]").rejections());
            ReadResult empty = json("{'Records':[]}");
            assertEquals(List.of(), empty.events());
            assertEquals(List.of(), empty.rejections());
        }

        @Test
        void logFileOnAnNdjsonLineSaysSo() {
            ReadResult r = ndjson("{'Records':[" + rec("sts.amazonaws.com", "GetCallerIdentity", "").replace('"', '\'') + "]}");
            assertEquals(List.of(new Rejection(0, 1, "", "a whole CloudTrail log file where a record was expected; send"
                    + " each log file as its own JSON body")), r.rejections());
        }

        @Test
        void contentAfterTheLogFileIsRejectedAfterItsRecords() {
            ReadResult r = READER.read(bytes("{\"Records\":[" + rec("sts.amazonaws.com", "GetCallerIdentity", "") + "]} {}"), false);
            assertEquals(1, r.events().size());
            assertEquals(1, r.rejections().get(0).index());
            assertTrue(r.rejections().get(0).reason().startsWith("unexpected content after the JSON object at line 1"));
        }
    }

    // ---- the other shapes a body may have

    @Nested
    class Shapes {
        @Test
        void singleRecordArrayOfRecordsAndByteOrderMark() {
            String record = rec("sts.amazonaws.com", "GetCallerIdentity", "");
            assertEquals(1, READER.read(bytes(record), false).events().size());
            ReadResult array = READER.read(bytes("[" + record + ", " + record + "]"), false);
            assertEquals(List.of(0, 1), array.events().stream().map(Indexed::index).toList());
            byte[] bom = bytes("\uFEFF" + record);
            assertEquals(3, bom.length - bytes(record).length);
            assertEquals(1, READER.read(bom, false).events().size());
            assertEquals(1, READER.read(bom, true).events().size());
        }

        @Test
        void crlfLinesAreAccepted() {
            String record = rec("sts.amazonaws.com", "GetCallerIdentity", "");
            ReadResult r = READER.read(bytes(record + "\r\n\r\n" + record + "\r\n"), true);
            assertEquals(List.of(), r.rejections());
            assertEquals(List.of(0, 1), r.events().stream().map(Indexed::index).toList());
        }
    }

    // ---- mappings the log file does not show

    @Nested
    class Mappings {
        @Test
        void ruleShapes() {
            Event.Config c = config(rec("ec2.amazonaws.com", "AuthorizeSecurityGroupEgress", "'requestParameters':{'groupId':'sg-1',"
                    + "'ipPermissions':{'items':[{'ipProtocol':'-1','groups':{},'ipRanges':{'items':[{'cidrIp':'208.236.235.254/0'}]},"
                    + "'ipv6Ranges':{'items':[{'cidrIpv6':'::/0'}]},'prefixListIds':{}},"
                    + "{'ipProtocol':'icmp','fromPort':-1,'toPort':-1,'ipRanges':{'items':[{'cidrIp':'10.0.0.0/8'}]}},"
                    + "{'ipProtocol':'17','fromPort':'53','toPort':'53','ipRanges':{'items':[{'cidrIp':'10.0.0.2/32'}]}}]}}"));
            assertConfig(c, "SecurityGroup", "eu-west-1/sg-1", "eu-west-1", "sg-1", "add");
            assertEquals(Map.of("egress", List.of(
                    rule("all", null, null, "cidr", "208.236.235.254/0"),
                    rule("all", null, null, "cidr", "::/0"),
                    rule("icmp", -1, -1, "cidr", "10.0.0.0/8"),
                    rule("udp", 53, 53, "cidr", "10.0.0.2/32"))), c.after());
        }

        @Test
        void revokeEgressByRuleId() {
            Event.Config c = config(rec("ec2.amazonaws.com", "RevokeSecurityGroupEgress", "'requestParameters':{'groupId':'sg-1',"
                    + "'securityGroupRuleIds':{'items':[{'securityGroupRuleId':'sgr-1'}]}}"));
            assertEquals("remove", c.change());
            assertEquals(Map.of("egress", List.of(Map.of("ruleId", "sgr-1"))), c.after());
        }

        @Test
        void modifiedRulesWithTheirDirection() {
            Event.Config c = config(rec("ec2.amazonaws.com", "ModifySecurityGroupRules", "'requestParameters':{"
                    + "'ModifySecurityGroupRulesRequest':{'GroupId':'sg-1','SecurityGroupRule':["
                    + "{'SecurityGroupRuleId':'sgr-1','IsEgress':false,'SecurityGroupRule':{'IpProtocol':'tcp','FromPort':22,'ToPort':22,'CidrIpv4':'0.0.0.0/0'}},"
                    + "{'SecurityGroupRuleId':'sgr-2','IsEgress':true,'SecurityGroupRule':{'IpProtocol':'-1','ReferencedGroupId':'sg-2'}}]}}"));
            assertEquals(Map.of(
                    "ingress", List.of(Map.of("protocol", "tcp", "fromPort", 22, "toPort", 22, "cidr", "0.0.0.0/0", "ruleId", "sgr-1")),
                    "egress", List.of(Map.of("protocol", "all", "sourceGroup", "sg-2", "ruleId", "sgr-2"))),
                    withoutNulls(c.after()));
        }

        @Test
        void deletedGroupAclAndRouteTable() {
            assertConfig(config(rec("ec2.amazonaws.com", "DeleteSecurityGroup", "'requestParameters':{'groupId':'sg-1'}")),
                    "SecurityGroup", "eu-west-1/sg-1", "eu-west-1", "sg-1", "delete");
            assertConfig(config(rec("ec2.amazonaws.com", "DeleteNetworkAcl", "'requestParameters':{'networkAclId':'acl-1'}")),
                    "NetworkAcl", "eu-west-1/acl-1", "eu-west-1", "acl-1", "delete");
            assertConfig(config(rec("ec2.amazonaws.com", "DeleteRouteTable", "'requestParameters':{'routeTableId':'rtb-1'}")),
                    "RouteTable", "eu-west-1/rtb-1", "eu-west-1", "rtb-1", "delete");
        }

        @Test
        void instanceAttributesUnwrapped() {
            assertEquals(Map.of("sourceDestCheck", false), config(rec("ec2.amazonaws.com", "ModifyInstanceAttribute",
                    "'requestParameters':{'instanceId':'i-1','sourceDestCheck':{'value':false}}")).after());
            assertEquals(Map.of("userData", "<sensitiveDataRemoved>"), config(rec("ec2.amazonaws.com", "ModifyInstanceAttribute",
                    "'requestParameters':{'instanceId':'i-1','userData':'<sensitiveDataRemoved>'}")).after());
            assertEquals(Map.of("instanceType", "t3.nano"), config(rec("ec2.amazonaws.com", "ModifyInstanceAttribute",
                    "'requestParameters':{'instanceId':'i-1','instanceType':{'value':'t3.nano'}}")).after());
            assertEquals(Map.of("disableApiTermination", false), config(rec("ec2.amazonaws.com", "ModifyInstanceAttribute",
                    "'requestParameters':{'instanceId':'i-1','attribute':'disableApiTermination','value':'false'}")).after());
        }

        @Test
        void networkAclEntryRemovedAndAllProtocols() {
            Event.Config removed = config(rec("ec2.amazonaws.com", "DeleteNetworkAclEntry",
                    "'requestParameters':{'networkAclId':'acl-1','ruleNumber':100,'egress':true}"));
            assertEquals("remove", removed.change());
            assertEquals(Map.of("entries", List.of(Map.of("ruleNumber", 100, "egress", true))), removed.after());
            Event.Config all = config(rec("ec2.amazonaws.com", "ReplaceNetworkAclEntry", "'requestParameters':{'networkAclId':'acl-1',"
                    + "'ruleNumber':500,'egress':true,'ruleAction':'deny','icmpTypeCode':{},'portRange':{},'aclProtocol':'-1','cidrBlock':'0.0.0.0/0'}"));
            assertEquals("add", all.change());
            assertEquals(Map.of("entries", List.of(Map.of("ruleNumber", 500, "egress", true, "protocol", "all",
                    "ruleAction", "deny", "cidr", "0.0.0.0/0"))), Map.of("entries", List.of(withoutNulls(entry(all)))));
        }

        @Test
        void routesRemovedAndTablesCreated() {
            assertEquals(Map.of("routes", List.of(Map.of("destination", "10.9.0.0/16"))), config(rec("ec2.amazonaws.com",
                    "DeleteRoute", "'requestParameters':{'routeTableId':'rtb-1','destinationCidrBlock':'10.9.0.0/16'}")).after());
            Event.Config created = config(rec("ec2.amazonaws.com", "CreateRouteTable", "'requestParameters':{'vpcId':'vpc-1'},"
                    + "'responseElements':{'routeTable':{'routeTableId':'rtb-9','vpcId':'vpc-1'}}"));
            assertConfig(created, "RouteTable", "eu-west-1/rtb-9", "eu-west-1", "rtb-9", "create");
            assertEquals(Map.of("vpcId", "vpc-1", "routes", List.of()), created.after());
        }

        @Test
        void flowLogsCreatedPerResource() {
            List<Event> events = events(rec("ec2.amazonaws.com", "CreateFlowLogs", "'requestParameters':{'CreateFlowLogsRequest':{"
                    + "'ResourceId':[{'content':'vpc-1','tag':1},{'content':'vpc-2','tag':2}],'ResourceType':'VPC','TrafficType':'ALL',"
                    + "'LogDestinationType':'s3','LogDestination':'arn:aws:s3:::flow-logs'}},"
                    + "'responseElements':{'CreateFlowLogsResponse':{'flowLogIdSet':{'item':['fl-1','fl-2']}}}"));
            assertEquals(List.of("eu-west-1/fl-1", "eu-west-1/fl-2"), events.stream().map(e -> e.config().id()).toList());
            assertEquals(Map.of("resourceIds", List.of("vpc-2"), "trafficType", "ALL", "logDestination", "arn:aws:s3:::flow-logs"),
                    events.get(1).config().after());
            assertEquals(List.of("create", "create"), events.stream().map(e -> e.config().change()).toList());
        }

        @Test
        void deletedFlowLogAsASingleString() {
            assertEquals("eu-west-1/fl-7", config(rec("ec2.amazonaws.com", "DeleteFlowLogs",
                    "'requestParameters':{'DeleteFlowLogsRequest':{'FlowLogId':'fl-7'}}")).id());
        }

        @Test
        void iamRolesPoliciesGroupsAndKeys() {
            Event.Config role = config(rec("iam.amazonaws.com", "CreateRole", "'requestParameters':{'roleName':'ci',"
                    + "'assumeRolePolicyDocument':'{\\'Version\\':\\'2012-10-17\\',\\'Statement\\':[{\\'Effect\\':\\'Allow\\',"
                    + "\\'Principal\\':{\\'AWS\\':\\'*\\'},\\'Action\\':\\'sts:AssumeRole\\'}]}'}"));
            assertConfig(role, "IamRole", "ci", null, "ci", "create");
            assertEquals(Map.of("assumeRolePolicy", Map.of("Version", "2012-10-17", "Statement", List.of(Map.of(
                    "Effect", "Allow", "Principal", Map.of("AWS", "*"), "Action", "sts:AssumeRole")))), role.after());

            Event.Config trust = config(rec("iam.amazonaws.com", "UpdateAssumeRolePolicy",
                    "'requestParameters':{'roleName':'ci','policyDocument':'not json'}"));
            assertEquals("modify", trust.change());
            assertEquals(Map.of("assumeRolePolicy", "not json"), trust.after(), "unparseable documents are kept as text");

            Event.Config policy = config(rec("iam.amazonaws.com", "CreatePolicy", "'requestParameters':{'policyName':'p',"
                    + "'policyDocument':'{}'},'responseElements':{'policy':{'arn':'arn:aws:iam::111122223333:policy/p'}}"));
            assertConfig(policy, "IamPolicy", "arn:aws:iam::111122223333:policy/p", null, "arn:aws:iam::111122223333:policy/p", "create");
            assertEquals(Map.of("document", Map.of()), policy.after());

            Event.Config version = config(rec("iam.amazonaws.com", "CreatePolicyVersion", "'requestParameters':{"
                    + "'policyArn':'arn:aws:iam::111122223333:policy/p','setAsDefault':true,'policyDocument':'{}'}"));
            assertEquals("modify", version.change());
            assertEquals(EventType.API, only(json(rec("iam.amazonaws.com", "CreatePolicyVersion", "'requestParameters':{"
                    + "'policyArn':'arn:aws:iam::111122223333:policy/p','setAsDefault':false,'policyDocument':'{}'}")), 0).type());

            Event.Config detached = config(rec("iam.amazonaws.com", "DetachGroupPolicy",
                    "'requestParameters':{'groupName':'ops','policyArn':'arn:aws:iam::aws:policy/ReadOnlyAccess'}"));
            assertConfig(detached, "IamGroup", "ops", null, "ops", "remove");
            assertEquals(Map.of("attachedPolicies", List.of("arn:aws:iam::aws:policy/ReadOnlyAccess")), detached.after());

            assertEquals(Map.of("inlinePolicies", List.of(Map.of("name", "p"))), config(rec("iam.amazonaws.com",
                    "DeleteRolePolicy", "'requestParameters':{'roleName':'ci','policyName':'p'}")).after());
            assertEquals(Map.of("members", List.of("bob")), config(rec("iam.amazonaws.com", "AddUserToGroup",
                    "'requestParameters':{'groupName':'admins','userName':'bob'}")).after());
            Event.Config key = config(rec("iam.amazonaws.com", "UpdateAccessKey",
                    "'requestParameters':{'accessKeyId':'AKIA1','status':'Inactive','userName':'bob'}"));
            assertConfig(key, "AccessKey", "AKIA1", null, "AKIA1", "modify");
            assertEquals(Map.of("status", "Inactive", "userName", "bob"), key.after());
            assertConfig(config(rec("iam.amazonaws.com", "DeleteUser", "'requestParameters':{'userName':'bob'}")),
                    "IamUser", "bob", null, "bob", "delete");
        }

        @Test
        void trailsCreatedUpdatedDeletedAndStarted() {
            Event.Config created = config(rec("cloudtrail.amazonaws.com", "CreateTrail",
                    "'requestParameters':{'name':'audit','s3BucketName':'audit-logs','isMultiRegionTrail':true}"));
            assertConfig(created, "Trail", "eu-west-1/audit", "eu-west-1", "audit", "create");
            assertEquals(Map.of("s3BucketName", "audit-logs", "isMultiRegionTrail", true), created.after());
            assertEquals(Map.of("includeGlobalServiceEvents", false), config(rec("cloudtrail.amazonaws.com", "UpdateTrail",
                    "'requestParameters':{'name':'audit','includeGlobalServiceEvents':false}")).after());
            assertConfig(config(rec("cloudtrail.amazonaws.com", "DeleteTrail", "'requestParameters':{'name':'audit'}")),
                    "Trail", "eu-west-1/audit", "eu-west-1", "audit", "delete");
            assertEquals(Map.of("logging", true), config(rec("cloudtrail.amazonaws.com", "StartLogging",
                    "'requestParameters':{'name':'audit'}")).after());
        }

        @Test
        void aChangeThatDoesNotNameItsObjectIsStillAnApiEvent() {
            Event e = only(json(rec("cloudtrail.amazonaws.com", "StartLogging", "'requestParameters':{}")), 0);
            assertEquals(EventType.API, e.type());
            assertEquals("cloudtrail:StartLogging", e.api().operation());
        }

        @Test
        void actorFallsBackFromArnToPrincipalToInvokerToType() {
            String noArn = rec("sts.amazonaws.com", "GetCallerIdentity", "").replace(
                    "\"arn\":\"arn:aws:sts::111122223333:assumed-role/ops/alice\",", "");
            assertEquals("AROAEXAMPLE:alice", only(json(noArn), 0).api().principal());
            String service = "{'eventTime':'2026-03-02T12:00:00Z','eventSource':'kms.amazonaws.com','eventName':'Decrypt',"
                    + "'recipientAccountId':'111122223333','userIdentity':{'type':'AWSService','invokedBy':'s3.amazonaws.com'}}";
            assertEquals("s3.amazonaws.com", only(json(service), 0).api().principal());
            String root = service.replace("'AWSService','invokedBy':'s3.amazonaws.com'", "'Root'");
            assertEquals("Root", only(json(root), 0).api().principal());
            assertEquals("unknown", only(json(service.replace(",'userIdentity':{'type':'AWSService','invokedBy':'s3.amazonaws.com'}",
                    "")), 0).api().principal());
        }

        @Test
        void accountFallsBackToTheCaller() {
            String record = rec("sts.amazonaws.com", "GetCallerIdentity", "").replace(",\"recipientAccountId\":\"111122223333\"", "");
            assertEquals(ACCOUNT, only(json(record), 0).agentId());
        }

        @Test
        void failedConsoleSignInIsAFailure() {
            Event e = only(json(rec("signin.amazonaws.com", "ConsoleLogin", "'responseElements':{'ConsoleLogin':'Failure'}")), 0);
            assertEquals("signin:ConsoleLogin", e.api().operation());
            assertEquals("failure", e.api().outcome());
        }
    }

    // ---- hostile input: bounded work, and only the offending record pays

    @Nested
    class Hostile {
        final ReaderLimits small = new ReaderLimits(5, 2_000, 8, 100);
        final CloudTrailReader reader = new CloudTrailReader(small);

        @Test
        void deepNestingRejectsThatRecordOnly() {
            String good = rec("sts.amazonaws.com", "GetCallerIdentity", "");
            // depth limit 8 + 2 = 10: the record is level 1, so requestParameters holding 10 nested arrays makes 11
            String deep = rec("ec2.amazonaws.com", "DescribeVpcs", "'requestParameters':" + "[".repeat(10) + "]".repeat(10));
            ReadResult r = reader.read(bytes("{\"Records\":[" + good + "," + deep + "," + good + "]}"), false);
            assertEquals(List.of(0, 2), r.events().stream().map(Indexed::index).toList());
            assertEquals(List.of(new Rejection(1, null, "requestParameters[0][0][0][0][0][0][0][0][0]",
                    "nested deeper than the limit of 10 levels of objects and arrays")), r.rejections());
            String fits = rec("ec2.amazonaws.com", "DescribeVpcs", "'requestParameters':" + "[".repeat(9) + "]".repeat(9));
            assertEquals(List.of(), reader.read(bytes(fits), false).rejections());
        }

        @Test
        void aMillionLevelsCostOnePassAndOnlyThatRecord() {
            String good = rec("sts.amazonaws.com", "GetCallerIdentity", "");
            String deep = "{\"a\":" + "[".repeat(1_000_000) + "]".repeat(1_000_000) + "}";
            ReadResult r = READER.read(bytes("[" + good + "," + deep + "," + good + "]"), false);
            assertEquals(List.of(0, 2), r.events().stream().map(Indexed::index).toList());
            assertEquals(1, r.rejections().get(0).index());
            assertEquals("nested deeper than the limit of 34 levels of objects and arrays", r.rejections().get(0).reason());
        }

        @Test
        void hugeStringRejectsThatRecordOnly() {
            String good = rec("sts.amazonaws.com", "GetCallerIdentity", "");
            String huge = rec("s3.amazonaws.com", "GetObject", "'requestParameters':{'bucketName':'b','key':'" + "k".repeat(101) + "'}");
            ReadResult r = reader.read(bytes(good + "\n" + huge + "\n" + good + "\n"), true);
            assertEquals(List.of(0, 2), r.events().stream().map(Indexed::index).toList());
            assertEquals(List.of(new Rejection(1, 2, "requestParameters.key", "string value longer than the limit of 100 characters")),
                    r.rejections());
        }

        @Test
        void tooManyRecordsRefuseTheBody() {
            String record = rec("sts.amazonaws.com", "GetCallerIdentity", "");
            String five = String.join(",", java.util.Collections.nCopies(5, record));
            assertEquals(5, reader.read(bytes("{\"Records\":[" + five + "]}"), false).events().size());
            BatchTooLargeException json = assertThrows(BatchTooLargeException.class,
                    () -> reader.read(bytes("{\"Records\":[" + five + ",{}]}"), false));
            assertEquals(5, json.limit());
            assertThrows(BatchTooLargeException.class, () -> reader.read(bytes("[" + five + ",1]"), false));
            String lines = String.join("\n", java.util.Collections.nCopies(6, "{}"));
            assertThrows(BatchTooLargeException.class, () -> reader.read(bytes(lines), true));
        }

        @Test
        void overLongNdjsonLineRefusesTheBody() {
            String record = rec("sts.amazonaws.com", "GetCallerIdentity", "");
            String longLine = rec("sts.amazonaws.com", "GetCallerIdentity", "'padding':'" + "p".repeat(2_000) + "'");
            LineTooLongException e = assertThrows(LineTooLongException.class,
                    () -> reader.read(bytes(record + "\n\n" + longLine + "\n"), true));
            assertEquals(3, e.line());
            assertEquals(2_000, e.limit());
        }
    }

    // ---- helpers

    static ReadResult read(String fixture, boolean ndjson) {
        try {
            return READER.read(Files.readAllBytes(FIXTURES.resolve(fixture)), ndjson);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    /** A full record of the given call, in CloudTrail's shape; {@code extra} adds fields (written with '). */
    static String rec(String source, String name, String extra) {
        return ("{'eventVersion':'1.09','userIdentity':{'type':'AssumedRole','principalId':'AROAEXAMPLE:alice',"
                + "'arn':'arn:aws:sts::111122223333:assumed-role/ops/alice','accountId':'111122223333'},"
                + "'eventTime':'2026-03-02T12:00:00Z','eventSource':'" + source + "','eventName':'" + name + "',"
                + "'awsRegion':'eu-west-1','sourceIPAddress':'198.51.100.1','eventID':'ev-1'"
                + (extra.isEmpty() ? "" : "," + extra) + ",'recipientAccountId':'111122223333'}").replace('\'', '"');
    }

    static ReadResult json(String body) {
        return READER.read(bytes(body.replace('\'', '"')), false);
    }

    static ReadResult ndjson(String body) {
        return READER.read(bytes(body.replace('\'', '"')), true);
    }

    static byte[] bytes(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }

    static List<Event> events(String record) {
        ReadResult r = READER.read(bytes(record), false);
        assertEquals(List.of(), r.rejections());
        return r.events().stream().map(Indexed::event).toList();
    }

    static Event.Config config(String record) {
        List<Event> events = events(record);
        assertEquals(1, events.size(), () -> events.toString());
        assertEquals(EventType.CONFIG, events.get(0).type(), () -> events.get(0).toString());
        return events.get(0).config();
    }

    static List<Event> eventsAt(ReadResult r, int index) {
        return r.events().stream().filter(i -> i.index() == index).map(Indexed::event).toList();
    }

    static Event only(ReadResult r, int index) {
        List<Event> events = eventsAt(r, index);
        assertEquals(1, events.size(), () -> "record " + index + ": " + events + " " + r.rejections());
        return events.get(0);
    }

    static void assertConfig(Event.Config c, String kind, String id, String namespace, String name, String change) {
        assertEquals(kind, c.kind(), "kind");
        assertEquals(id, c.id(), "id");
        assertEquals(namespace, c.namespace(), "namespace");
        assertEquals(name, c.name(), "name");
        assertEquals(change, c.change(), "change");
        assertTrue(Event.Config.CHANGES.contains(c.change()));
    }

    /** A normalized security group rule; ports may be null (all protocols), which Map.of does not take. */
    static Map<String, Object> rule(String protocol, Integer from, Integer to, String sourceKey, String source) {
        Map<String, Object> rule = new java.util.LinkedHashMap<>();
        rule.put("protocol", protocol);
        rule.put("fromPort", from);
        rule.put("toPort", to);
        rule.put(sourceKey, source);
        return rule;
    }

    static Map<String, Object> entry(Event.Config c) {
        @SuppressWarnings("unchecked")
        List<Map<String, Object>> entries = (List<Map<String, Object>>) c.after().get("entries");
        return entries.get(0);
    }

    @SuppressWarnings("unchecked")
    static Map<String, Object> withoutNulls(Map<String, Object> map) {
        return map.entrySet().stream().filter(e -> e.getValue() != null).collect(Collectors.toMap(Map.Entry::getKey,
                e -> e.getValue() instanceof List<?> list ? list.stream().map(v -> v instanceof Map<?, ?> m
                        ? (Object) withoutNulls((Map<String, Object>) m) : v).toList() : e.getValue()));
    }
}
