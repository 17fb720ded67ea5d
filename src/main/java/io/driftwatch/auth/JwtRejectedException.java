package io.driftwatch.auth;

/** A bearer JWT failed a check; the message says which, fit for the 401's detail, and never holds the token. */
public class JwtRejectedException extends RuntimeException {

    JwtRejectedException(String reason) {
        super(reason, null, false, false);
    }
}
