package io.driftwatch.rules;

import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import io.driftwatch.event.Alerts;
import io.driftwatch.event.AllowEntry;
import io.driftwatch.event.ApiRate;
import io.driftwatch.event.BehaviourKind;
import io.driftwatch.event.Cidr;
import io.driftwatch.event.ConfigDrift;
import io.driftwatch.event.Deployment;
import io.driftwatch.event.Event;
import io.driftwatch.event.EventType;
import io.driftwatch.event.ExceptionEntry;
import io.driftwatch.event.NamedList;
import io.driftwatch.event.Novelty;
import io.driftwatch.event.ResourceSample;

/**
 * What DRL may name: the fact vocabulary, java.lang, java.util and java.time, minus the names that reach outside
 * the sandbox. Names are matched whole and case-sensitively, so {@code processCount} and {@code path()} pass.
 */
final class SandboxPolicy {

    /** What a refused name would let a rule reach; the text completes "it ...". */
    enum Reach {
        JVM("reaches the JVM: System, Runtime, ProcessBuilder, Process, exit, native libraries, JVM-wide defaults"),
        THREADS("starts or controls threads: Thread, executors, timers, parallel streams, wait/notify"),
        REFLECTION("reaches reflection or class loaders: Class, getClass, forName, .class, java.lang.reflect, "
                + "method handles, Unsafe"),
        FILES("reaches files: java.io, java.nio, File, Files, Path, Paths, streams"),
        NETWORK("reaches the network: java.net, URL, URI, sockets, HTTP clients"),
        CODE("runs code the rule does not show: script engines, deserialization, imported functions"),
        ENGINE("reaches the rule engine's internals: session, working memory, knowledge base, clock, halt"),
        PACKAGE("is outside the packages rules may use");

        private final String text;

        Reach(String text) {
            this.text = text;
        }

        String text() {
            return text;
        }
    }

    static final String VOCABULARY = "io.driftwatch.event";

    /** Refused wherever they appear as an identifier. java.lang is implicit in DRL, so its dangerous types are here. */
    private static final Map<String, Reach> NAMES = new HashMap<>();

    /** Refused as a called or referenced method only: {@code exit(}, {@code ::exit}. */
    private static final Map<String, Reach> CALLS = Map.of(
            "exit", Reach.JVM, "halt", Reach.ENGINE,
            "wait", Reach.THREADS, "notify", Reach.THREADS, "notifyAll", Reach.THREADS, "parallel", Reach.THREADS);

    /** Static methods that read system properties. */
    private static final Set<String> SYSTEM_PROPERTY_READERS = Set.of(
            "Integer.getInteger", "Long.getLong", "Boolean.getBoolean");

    private static final Set<String> JAVA_UTIL = Set.of(
            "java.util", "java.util.function", "java.util.stream", "java.util.regex");

    /** The vocabulary's top-level types: their CEP semantics are declared by the service, never by a rule file. */
    static final Set<String> VOCABULARY_TYPES = Stream.of(Alerts.class, AllowEntry.class, ApiRate.class,
                    BehaviourKind.class, Cidr.class, ConfigDrift.class, Deployment.class, Event.class, EventType.class, ExceptionEntry.class, NamedList.class, Novelty.class,
                    ResourceSample.class)
            .map(Class::getSimpleName).collect(Collectors.toUnmodifiableSet());

    /** "Event.Process", "Novelty.Status", ...: vocabulary types that share a simple name with a refused one. */
    private static final Set<String> VOCABULARY_NESTED = Stream.of(Alerts.class, AllowEntry.class, ApiRate.class,
                    BehaviourKind.class, Cidr.class, ConfigDrift.class, Deployment.class, Event.class, EventType.class, ExceptionEntry.class, NamedList.class, Novelty.class,
                    ResourceSample.class)
            .flatMap(c -> Arrays.stream(c.getDeclaredClasses()))
            .map(c -> c.getDeclaringClass().getSimpleName() + "." + c.getSimpleName())
            .collect(Collectors.toUnmodifiableSet());

