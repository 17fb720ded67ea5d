package io.driftwatch.bench;

import java.lang.management.ManagementFactory;
import java.lang.management.MemoryMXBean;

/** Live heap: used heap right after full collections, so only what is reachable is counted. */
final class HeapProbe {

    private static final MemoryMXBean MEMORY = ManagementFactory.getMemoryMXBean();

    private HeapProbe() {
    }

    static long liveBytes() {
        long used = Long.MAX_VALUE;
        for (int i = 0; i < 3; i++) {
            MEMORY.gc();
            used = Math.min(used, MEMORY.getHeapMemoryUsage().getUsed());
        }
        return used;
    }

    /** The top {@code n} lines of this JVM's class histogram (live objects), from jcmd; empty when jcmd is missing. */
    static String histogram(int n) {
        try {
            String jcmd = java.nio.file.Path.of(System.getProperty("java.home"), "bin", "jcmd").toString();
            Process p = new ProcessBuilder(jcmd, Long.toString(ProcessHandle.current().pid()), "GC.class_histogram")
                    .redirectErrorStream(true).start();
            String[] lines = new String(p.getInputStream().readAllBytes(), java.nio.charset.StandardCharsets.UTF_8).split("\n");
            p.waitFor();
            StringBuilder sb = new StringBuilder();
            for (int i = 1; i < Math.min(lines.length, n + 3); i++) {
                sb.append("      ").append(lines[i]).append('\n');
            }
            return sb.toString();
        } catch (Exception e) {
            return "      (no class histogram: " + e.getMessage() + ")\n";
        }
    }

    static String mb(long bytes) {
        return String.format("%.1f MB", bytes / 1_048_576.0);
    }
}
