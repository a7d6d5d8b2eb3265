package dev.ticketing.userpoint.infrastructure;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.ticketing.userpoint.application.PasswordHashingBusyException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.security.crypto.factory.PasswordEncoderFactories;
import org.springframework.security.crypto.password.PasswordEncoder;

class HashingPoolPasswordEncoderTest {

    /** Longer than any queue of these tests takes to drain, even on a starved CI machine. */
    private static final Duration LONG_WAIT = Duration.ofMinutes(1);

    private final PasswordEncoder bcrypt = PasswordEncoderFactories.createDelegatingPasswordEncoder();
    private HashingPoolPasswordEncoder encoder;

    @AfterEach
    void stop() {
        encoder.destroy();
    }

    @Test
    void hashesOnTheHashingPoolWhileTheRequestThreadWaits() throws Exception {
        HashingThreads threads = new HashingThreads();
        encoder = new HashingPoolPasswordEncoder(recording(bcrypt, threads), 2, LONG_WAIT);

        Future<Boolean> verdict;
        try (var requests = Executors.newVirtualThreadPerTaskExecutor()) {
            verdict = requests.submit(() -> encoder.matches("demo-password", encoder.encode("demo-password")));
        }

        assertThat(verdict.get()).isTrue();
        assertThat(threads.names).isNotEmpty().allSatisfy(name -> assertThat(name).startsWith("password-hashing-"));
        assertThat(threads.virtual.get()).as("hashes run on a virtual thread").isZero();
    }

    @Test
    void answersAsTheEncoderItWraps() {
        encoder = new HashingPoolPasswordEncoder(bcrypt, 1, LONG_WAIT);
        String hash = bcrypt.encode("demo-password");

        assertThat(encoder.matches("demo-password", hash)).isTrue();
        assertThat(encoder.matches("wrong-password", hash)).isFalse();
        assertThat(bcrypt.matches("demo-password", encoder.encode("demo-password"))).isTrue();
        assertThat(encoder.upgradeEncoding(hash)).isEqualTo(bcrypt.upgradeEncoding(hash));
    }

    @Test
    void aPasswordTheEncoderRefusesIsRefusedWithTheSameException() {
        encoder = new HashingPoolPasswordEncoder(bcrypt, 1, LONG_WAIT);
        String overBcryptsLimit = "x".repeat(73);

        assertThatThrownBy(() -> encoder.encode(overBcryptsLimit)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void noMoreHashesRunAtOnceThanItHasThreads() throws Exception {
        AtomicInteger running = new AtomicInteger();
        AtomicInteger mostAtOnce = new AtomicInteger();
        CountDownLatch go = new CountDownLatch(1);
        // one thread: run on the callers' virtual threads instead, as many hashes would run at once as there are
        // carriers (the cores), so this fails on any machine with more than one core
        encoder = new HashingPoolPasswordEncoder(counting(bcrypt, running, mostAtOnce), 1, LONG_WAIT);

        List<Future<String>> hashes = new ArrayList<>();
        try (var requests = Executors.newVirtualThreadPerTaskExecutor()) {
            for (int i = 0; i < 12; i++) {
                hashes.add(requests.submit(() -> {
                    go.await();
                    return encoder.encode("demo-password");
                }));
            }
            go.countDown();
        }

        for (Future<String> hash : hashes) {
            assertThat(hash.get()).startsWith("{bcrypt}");
        }
        assertThat(mostAtOnce.get()).isEqualTo(1);
    }

    @Test
    void aHashThatCannotStartWithinTheLongestWaitIsNeverMadeAndRefused() throws Exception {
        CountDownLatch firstRunning = new CountDownLatch(1);
        CountDownLatch releaseFirst = new CountDownLatch(1);
        AtomicInteger hashesMade = new AtomicInteger();
        encoder = new HashingPoolPasswordEncoder(new PasswordEncoder() {
            @Override
            public String encode(CharSequence raw) {
                hashesMade.incrementAndGet();
                firstRunning.countDown();
                try {
                    releaseFirst.await();
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
                return "{noop}" + raw;
            }

            @Override
            public boolean matches(CharSequence raw, String encoded) {
                hashesMade.incrementAndGet();
                return true;
            }
        }, 1, Duration.ofMillis(200));

        try (var requests = Executors.newVirtualThreadPerTaskExecutor()) {
            Future<String> first = requests.submit(() -> encoder.encode("first"));
            firstRunning.await();

            assertThatThrownBy(() -> encoder.matches("second", "{noop}second"))
                    .isInstanceOf(PasswordHashingBusyException.class);
            releaseFirst.countDown();
            assertThat(first.get()).as("the hash that had started is waited for").isEqualTo("{noop}first");
        }
        assertThat(encoder.matches("third", "{noop}third")).isTrue();
        assertThat(hashesMade.get()).as("first and third; the refused one was never hashed").isEqualTo(2);
    }

    private static final class HashingThreads {
        final java.util.Set<String> names = ConcurrentHashMap.newKeySet();
        final AtomicInteger virtual = new AtomicInteger();

        void record() {
            names.add(Thread.currentThread().getName());
            if (Thread.currentThread().isVirtual()) {
                virtual.incrementAndGet();
            }
        }
    }

    private static PasswordEncoder recording(PasswordEncoder delegate, HashingThreads threads) {
        return new PasswordEncoder() {
            @Override
            public String encode(CharSequence raw) {
                threads.record();
                return delegate.encode(raw);
            }

            @Override
            public boolean matches(CharSequence raw, String encoded) {
                threads.record();
                return delegate.matches(raw, encoded);
            }
        };
    }

    private static PasswordEncoder counting(PasswordEncoder delegate, AtomicInteger running, AtomicInteger mostAtOnce) {
        return new PasswordEncoder() {
            @Override
            public String encode(CharSequence raw) {
                mostAtOnce.accumulateAndGet(running.incrementAndGet(), Math::max);
                try {
                    return delegate.encode(raw);
                } finally {
                    running.decrementAndGet();
                }
            }

            @Override
            public boolean matches(CharSequence raw, String encoded) {
                return delegate.matches(raw, encoded);
            }
        };
    }
}
