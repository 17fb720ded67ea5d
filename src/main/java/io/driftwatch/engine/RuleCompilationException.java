package io.driftwatch.engine;

import java.util.List;
import java.util.stream.Collectors;

/** The rule set does not compile or breaks a house rule; every problem found is listed. */
public class RuleCompilationException extends RuntimeException {

    private final List<RuleProblem> problems;

    public RuleCompilationException(List<RuleProblem> problems) {
        super("rules do not compile:\n  " + problems.stream().map(RuleProblem::toString).collect(Collectors.joining("\n  ")));
        this.problems = List.copyOf(problems);
    }

    public List<RuleProblem> problems() {
        return problems;
    }
}
