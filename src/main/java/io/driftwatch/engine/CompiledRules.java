package io.driftwatch.engine;

import java.util.List;

import org.kie.api.builder.ReleaseId;
import org.kie.api.runtime.KieContainer;
import org.kie.api.runtime.KieSession;

/** One compiled, checked version of the rule set. */
public record CompiledRules(long version, ReleaseId releaseId, KieContainer container,
                            List<RuleInfo> rules, List<RuleSource> sources) {

    public KieSession newSession() {
        return container.newKieSession(RuleCompiler.KSESSION);
    }
}
