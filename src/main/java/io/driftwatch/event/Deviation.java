package io.driftwatch.event;

/**
 * A fact the engine inserts because something deviated from baseline or approved state: the facts rules match
 * over, and the ones a checkpoint keeps so windows survive a restart.
 */
public interface Deviation {

    String getAgentId();

    /** Event time, in epoch milliseconds. */
    long getTimestamp();
}
