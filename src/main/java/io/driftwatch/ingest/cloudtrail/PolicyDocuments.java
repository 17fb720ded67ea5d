package io.driftwatch.ingest.cloudtrail;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;

/**
 * IAM policy documents as CloudTrail logs them: a JSON document in a string, URL-encoded in older logs
 * (%7B%22Version%22...). Parsed so rules can look inside; a document that does not parse is kept as the text.
 */
final class PolicyDocuments {

    private final RecordParser parser;

    PolicyDocuments(RecordParser parser) {
        this.parser = parser;
    }

    /** The document as a map, else its (decoded) text; null when absent. */
    Object parse(At at) {
        if (at.absent()) {
            return null;
        }
        if (at.isObject()) {
            return Plain.map(at.node());
        }
        String text = at.text();
        if (text.regionMatches(true, 0, "%7B", 0, 3)) {
            try {
                text = URLDecoder.decode(text, StandardCharsets.UTF_8);
            } catch (IllegalArgumentException e) {
                // a broken escape: keep the text as logged
            }
        }
        JsonNode document = parser.document(text);
        return document == null ? text : Plain.map(document);
    }
}
