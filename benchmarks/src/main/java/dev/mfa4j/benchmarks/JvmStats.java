package dev.mfa4j.benchmarks;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryMXBean;
import java.lang.management.ThreadMXBean;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;

/** What this JVM uses: CPU time of the whole process, live Java threads, heap, open sockets. */
final class JvmStats {

    private static final ThreadMXBean THREADS = ManagementFactory.getThreadMXBean();
    private static final MemoryMXBean MEMORY = ManagementFactory.getMemoryMXBean();
    private static final com.sun.management.OperatingSystemMXBean OS =
            (com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean();

    private JvmStats() {
    }

    /** @return CPU time of the process (all threads, JIT and GC included), in nanoseconds */
    static long processCpuNanos() {
        return OS.getProcessCpuTime();
    }

    /**
     * @return bytes allocated on the heap so far by the threads alive now (those that ended are
     *     not counted, so compare two readings only where the threads live on), or -1
     */
    static long allocatedBytes() {
        if (!(THREADS instanceof com.sun.management.ThreadMXBean counting) || !counting.isThreadAllocatedMemorySupported()
                || !counting.isThreadAllocatedMemoryEnabled()) {
            return -1;
        }
        long total = 0;
        for (long bytes : counting.getThreadAllocatedBytes(counting.getAllThreadIds())) {
            if (bytes > 0) {
                total += bytes;
            }
        }
        return total;
    }

    static int liveThreads() {
        return THREADS.getThreadCount();
    }

    static int peakThreads() {
        return THREADS.getPeakThreadCount();
    }

    static void resetPeakThreads() {
        THREADS.resetPeakThreadCount();
    }

    static long heapUsed() {
        return MEMORY.getHeapMemoryUsage().getUsed();
    }

    static long heapMax() {
        return MEMORY.getHeapMemoryUsage().getMax();
    }

    /** @return open sockets of this process (Linux /proc), or -1 */
    static int openSockets() {
        int sockets = 0;
        try (DirectoryStream<Path> fds = Files.newDirectoryStream(Path.of("/proc/self/fd"))) {
            for (Path fd : fds) {
                try {
                    if (Files.readSymbolicLink(fd).toString().startsWith("socket:")) {
                        sockets++;
                    }
                } catch (IOException e) {
                    // closed while listing
                }
            }
        } catch (IOException | UnsupportedOperationException e) {
            return -1;
        }
        return sockets;
    }

    /** @return context switches (voluntary and not) of all threads alive now, from /proc, or -1 */
    static long contextSwitches() {
        long total = 0;
        try (DirectoryStream<Path> tasks = Files.newDirectoryStream(Path.of("/proc/self/task"))) {
            for (Path task : tasks) {
                try {
                    for (String line : Files.readAllLines(task.resolve("status"))) {
                        if (line.startsWith("voluntary_ctxt_switches:") || line.startsWith("nonvoluntary_ctxt_switches:")) {
                            total += Long.parseLong(line.substring(line.indexOf(':') + 1).strip());
                        }
                    }
                } catch (IOException | NumberFormatException e) {
                    // the thread ended while listing
                }
            }
        } catch (IOException | UnsupportedOperationException e) {
            return -1;
        }
        return total;
    }

    /**
     * @return CPU time in clock ticks (usually 10 ms) by thread name, digits folded (so
     *     "C2 CompilerThread0" and "C2 CompilerThread1" add up), from /proc; empty if unavailable
     */
    static java.util.Map<String, Long> cpuTicksByThread() {
        java.util.Map<String, Long> ticks = new java.util.TreeMap<>();
        try (DirectoryStream<Path> tasks = Files.newDirectoryStream(Path.of("/proc/self/task"))) {
            for (Path task : tasks) {
                try {
                    String stat = Files.readString(task.resolve("stat"));
                    int close = stat.lastIndexOf(')');
                    String name = stat.substring(stat.indexOf('(') + 1, close).replaceAll("[0-9]+", "N");
                    String[] fields = stat.substring(close + 2).split(" ");
                    // after "pid (comm) ": state is field 0; utime and stime are fields 11 and 12
                    ticks.merge(name, Long.parseLong(fields[11]) + Long.parseLong(fields[12]), Long::sum);
                } catch (IOException | RuntimeException e) {
                    // the thread ended while listing
                }
            }
        } catch (IOException | UnsupportedOperationException e) {
            return ticks;
        }
        return ticks;
    }

    /** @return OS threads of the process (Java threads plus the JVM's own), or -1 */
    static int osThreads() {
        try (DirectoryStream<Path> tasks = Files.newDirectoryStream(Path.of("/proc/self/task"))) {
            int n = 0;
            for (Path ignored : tasks) {
                n++;
            }
            return n;
        } catch (IOException | UnsupportedOperationException e) {
            return -1;
        }
    }
}
