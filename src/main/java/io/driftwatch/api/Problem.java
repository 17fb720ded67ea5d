package io.driftwatch.api;

import java.util.List;

import org.eclipse.microprofile.openapi.annotations.media.Schema;

/**
 * The one error body of the API (RFC 9457 problem details). {@code errors} lists every individual problem
 * (a rejected event, a rule that does not compile) where there is more than one thing to say.
 */
@Schema(name = "Problem", description = "RFC 9457 problem details, media type application/problem+json")
public record Problem(String type, String title, int status, String detail, String instance, List<Object> errors) {

    public static final String MEDIA_TYPE = "application/problem+json";

    public static Problem of(int status, String title, String detail) {
        return new Problem("about:blank", title, status, detail, null, null);
    }

    public Problem withErrors(List<?> list) {
        return new Problem(type, title, status, detail, instance, List.copyOf(list));
    }

    public Problem at(String path) {
        return new Problem(type, title, status, detail, path, errors);
    }
}
