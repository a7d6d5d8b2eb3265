package dev.ticketing.userpoint.infrastructure;

import java.util.concurrent.Callable;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.springframework.beans.factory.DisposableBean;
import org.springframework.security.crypto.password.PasswordEncoder;

/**
 * Runs the password hash (bcrypt: tens of milliseconds of pure CPU per login or sign-up) on a few platform threads
 * instead of on the request's virtual thread, which waits for it parked.
 *
 * <p>Why: a virtual thread is never preempted. A crowd logging in kept both carrier threads of a 2-core pod busy
 * hashing, so every other request of the service (the debits of the payments among them) waited behind the hashes for
 * seconds; payment-service's 1 s timeout to user-point then opened its circuit and paying answered 503 in the
 * ticket-opening load test. Platform threads are time-sliced by the operating system, so the carriers keep running
 * the short requests between hashes.
 */
final class OffCarrierPasswordEncoder implements PasswordEncoder, DisposableBean {

    private final PasswordEncoder delegate;
    private final ExecutorService hashing;

    OffCarrierPasswordEncoder(PasswordEncoder delegate, int threads) {
        this.delegate = delegate;
        this.hashing = Executors.newFixedThreadPool(threads,
                Thread.ofPlatform().name("password-hashing-", 1).daemon(true).factory());
    }

    @Override
    public String encode(CharSequence rawPassword) {
        return offCarrier(() -> delegate.encode(rawPassword));
    }

    @Override
    public boolean matches(CharSequence rawPassword, String encodedPassword) {
        return offCarrier(() -> delegate.matches(rawPassword, encodedPassword));
    }

    /** Reads the hash's prefix only: no CPU worth moving. */
    @Override
    public boolean upgradeEncoding(String encodedPassword) {
        return delegate.upgradeEncoding(encodedPassword);
    }

    private <T> T offCarrier(Callable<T> hash) {
        Future<T> result = hashing.submit(hash);
        try {
            return result.get();
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
