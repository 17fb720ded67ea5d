package io.driftwatch.ingest.cloudtrail;

import java.time.DateTimeException;
import java.time.Instant;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.function.Supplier;

/**
 * The fields every CloudTrail record has, read and checked once: what the mappers of each service build on.
 *
 * @param actor who made the call: userIdentity.arn, else principalId, else invokedBy (an AWS service acting),
 *              else type; null when the record does not say
 */
record CloudTrailRecord(At root, String eventId, String agentId, Instant time, String eventSource, String eventName,
                        String region, String actor, String errorCode, String sourceIp) {

    static final int MAX_ID_LENGTH = 256;
    private static final String AGENT_PREFIX = "aws-";

    /** The service's short name: ec2 for ec2.amazonaws.com. */
    String service() {
        int dot = eventSource.indexOf('.');
        return dot < 0 ? eventSource : eventSource.substring(0, dot);
    }

    At request() {
        return root.get("requestParameters");
    }

    At response() {
        return root.get("responseElements");
    }

    /** The call failed, so it changed nothing. */
    boolean failed() {
        return errorCode != null;
    }

    /** Reads the common fields; every problem found is added to {@code problems} and null returned. */
    static CloudTrailRecord read(At root, List<BadField> problems) {
        Instant time = read(problems, () -> time(root.get("eventTime")));
        String source = read(problems, () -> required(root.get("eventSource")));
        String name = read(problems, () -> required(root.get("eventName")));
        String account = read(problems, () -> account(root));
        String eventId = read(problems, () -> eventId(root.get("eventID")));
        At identity = root.get("userIdentity");
        String actor = read(problems, () -> nonBlank(identity.first("arn", "principalId", "invokedBy", "type")));
        String region = read(problems, () -> nonBlank(root.get("awsRegion")));
        String errorCode = read(problems, () -> nonBlank(root.get("errorCode")));
        String sourceIp = read(problems, () -> nonBlank(root.get("sourceIPAddress")));
        if (!problems.isEmpty()) {
            return null;
        }
        return new CloudTrailRecord(root, eventId, AGENT_PREFIX + account, time, source, name, region, actor, errorCode, sourceIp);
    }

    private static <T> T read(List<BadField> problems, Supplier<T> field) {
        try {
            return field.get();
        } catch (BadField e) {
            problems.add(e);
            return null;
        }
    }

    private static Instant time(At at) {
        String text = required(at);
        try {
            return DateTimeFormatter.ISO_OFFSET_DATE_TIME.parse(text, Instant::from);
        } catch (DateTimeException e) {
            throw new BadField(at.path(), "not an ISO-8601 instant: " + At.quote(text) + " (expected e.g. 2026-11-20T10:00:00Z)");
        }
    }

    /** The account the record belongs to: the agent the events are about. */
    private static String account(At root) {
        At recipient = root.get("recipientAccountId");
        String account = nonBlank(recipient);
        if (account == null) {
            account = nonBlank(root.get("userIdentity").get("accountId"));
        }
        if (account == null) {
            throw new BadField(recipient.path(), "required: the account the record belongs to");
        }
        int max = MAX_ID_LENGTH - AGENT_PREFIX.length();
        if (account.length() > max) {
            throw new BadField(recipient.path(), "must be at most " + max + " characters, got " + account.length());
        }
        return account;
    }

    private static String eventId(At at) {
        String id = nonBlank(at);
        if (id != null && id.length() > MAX_ID_LENGTH) {
            throw new BadField(at.path(), "must be at most " + MAX_ID_LENGTH + " characters, got " + id.length());
        }
        return id;
    }

    private static String required(At at) {
        String text = at.text();
        if (text == null) {
            throw new BadField(at.path(), "required");
        }
        if (text.isBlank()) {
            throw new BadField(at.path(), "must not be blank");
        }
        return text;
    }

    private static String nonBlank(At at) {
        String text = at.text();
        return text == null || text.isBlank() ? null : text;
    }
}
