package io.driftwatch.drift;

/** Where a shard records the approvals it makes itself (a change a verified deployment declared). */
public interface ApprovalStore {

    /** Keeps nothing: for offline rule checks and benchmarks. */
    ApprovalStore NONE = approval -> { };

    void approve(ApprovedConfig.Approval approval);
}
