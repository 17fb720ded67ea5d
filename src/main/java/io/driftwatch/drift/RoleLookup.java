package io.driftwatch.drift;

import java.util.Map;

/** Finds the rules of the role a binding refers to, in the same state (approved or running) as the binding. */
@FunctionalInterface
interface RoleLookup {

    /** The role object, or null when it is not known in that state. */
    Map<String, Object> role(String kind, String namespace, String name);
}