    static {
        refuse(Reach.JVM, "System", "Runtime", "ProcessBuilder", "Process", "ProcessHandle", "SecurityManager",
                "StackWalker", "Compiler", "ManagementFactory", "addShutdownHook", "removeShutdownHook",
                "loadLibrary", "mapLibraryName", "setDefault", "printStackTrace");
        refuse(Reach.THREADS, "Thread", "ThreadGroup", "ThreadLocal", "InheritableThreadLocal", "Executor",
                "Executors", "ExecutorService", "ScheduledExecutorService", "ForkJoinPool", "ForkJoinTask",
                "CompletableFuture", "Timer", "TimerTask", "parallelStream");
        refuse(Reach.REFLECTION, "Class", "ClassLoader", "URLClassLoader", "ClassValue", "Module", "ModuleLayer",
                "Package", "ServiceLoader", "ResourceBundle", "getClass", "forName", "getClassLoader",
                "getSystemClassLoader", "getPlatformClassLoader", "getContextClassLoader", "loadClass", "defineClass",
                "newInstance", "getResource", "getResourceAsStream", "Method", "Field", "Constructor", "Proxy",
                "AccessibleObject", "invoke", "invokeExact", "invokeWithArguments", "setAccessible", "getMethod",
                "getMethods", "getDeclaredMethod", "getDeclaredMethods", "getField", "getFields", "getDeclaredField",
                "getDeclaredFields", "getConstructor", "getConstructors", "getDeclaredConstructor",
                "getDeclaredConstructors", "MethodHandles", "MethodHandle", "MethodType", "VarHandle",
                "LambdaMetafactory", "Unsafe");
        refuse(Reach.FILES, "File", "Files", "Path", "Paths", "FileSystem", "FileSystems", "FileStore",
                "RandomAccessFile", "FileDescriptor", "FileReader", "FileWriter", "BufferedReader", "BufferedWriter",
                "InputStreamReader", "OutputStreamWriter", "PrintWriter", "PrintStream", "Console", "FileChannel",
                "AsynchronousFileChannel", "Formatter");
        refuse(Reach.NETWORK, "URL", "URI", "URLConnection", "HttpURLConnection", "HttpClient", "HttpRequest",
                "Socket", "ServerSocket", "DatagramSocket", "MulticastSocket", "SocketChannel", "ServerSocketChannel",
                "DatagramChannel", "InetAddress", "Inet4Address", "Inet6Address", "InetSocketAddress",
                "NetworkInterface");
        refuse(Reach.CODE, "ScriptEngine", "ScriptEngineManager", "ObjectInputStream", "ObjectOutputStream",
                "XMLDecoder");
        refuse(Reach.ENGINE, "getKieRuntime", "getKnowledgeRuntime", "getWorkingMemory", "getKieBase",
                "getKnowledgeBase", "getSessionClock", "getEntryPoint", "getEntryPoints", "getChannels",
                "getKieSession", "getGlobal", "getGlobals");
    }

    private SandboxPolicy() {
    }

    private static void refuse(Reach reach, String... names) {
        for (String name : names) {
            NAMES.put(name, reach);
        }
    }

    /** Why this identifier is refused wherever it appears, or null. Any java.io stream is a file. */
    static Reach name(String identifier) {
        Reach reach = NAMES.get(identifier);
        if (reach == null && (identifier.endsWith("InputStream") || identifier.endsWith("OutputStream"))) {
            return Reach.FILES;
        }
        return reach;
    }

    /** Why this method is refused when called ({@code name(}) or referenced ({@code ::name}), or null. */
    static Reach call(String method, boolean qualified) {
        if (method.equals("load") && qualified) {
            return Reach.JVM; // System.load, Runtime.load: JNI
        }
        return CALLS.get(method);
    }

    static boolean readsSystemProperty(String type, String method) {
        return SYSTEM_PROPERTY_READERS.contains(type + "." + method);
    }

    /** True for a nested vocabulary type named through its outer type: {@code Event.Process}. */
    static boolean vocabularyNested(String outer, String inner) {
        return VOCABULARY_NESTED.contains(outer + "." + inner);
    }

    static boolean allowedPackage(String pkg) {
        return pkg.equals(VOCABULARY) || pkg.equals("java.lang") || JAVA_UTIL.contains(pkg)
                || pkg.equals("java.time") || pkg.startsWith("java.time.");
    }

    static boolean allowedType(String pkg, String type) {
        return allowedPackage(pkg) && name(type) == null;
    }

    /** Package roots a rule package may not join: sharing a package gives compiled rules package access. */
    static boolean reservedPackage(String pkg) {
        return Stream.of("java", "javax", "jdk", "sun", "com.sun", "org.drools", "org.kie", "org.mvel2",
                        "io.driftwatch", "io.quarkus")
                .anyMatch(root -> pkg.equals(root) || pkg.startsWith(root + "."));
    }

    /** True for a dotted name that starts in the JDK's own packages: java., javax., jdk., sun., com.sun. */
    static boolean jdkRoot(List<String> segments) {
        String first = segments.get(0);
        return first.equals("java") || first.equals("javax") || first.equals("jdk") || first.equals("sun")
                || first.equals("com") && segments.size() > 1 && segments.get(1).equals("sun");
    }

    /** What a package outside the allowed ones would reach. */
    static Reach reachOfPackage(String pkg) {
        if (within(pkg, "java.io", "java.nio", "java.util.zip", "java.util.jar")) {
            return Reach.FILES;
        }
        if (within(pkg, "java.net", "javax.net", "java.rmi", "javax.rmi")) {
            return Reach.NETWORK;
        }
        if (within(pkg, "java.lang.reflect", "java.lang.invoke", "java.lang.instrument", "java.lang.module",
                "java.lang.ref", "java.lang.constant", "java.lang.runtime")) {
            return Reach.REFLECTION;
        }
        if (within(pkg, "java.util.concurrent")) {
            return Reach.THREADS;
        }
        if (within(pkg, "javax.script", "java.beans")) {
            return Reach.CODE;
        }
        if (within(pkg, "java.lang.management", "javax.management", "java.util.logging", "java.util.prefs",
                "jdk", "sun", "com.sun", "java.security", "javax.security")) {
            return Reach.JVM;
        }
        if (within(pkg, "org.drools", "org.kie", "org.mvel2")) {
            return Reach.ENGINE;
        }
        return Reach.PACKAGE;
    }

    private static boolean within(String pkg, String... roots) {
        return Arrays.stream(roots).anyMatch(root -> pkg.equals(root) || pkg.startsWith(root + "."));
    }
}
