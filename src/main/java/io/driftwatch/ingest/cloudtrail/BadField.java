package io.driftwatch.ingest.cloudtrail;

/**
 * A value of the record that cannot be read as what its field means: the record is rejected with this field
 * and reason. Thrown rather than returned because it can come from deep inside a mapping, and carries no stack
 * trace because it is an answer about input, not a fault of the code.
 */
final class BadField extends RuntimeException {

    private final String field;

    BadField(String field, String reason) {
        super(reason, null, false, false);
        this.field = field;
    }

    String field() {
        return field;
    }

    String reason() {
        return getMessage();
    }
}
