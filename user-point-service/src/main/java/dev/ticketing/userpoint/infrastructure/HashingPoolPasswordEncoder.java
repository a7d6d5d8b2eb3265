package dev.ticketing.userpoint.infrastructure;

import dev.ticketing.userpoint.application.PasswordHashingBusyException;
import java.time.Duration;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicBoolean;
import org.springframework.beans.factory.DisposableBean;
import org.springframework.security.crypto.password.PasswordEncoder;

/**
 * Runs the password hash (bcrypt: tens of milliseconds of pure CPU per login or sign-up) on one thread per core
 * instead of on the request's thread, which waits for it.
 *
 * <p>Why: a crowd logging in hashed on every request thread at once, so every other request of the service (the
 * debits of the payments among them) got a sliver of the two cores and waited behind the hashes for seconds;
 * payment-service's 1 s timeout to user-point then opened its circuit and paying answered 503 in the ticket-opening
 * load test. With the hashes on as many threads as cores, the short requests keep their share of the CPU.
 *
 * <p>A hash that has not started within {@code maxWait} is not made at all ({@link PasswordHashingBusyException},
 * 503): the CPU hashes so many passwords a second and no more, and a queue without a bound grew past the gateway's
 * timeout in the scheduled-opening load test, so every hash was made for a client already answered 504.
 */
final class HashingPoolPasswordEncoder implements PasswordEncoder, DisposableBean {

    private final PasswordEncoder delegate;
    private final ExecutorService hashing;
    private final Duration maxWait;

    HashingPoolPasswordEncoder(PasswordEncoder delegate, int threads, Duration maxWait) {
        this.delegate = delegate;
        this.maxWait = maxWait;
        this.hashing = Executors.newFixedThreadPool(threads,
                Thread.ofPlatform().name("password-hashing-", 1).daemon(true).factory());
    }

    @Override
    public String encode(CharSequence rawPassword) {
        return onHashingPool(() -> delegate.encode(rawPassword));
    }

    @Override
    public boolean matches(CharSequence rawPassword, String encodedPassword) {
        return onHashingPool(() -> delegate.matches(rawPassword, encodedPassword));
    }

    /** Reads the hash's prefix only: no CPU worth moving. */
    @Override
    public boolean upgradeEncoding(String encodedPassword) {
        return delegate.upgradeEncoding(encodedPassword);
    }

    private <T> T onHashingPool(Callable<T> hash) {
        // claimed once: by the hashing thread when it starts, or by the waiting caller when it gives up first
        AtomicBoolean claimed = new AtomicBoolean();
        Future<T> result = hashing.submit(() -> claimed.compareAndSet(false, true) ? hash.call() : null);
        try {
            try {
                return result.get(maxWait.toNanos(), TimeUnit.NANOSECONDS);
            } catch (TimeoutException late) {
                if (claimed.compareAndSet(false, true)) {
                    result.cancel(false);
                    throw new PasswordHashingBusyException(maxWait);
                }
                return result.get(); // the hash has started: it ends within its own CPU time
            }
        } catch (ExecutionException failed) {
            if (failed.getCause() instanceof RuntimeException refused) {
                throw refused;
            }
            if (failed.getCause() instanceof Error error) {
                throw error;
            }
            throw new IllegalStateException("Password hashing failed", failed.getCause());
        } catch (InterruptedException interrupted) {
            result.cancel(true);
            Thread.currentThread().interrupt();
            throw new IllegalStateException("Interrupted while waiting for the password hash", interrupted);
        }
    }

    @Override
    public void destroy() {
        hashing.shutdownNow();
    }
}
