package io.driftwatch.evidence;

import java.util.ArrayList;
import java.util.List;

import io.driftwatch.evidence.EvidenceReport.Change;
import io.driftwatch.evidence.EvidenceReport.Checks;
import io.driftwatch.evidence.EvidenceReport.Control;
import io.driftwatch.evidence.EvidenceReport.Coverage;
import io.driftwatch.evidence.EvidenceReport.Drift;
import io.driftwatch.evidence.EvidenceReport.Governance;
import io.driftwatch.evidence.EvidenceReport.Integrity;

/**
 * Which part of the report supports which control: SOC 2 (CC6.1, CC7.1, CC7.2, CC8.1), PCI DSS 4.0 (10.2, 10.3,
 * 11.5) and HIPAA (164.312(b), 164.312(c)(1)). The evidence lines quote the period's figures, so a reader sees at
 * once whether the control was exercised; a control needs attention when its records are broken or nothing was
 * watched.
 */
final class ControlMapping {

    static final String SOC2 = "SOC 2";
    static final String PCI = "PCI DSS 4.0";
    static final String HIPAA = "HIPAA Security Rule";

    private ControlMapping() {
    }

    static List<Control> controls(Coverage cov, Checks checks, Drift drift, Governance gov, List<Change> ruleChanges,
                                  List<Change> deployments, Integrity integrity) {
        boolean watched = cov.events() > 0 && checks.rulesLoaded() > 0;
        boolean auditIntact = integrity.auditLog().intact();
        boolean chainAccepted = integrity.deploymentChain().accepted();
        String coverage = "Coverage: " + cov.events() + " events from " + cov.agents() + " agents over " + cov.days()
                + " days were evaluated against " + checks.rulesLoaded() + " rules (version " + checks.ruleVersion() + ")";
        String found = "Drift found: " + drift.alerts() + " alerts (" + drift.byStatus() + "), each listed with how it "
                + "was resolved";
        String auditLog = "Audit log: " + gov.auditEntries() + " entries in the period; hash chain "
                + (auditIntact ? "verified intact over " + integrity.auditLog().entries() + " entries"
                : "BROKEN at entry " + integrity.auditLog().firstBroken().seq());
        String chain = "Deployment record chain: " + integrity.deploymentChain().records() + " signed records, "
                + (integrity.deploymentChain().intact() ? "verified intact"
                : chainAccepted ? "breaks acknowledged by an admin" : "BROKEN: " + integrity.deploymentChain().firstBreak());
        String changes = "Rule changes: " + ruleChanges.size() + " versions activated, each with author, version and "
                + "reason, after passing every scenario";
        String deploys = "Deployment records: " + deployments.size() + " signed records from CI/CD in the period";
        String access = "Access: " + gov.tokensCreated() + " tokens created, " + gov.tokensRevoked() + " revoked (audited); "
                + "every request needs a token with the role it requires; changes to rules, approvals and tokens need admin";
        String people = "Governance: " + gov.approvals() + " approvals, " + gov.baselineAcceptances()
                + " baseline acceptances, " + gov.alertsClosedByPeople() + " alerts closed by a person, each audited";

        List<Control> out = new ArrayList<>();
        out.add(control(SOC2, "CC6.1", "Logical access security over protected information assets", auditIntact,
                access, auditLog));
        out.add(control(SOC2, "CC7.1", "Detection and monitoring of configuration changes that introduce vulnerabilities",
                watched, coverage, found, people));
        out.add(control(SOC2, "CC7.2", "Monitoring of system components for anomalies indicative of malicious acts",
                watched, coverage, found));
        out.add(control(SOC2, "CC8.1", "Changes are authorized, designed, tested, approved and implemented",
                auditIntact && chainAccepted, changes, deploys, chain, people));
        out.add(control(PCI, "10.2", "Audit logs are implemented to support the detection of anomalies and suspicious "
                + "activity", watched && auditIntact, auditLog, coverage));
        out.add(control(PCI, "10.3", "Audit logs are protected from destruction and unauthorized modifications",
                auditIntact && chainAccepted, auditLog, chain));
        out.add(control(PCI, "11.5", "Network intrusions and unexpected file or configuration changes are detected and "
                + "responded to", watched, coverage, found, people));
        out.add(control(HIPAA, "164.312(b)", "Audit controls: record and examine activity in systems containing ePHI",
                watched && auditIntact, auditLog, coverage));
        out.add(control(HIPAA, "164.312(c)(1)", "Integrity: protect ePHI from improper alteration or destruction",
                watched && auditIntact && chainAccepted, found, auditLog, chain));
        return out;
    }

    private static Control control(String framework, String id, String title, boolean ok, String... evidence) {
        return new Control(framework, id, title, ok ? "supported" : "attention", List.of(evidence));
    }
}
