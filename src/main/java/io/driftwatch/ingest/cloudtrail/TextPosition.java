package io.driftwatch.ingest.cloudtrail;

/**
 * Line and column (both 1-based, columns in bytes as the parser counts them) of offsets in a body. Offsets are
 * asked in increasing order, so the body is scanned once however many records report a problem.
 */
final class TextPosition {

    private final byte[] body;
    private int scanned;
    private int line = 1;
    private int lineStart;

    TextPosition(byte[] body) {
        this.body = body;
    }

    int line(int offset) {
        advance(offset);
        return line;
    }

    int column(int offset) {
        advance(offset);
        return offset - lineStart + 1;
    }

    private void advance(int offset) {
        if (offset < scanned) {
            // asked out of order: start again rather than answer wrong
            scanned = 0;
            line = 1;
            lineStart = 0;
        }
        int end = Math.min(offset, body.length);
        for (; scanned < end; scanned++) {
            if (body[scanned] == '\n') {
                line++;
                lineStart = scanned + 1;
            }
        }
    }
}
