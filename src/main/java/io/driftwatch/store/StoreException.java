package io.driftwatch.store;

/** The database refused or failed an operation. */
public class StoreException extends RuntimeException {

    public StoreException(String message, Throwable cause) {
        super(message, cause);
    }
}
