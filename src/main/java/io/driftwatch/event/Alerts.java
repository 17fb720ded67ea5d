package io.driftwatch.event;

/**
 * The one API a rule consequence uses. The rule's name and metadata ({@code @severity}, {@code @description},
 * {@code @mitre}) are taken from the firing rule; the consequence names the agent and the behaviour key that
 * deduplicates the alert, then explains and cites.
 */
public interface Alerts {

    Finding raise(String agentId, String behaviourKey);

    /** Details of a raised alert; every method returns the same finding. */
    interface Finding {
        /** A sentence a person reads: "7-day hourly average 1.3 new destinations; 11 in the last hour". */
        Finding because(String text);

        /** Evidence: a fact (Novelty, ResourceSample, ApiRate, Event) or a collection of them. */
        Finding cite(Object evidence);

        /** A named baseline or observed figure. */
        Finding figure(String name, Object value);

        /** Overrides the rule's {@code @severity}. */
        Finding severity(String severity);
    }
}
