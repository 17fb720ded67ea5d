package io.driftwatch.event;

import java.util.Set;

/** An analyst-edited list from {@code rules/lists/*.yaml}, e.g. {@code sensitive-api-operations}. */
public final class NamedList {

    private final String name;
    private final Set<String> values;

    public NamedList(String name, Set<String> values) {
        this.name = name;
        this.values = Set.copyOf(values);
    }

    public String getName() { return name; }
    public Set<String> getValues() { return values; }

    public boolean contains(String value) {
        return value != null && values.contains(value);
    }

    @Override
    public String toString() {
        return "NamedList[" + name + " " + values.size() + " values]";
    }
}
