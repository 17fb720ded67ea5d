package io.driftwatch.engine;

/** One thing wrong with a rule file: where, in which rule, and what. Line and rule may be unknown (null). */
public record RuleProblem(String file, Integer line, String rule, String message) {

    @Override
    public String toString() {
        return file + (line == null ? "" : ":" + line) + (rule == null ? "" : " (rule \"" + rule + "\")") + ": " + message;
    }
}
