package io.driftwatch.engine;

/** A DRL file: its path relative to the rules directory (with forward slashes) and its text. */
public record RuleSource(String path, String text) {
}
