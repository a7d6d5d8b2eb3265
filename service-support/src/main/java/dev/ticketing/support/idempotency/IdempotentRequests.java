package dev.ticketing.support.idempotency;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Clock;
import java.time.Instant;
import java.util.Collections;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.transaction.support.TransactionSynchronization;
import org.springframework.transaction.support.TransactionSynchronizationManager;
import org.springframework.web.context.request.RequestContextHolder;
import org.springframework.web.context.request.ServletRequestAttributes;
import tools.jackson.databind.json.JsonMapper;

/**
 * The {@code Idempotency-Key} of a request (draft-ietf-httpapi-idempotency-key-header), the one implementation every
 * service uses. A controller runs its use case through {@link #execute}; the use case's transaction that commits the
 * request's effect calls {@link #completeWithinTransaction} with the result.
 *
 * <p>How a key counts once, also across a crash:
 * <ol>
 * <li>The request claims the key: a row (user, key, fingerprint of the request, owner, lease), committed on its own
 * so that every instance sees it. A second request with the key finds the row: another fingerprint → 422; a
 * result → that result again; in flight with a live lease → 409 with {@code Retry-After}.</li>
 * <li>The result is stored in the <b>same transaction</b> as the effect ({@link #completeWithinTransaction}), by an
 * UPDATE conditional on still owning the key. So a committed effect always has its result committed with it: a crash
 * after the commit and before the answer leaves a result to replay, never an orphan effect.</li>
 * <li>A row still in flight therefore means no effect was committed under it, or (payment, whose effect spans several
 * transactions and an HTTP call) only steps that are idempotent by themselves. When its lease passes, its owner is
 * presumed dead and the next request with the key takes it over and runs the use case again. Should the first owner
 * still be alive, its conditional UPDATE then matches nothing and its transaction rolls back: one effect.</li>
 * <li>A use case that throws changed nothing (its transaction rolled back): the key is released and a retry runs
 * again. Its answer (a 4xx problem) is not stored. A result that the use case returned without calling
 * {@link #completeWithinTransaction} (nothing was written, e.g. "already paid") is stored after it returns.</li>
 * </ol>
 *
 * <p>A replay is the stored result, rendered by the controller exactly as the first time (the rendering is a pure
 * function of the result), with {@code Idempotent-Replayed: true}. Requests without the header run as before.
 */
public class IdempotentRequests {

    /** Set on a replayed answer. The draft names none; this is Stripe's, which clients already know. */
    public static final String REPLAYED_HEADER = "Idempotent-Replayed";

    private static final Logger log = LoggerFactory.getLogger(IdempotentRequests.class);
    private static final int CLAIM_ATTEMPTS = 3;
    private static final java.time.Duration IN_FLIGHT_POLL = java.time.Duration.ofMillis(20);
    private static final ThreadLocal<Claim> CURRENT = new ThreadLocal<>();

    private final IdempotencyStore store;
    private final IdempotencyProperties properties;
    private final JsonMapper json;
    private final Clock clock;

    public IdempotentRequests(IdempotencyStore store, IdempotencyProperties properties, JsonMapper json, Clock clock) {
        this.store = store;
        this.properties = properties;
        this.json = json;
        this.clock = clock;
    }

    /**
     * Runs {@code work} once per key of the current request, or answers its stored result.
     *
     * @param operation names the endpoint (e.g. {@code "POST /api/reservations"}): the same key on another endpoint is
     *                  another request (422)
     * @param request   the parsed request body; its JSON form is the fingerprint, so whitespace, property order and
     *                  ignored properties do not make a retry "different"
     * @param resultType what {@code work} returns; stored as JSON, so a plain record
     */
    public <R> R execute(long userId, String operation, Object request, Class<R> resultType, Supplier<R> work) {
        Optional<IdempotencyKey> key = IdempotencyKey.fromHeaders(currentKeyHeaders());
        if (key.isEmpty()) {
            return work.get();
        }
        String fingerprint = fingerprint(operation, request);
        long waitUntil = System.nanoTime() + properties.inFlightWait().toNanos();
        Claim claim = null;
        for (int attempt = 1; claim == null; attempt++) {
            if (attempt > CLAIM_ATTEMPTS) {
                throw inUse();
            }
            Instant now = clock.instant();
            String owner = UUID.randomUUID().toString();
            Instant leaseUntil = now.plus(properties.lease());
            if (store.insert(userId, key.get().value(), fingerprint, owner, leaseUntil, now,
                    now.plus(properties.retention()))) {
                claim = new Claim(userId, key.get().value(), owner);
                continue;
            }
            Optional<IdempotencyStore.Entry> found = store.find(userId, key.get().value());
            if (found.isEmpty()) {
                continue; // released or purged meanwhile
            }
            IdempotencyStore.Entry entry = found.get();
            if (!entry.expiresAt().isAfter(now)) {
                store.deleteIfExpired(userId, entry.key(), now);
                continue;
            }
            if (!entry.fingerprint().equals(fingerprint)) {
                throw new IdempotencyKeyReusedException();
            }
            if (entry.completed()) {
                markReplayed();
                return resultOf(entry, resultType);
            }
            if (entry.leaseUntil().isAfter(now)) {
                if (System.nanoTime() >= waitUntil) {
                    throw inUse();
                }
                pause();
                attempt--; // waiting for a result is not a failed claim
                continue;
            }
            if (store.takeOver(userId, entry.key(), entry.owner(), owner, leaseUntil, now)) {
                log.warn("Idempotency key of user {} was left in flight past its lease; running its request again",
                        userId);
                claim = new Claim(userId, entry.key(), owner);
            }
        }
        return run(claim, work);
    }

