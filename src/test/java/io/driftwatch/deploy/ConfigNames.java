package io.driftwatch.deploy;

import java.io.IOException;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.Properties;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.SortedSet;

import io.driftwatch.config.DriftwatchConfig;
import io.quarkus.runtime.configuration.DurationConverter;
import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/**
 * The service's real setting names: every property of {@link DriftwatchConfig} (read from the interface, with its
 * {@code @WithDefault}) and every key of application.properties, and how an environment variable names them.
 */
final class ConfigNames {

    static final Path APPLICATION_PROPERTIES = Path.of("src/main/resources/application.properties");

    /** Leaf settings by name, with their default (null when none); map-valued settings end in ".*". */
    static final Map<String, String> DRIFTWATCH = new TreeMap<>();

    static {
        walk(DriftwatchConfig.class, DriftwatchConfig.class.getAnnotation(ConfigMapping.class).prefix());
    }

    private ConfigNames() {
    }

    private static void walk(Class<?> type, String prefix) {
        for (Method m : type.getMethods()) {
            if (Modifier.isStatic(m.getModifiers()) || m.isDefault() || m.getParameterCount() != 0) {
                continue;
            }
            String name = prefix + "." + kebab(m.getName());
            Class<?> r = m.getReturnType();
            if (r.isInterface() && r.getName().startsWith("io.driftwatch.")) {
                walk(r, name);
            } else if (Map.class.isAssignableFrom(r)) {
                DRIFTWATCH.put(name + ".*", null);
            } else {
                WithDefault d = m.getAnnotation(WithDefault.class);
                DRIFTWATCH.put(name, d == null ? null : d.value());
            }
        }
    }

    static String kebab(String camel) {
        return camel.replaceAll("([a-z0-9])([A-Z])", "$1-$2").toLowerCase();
    }

    /** A Driftwatch setting's default, as the service would read it. */
    static String defaultOf(String name) {
        if (!DRIFTWATCH.containsKey(name)) {
            throw new AssertionError("no Driftwatch setting " + name);
        }
        return DRIFTWATCH.get(name);
    }

    static Duration durationDefault(String name) {
        return new DurationConverter().convert(defaultOf(name));
    }

    /** application.properties as the service reads it (profile prefixes kept). */
    static Properties applicationProperties() {
        Properties p = new Properties();
        try (Reader r = Files.newBufferedReader(APPLICATION_PROPERTIES)) {
            p.load(r);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return p;
    }

    /** Every setting name the service knows: Driftwatch's and those application.properties sets (profiles removed). */
    static SortedSet<String> known() {
        SortedSet<String> names = new TreeSet<>(DRIFTWATCH.keySet());
        for (String key : applicationProperties().stringPropertyNames()) {
            names.add(key.startsWith("%") ? key.substring(key.indexOf('.') + 1) : key);
        }
        return names;
    }

    /** The environment variable name of a setting (MicroProfile Config: non-alphanumerics become _, upper case). */
    static String envName(String property) {
        return property.replaceAll("[^A-Za-z0-9]", "_").toUpperCase();
    }

    /**
     * The setting an environment variable sets, or null when it names none. A map-valued setting matches any key
     * after its prefix ({@code DRIFTWATCH_KAFKA_PROPERTIES__SASL_MECHANISM__}).
     */
    static String propertyOf(String env, SortedSet<String> known) {
        for (String name : known) {
            if (name.endsWith(".*")) {
                String prefix = envName(name.substring(0, name.length() - 2)) + "_";
                if (env.startsWith(prefix) && env.length() > prefix.length()) {
                    return name;
                }
            } else if (envName(name).equals(env)) {
                return name;
            }
        }
        return null;
    }
}
