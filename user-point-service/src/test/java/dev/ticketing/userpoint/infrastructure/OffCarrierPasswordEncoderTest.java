package dev.ticketing.userpoint.infrastructure;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

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

class OffCarrierPasswordEncoderTest {

    private final PasswordEncoder bcrypt = PasswordEncoderFactories.createDelegatingPasswordEncoder();
    private OffCarrierPasswordEncoder encoder;

    @AfterEach
    void stop() {
        encoder.destroy();
    }

    @Test
    void hashesOnAPlatformThreadWhileTheRequestsVirtualThreadWaits() throws Exception {
        HashingThreads threads = new HashingThreads();
        encoder = new OffCarrierPasswordEncoder(recording(bcrypt, threads), 2);

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
        encoder = new OffCarrierPasswordEncoder(bcrypt, 1);
        String hash = bcrypt.encode("demo-password");

        assertThat(encoder.matches("demo-password", hash)).isTrue();
        assertThat(encoder.matches("wrong-password", hash)).isFalse();
        assertThat(bcrypt.matches("demo-password", encoder.encode("demo-password"))).isTrue();
        assertThat(encoder.upgradeEncoding(hash)).isEqualTo(bcrypt.upgradeEncoding(hash));
    }

    @Test
    void aPasswordTheEncoderRefusesIsRefusedWithTheSameException() {
        encoder = new OffCarrierPasswordEncoder(bcrypt, 1);
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
        encoder = new OffCarrierPasswordEncoder(counting(bcrypt, running, mostAtOnce), 1);

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
