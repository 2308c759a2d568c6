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
