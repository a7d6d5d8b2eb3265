package dev.ticketing.support.idempotency;

import java.time.Instant;
import java.util.Optional;

/**
 * The keys of one service and what became of their requests, in the service's own database (table
 * {@code idempotent_request}, created by the service's Flyway migration). Every method but
 * {@link #complete} runs in its own short transaction; {@link #complete} runs in the caller's.
 */
public interface IdempotencyStore {

    /** The stored state of a key. {@code resultType}/{@code result} are null while the request is in flight. */
    record Entry(long userId, String key, String fingerprint, String owner, Instant leaseUntil, Instant expiresAt,
            String resultType, String result) {

        public boolean completed() {
            return result != null;
        }
    }

    /** False when the key already has a row (of whatever state). */
    boolean insert(long userId, String key, String fingerprint, String owner, Instant leaseUntil, Instant now,
            Instant expiresAt);

    Optional<Entry> find(long userId, String key);

    /** Takes over a key whose owner let its lease pass without completing; false when anything changed meanwhile. */
    boolean takeOver(long userId, String key, String previousOwner, String owner, Instant leaseUntil, Instant now);

    /**
     * Stores the result of the owner's request, in the caller's transaction. False when {@code owner} no longer holds
     * the key in flight (its lease passed and another request took it over): the caller must roll back.
     */
    boolean complete(long userId, String key, String owner, String resultType, String result, Instant now);

    /** {@link #complete} in a transaction of its own, for a result whose request wrote nothing. */
    boolean completeInOwnTransaction(long userId, String key, String owner, String resultType, String result,
            Instant now);

    /** Forgets an in-flight key of {@code owner} whose request changed nothing, so that a retry runs again. */
    void release(long userId, String key, String owner);

    /** Deletes this key if it expired. */
    void deleteIfExpired(long userId, String key, Instant now);

    /** Deletes up to {@code limit} expired keys; the number deleted. */
    int purgeExpired(Instant now, int limit);
}
