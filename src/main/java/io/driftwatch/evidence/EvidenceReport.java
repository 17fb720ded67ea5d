package io.driftwatch.evidence;

import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;

import io.driftwatch.audit.AuditVerification;

/**
 * The compliance evidence of one period: what was watched, what was checked, what was found and how it ended,
 * what changed the checks, and whether the records of all that are intact; mapped to controls.
 */
public record EvidenceReport(String title, Period period, Instant generatedAt, String generatedBy, String product,
                             Coverage coverage, Checks checks, Drift drift, Exceptions exceptions, Governance governance,
                             List<Change> ruleChanges, List<Change> deployments, Integrity integrity,
                             List<Control> controls) {

    /**
     * @param basis how things are placed in the period: events and alerts by event time, governance actions by when
     *              Driftwatch recorded them
     */
    public record Period(Instant from, Instant to, String basis) {
    }

    public record Coverage(int agents, long events, int days, List<AgentCoverage> perAgent, List<DayCoverage> perDay) {
    }

    public record AgentCoverage(String agentId, long events, LocalDate firstDay, LocalDate lastDay, int days) {
    }

    public record DayCoverage(LocalDate day, int agents, long events) {
    }

    /**
     * @param rulesLoaded     detection and enrichment rules in force when the report was made
     * @param eventsEvaluated events every loaded rule was evaluated against in the period
     */
    public record Checks(long ruleVersion, int rulesLoaded, List<RuleSummary> rules, long eventsEvaluated,
                         int ruleVersionsActivated) {
    }

    public record RuleSummary(String name, String severity, List<String> compliance) {
    }

    /**
     * @param byStatus open, in-review, suppressed, resolved, accepted, ... : how each alert was resolved
     * @param listed   the most severe alerts first, at most {@code listedLimit}
     */
    public record Drift(long alerts, long occurrences, Map<String, Long> byStatus, Map<String, Long> bySeverity,
                        List<RuleDrift> byRule, List<AlertFigures.DayCount> perDay, List<AlertFigures.Listed> listed,
                        int listedLimit) {
    }

    public record RuleDrift(String rule, String severity, long alerts, Map<String, Long> byStatus) {
    }

    /** Exceptions (scoped allowlist entries with owner, reason, ticket, expiry) in force during the period. */
    public record Exceptions(boolean available, List<Map<String, Object>> inForce, String note) {
    }

    public record Governance(long approvals, long baselineAcceptances, long alertsClosedByPeople, long tokensCreated,
                             long tokensRevoked, long chainAcknowledgments, long auditEntries) {
    }

    /** A rule version activated or a deployment record stored: when, by whom, what. */
    public record Change(Instant at, String actor, String subject, Map<String, Object> details) {
    }

    /**
     * @param deploymentChain the deployment record chain's verification at report time
     */
    public record Integrity(AuditVerification auditLog, ChainSummary deploymentChain) {
    }

    public record ChainSummary(boolean intact, boolean accepted, int records, String firstBreak) {
    }

    /**
     * @param status   {@code supported} when the report holds the evidence the control asks for and the records are
     *                 intact; {@code attention} when something in it needs a person (a broken chain, no coverage)
     * @param evidence the sections of this report that support the control, in words
     */
    public record Control(String framework, String id, String title, String status, List<String> evidence) {
    }
}
