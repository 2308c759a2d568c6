package dev.mfa4j.testkit;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

/** Runs tasks on several threads at once, released together, for the contracts' race tests. */
final class Concurrently {

    /** One task, told its number. */
    @FunctionalInterface
    interface Task {
        void run(int number) throws Exception;
    }

    private Concurrently() {
    }

    /**
     * @param tasks how many tasks
     * @param threads how many threads run them
     * @param task the task, called with 0 to {@code tasks - 1}
     * @throws Exception the first task's failure, or a timeout after a minute
     */
    static void run(int tasks, int threads, Task task) throws Exception {
        CountDownLatch start = new CountDownLatch(1);
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        try {
            List<Future<?>> futures = new ArrayList<>();
            for (int i = 0; i < tasks; i++) {
                int number = i;
                futures.add(pool.submit((Callable<Void>) () -> {
                    start.await();
                    task.run(number);
                    return null;
                }));
            }
            start.countDown();
            for (Future<?> future : futures) {
                future.get(1, TimeUnit.MINUTES);
            }
        } finally {
            pool.shutdownNow();
        }
    }
}
