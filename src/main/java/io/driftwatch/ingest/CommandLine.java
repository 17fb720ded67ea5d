package io.driftwatch.ingest;

import java.util.ArrayList;
import java.util.List;

/**
 * Splits the command lines runtime sensors report as one string (Falco's proc.args, Tetragon's arguments,
 * Sysmon's CommandLine) into arguments: at whitespace outside double quotes, the quotes removed. Backslashes are
 * left alone, since on Windows they are path separators; so an argument holding a quote may be split wrong, which
 * costs only a less exact {@code args}, never the event.
 */
public final class CommandLine {

    private CommandLine() {
    }

    public static List<String> split(String line) {
        List<String> args = new ArrayList<>();
        if (line == null) {
            return args;
        }
        StringBuilder current = new StringBuilder();
        boolean quoted = false;
        boolean inArg = false;
        for (int i = 0; i < line.length(); i++) {
            char c = line.charAt(i);
            if (c == '"') {
                quoted = !quoted;
                inArg = true;
            } else if (!quoted && Character.isWhitespace(c)) {
                if (inArg) {
                    args.add(current.toString());
                    current.setLength(0);
                    inArg = false;
                }
            } else {
                current.append(c);
                inArg = true;
            }
        }
        if (inArg) {
            args.add(current.toString());
        }
        return args;
    }

    /** The arguments after the program itself, as the normalized event's {@code process.args} holds them. */
    public static List<String> argsAfterProgram(String line) {
        List<String> all = split(line);
        return all.isEmpty() ? all : List.copyOf(all.subList(1, all.size()));
    }
}