    /**
     * Stores {@code result} as the answer of the current request's key, inside the transaction that commits the
     * request's effect. Does nothing for a request without a key (or outside {@link #execute}).
     *
     * @throws IdempotencyKeyInUseException when the key was taken over meanwhile: the transaction must roll back
     */
    public void completeWithinTransaction(Object result) {
        Claim claim = CURRENT.get();
        if (claim == null) {
            return;
        }
        if (!TransactionSynchronizationManager.isActualTransactionActive()) {
            throw new IllegalStateException("completeWithinTransaction needs the transaction of the effect");
        }
        if (!store.complete(claim.userId(), claim.key(), claim.owner(), result.getClass().getName(),
                json.writeValueAsString(result), clock.instant())) {
            throw inUse();
        }
        TransactionSynchronizationManager.registerSynchronization(new TransactionSynchronization() {
            @Override
            public void afterCompletion(int status) {
                if (status == STATUS_COMMITTED) {
                    claim.completed = true;
                }
            }
        });
    }

    private <R> R run(Claim claim, Supplier<R> work) {
        CURRENT.set(claim);
        R result;
        try {
            result = work.get();
        } catch (RuntimeException | Error failed) {
            if (!claim.completed) {
                releaseQuietly(claim);
            }
            throw failed;
        } finally {
            CURRENT.remove();
        }
        if (!claim.completed) {
            // Nothing was written under the key (a read-only answer such as "already paid"): store it on its own.
            Boolean stored = storeOnItsOwn(claim, result);
            if (!Boolean.TRUE.equals(stored)) {
                throw inUse();
            }
        }
        return result;
    }

    private Boolean storeOnItsOwn(Claim claim, Object result) {
        String serialized = json.writeValueAsString(result);
        return store.completeInOwnTransaction(claim.userId(), claim.key(), claim.owner(),
                result.getClass().getName(), serialized, clock.instant());
    }

    private void releaseQuietly(Claim claim) {
        try {
            store.release(claim.userId(), claim.key(), claim.owner());
        } catch (RuntimeException unreachable) {
            // The key stays in flight until its lease passes; then a retry takes it over.
            log.warn("Could not release an idempotency key of user {}: {}", claim.userId(), unreachable.toString());
        }
    }

    private <R> R resultOf(IdempotencyStore.Entry entry, Class<R> resultType) {
        Class<?> stored;
        try {
            stored = Class.forName(entry.resultType(), false, resultType.getClassLoader());
        } catch (ClassNotFoundException e) {
            throw new IllegalStateException("Stored idempotent result of unknown type " + entry.resultType(), e);
        }
        if (!resultType.isAssignableFrom(stored)) {
            throw new IllegalStateException("Stored idempotent result " + stored + " is not a " + resultType);
        }
        return resultType.cast(json.readValue(entry.result(), stored));
    }

    private String fingerprint(String operation, Object request) {
        byte[] body = json.writeValueAsBytes(request);
        try {
            MessageDigest sha = MessageDigest.getInstance("SHA-256");
            sha.update(operation.getBytes(StandardCharsets.UTF_8));
            sha.update((byte) '\n');
            sha.update(body);
            return HexFormat.of().formatHex(sha.digest());
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    private static void pause() {
        try {
            Thread.sleep(IN_FLIGHT_POLL);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("Interrupted while waiting for a request with the same key", e);
        }
    }

    private IdempotencyKeyInUseException inUse() {
        return new IdempotencyKeyInUseException(Math.max(1, properties.retryAfter().toSeconds()));
    }

    private static List<String> currentKeyHeaders() {
        if (!(RequestContextHolder.getRequestAttributes() instanceof ServletRequestAttributes attributes)) {
            return List.of();
        }
        HttpServletRequest request = attributes.getRequest();
        return Collections.list(request.getHeaders(IdempotencyKey.HEADER));
    }

    private static void markReplayed() {
        if (RequestContextHolder.getRequestAttributes() instanceof ServletRequestAttributes attributes) {
            HttpServletResponse response = attributes.getResponse();
            if (response != null) {
                response.setHeader(REPLAYED_HEADER, "true");
            }
        }
    }

    private static final class Claim {
        private final long userId;
        private final String key;
        private final String owner;
        private volatile boolean completed;

        Claim(long userId, String key, String owner) {
            this.userId = userId;
            this.key = key;
            this.owner = owner;
        }

        long userId() {
            return userId;
        }

        String key() {
            return key;
        }

        String owner() {
            return owner;
        }
    }
}
