package io.driftwatch.audit;

import java.time.Instant;
import java.util.List;

import com.fasterxml.jackson.annotation.JsonRawValue;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.driftwatch.change.ChainHash;

/**
 * One entry of the audit log. {@code details} is JSON text, hashed exactly as stored.
 *
 * @param hash hex SHA-256 of {@code prevHash + "\n" + canonical()}, see {@link #hashOf}
 */
public record AuditEntry(long seq, Instant at, String actor, String action, String subjectType, String subjectId,
                         @JsonRawValue String details, String prevHash, String hash) {

    /** A plain JSON array: no map ordering or number formatting to agree on, only JSON string escaping. */
    private static final ObjectMapper CANONICAL = new ObjectMapper();

    /** The fields an entry's hash covers, in one unambiguous encoding: {@code [seq, at millis, actor, ...]}. */
    static String canonical(long seq, long atMillis, String actor, String action, String subjectType, String subjectId,
                            String details) {
        try {
            return CANONICAL.writeValueAsString(List.of(seq, atMillis, actor, action, subjectType, subjectId, details));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    static String hashOf(String prevHash, long seq, long atMillis, String actor, String action, String subjectType,
                         String subjectId, String details) {
        return ChainHash.sha256(prevHash + "\n" + canonical(seq, atMillis, actor, action, subjectType, subjectId, details));
    }

    /** The hash this entry's content gives, linked to its stored predecessor hash. */
    String recomputedHash() {
        return hashOf(prevHash, seq, at.toEpochMilli(), actor, action, subjectType, subjectId, details);
    }
}
