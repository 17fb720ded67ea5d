package io.driftwatch.change;

/**
 * A record's signature header is missing ({@code unsigned}: 401) or does not prove the record came from a
 * configured signer (403). The message says why and never contains a key or the signature.
 */
public class SignatureRefusedException extends Exception {

    private final boolean unsigned;

    SignatureRefusedException(boolean unsigned, String reason) {
        super(reason);
        this.unsigned = unsigned;
    }

    public boolean unsigned() {
        return unsigned;
    }
}
