package dev.ticketing.testsupport;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.function.IntFunction;

/**
 * Runs tasks on many threads that all start at the same instant, so concurrency tests really race instead of running
 * one after another. Each outcome is either the task's value or the exception it threw.
 */
public final class Race {

    public record Outcome<T>(T value, Throwable failure) {

        public boolean succeeded() {
            return failure == null;
        }
    }

    private Race() {
    }

    public static <T> List<Outcome<T>> run(int threads, IntFunction<Callable<T>> taskForThread) {
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        CountDownLatch ready = new CountDownLatch(threads);
        CountDownLatch go = new CountDownLatch(1);
        try {
            List<Future<Outcome<T>>> futures = new ArrayList<>(threads);
            for (int i = 0; i < threads; i++) {
                Callable<T> task = taskForThread.apply(i);
                futures.add(pool.submit(() -> {
                    ready.countDown();
                    go.await();
                    try {
                        return new Outcome<>(task.call(), null);
                    } catch (Throwable failure) {
                        return new Outcome<T>(null, failure);
                    }
                }));
            }
            if (!ready.await(30, TimeUnit.SECONDS)) {
                throw new IllegalStateException("Threads did not get ready for the race");
            }
            go.countDown();
            List<Outcome<T>> outcomes = new ArrayList<>(threads);
            for (Future<Outcome<T>> future : futures) {
                outcomes.add(future.get(5, TimeUnit.MINUTES));
            }
            return outcomes;
        } catch (Exception e) {
            throw new IllegalStateException("Race did not finish", e);
        } finally {
            pool.shutdownNow();
        }
    }
}
