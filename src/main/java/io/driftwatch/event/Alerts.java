package io.driftwatch.event;

/**
 * The one API a rule consequence uses. The rule's name and metadata ({@code @severity}, {@code @description},
 * {@code @mitre}) are taken from the firing rule; the consequence names the agent and the behaviour key that
 * deduplicates the alert, then explains and cites on the {@link Finding} it gets back.
 */
public interface Alerts {

    Finding raise(String agentId, String behaviourKey);
}
