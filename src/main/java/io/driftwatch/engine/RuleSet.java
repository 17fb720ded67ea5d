package io.driftwatch.engine;

/** An active rule set: compiled DRL and the allowlists and lists it reads. */
public record RuleSet(CompiledRules compiled, RuleData data) {

    public long version() {
        return compiled.version();
    }
}
