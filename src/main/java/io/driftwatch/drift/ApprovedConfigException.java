package io.driftwatch.drift;

/** The approved configuration cannot be read: which file or request, and what is wrong with it. */
public class ApprovedConfigException extends Exception {

    public ApprovedConfigException(String message) {
        super(message);
    }
}
