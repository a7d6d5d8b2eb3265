package dev.ticketing.userpoint.api;

import static dev.ticketing.testsupport.ProblemMatchers.expectProblem;
import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.header;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import dev.ticketing.support.idempotency.IdempotencyProperties;
import dev.ticketing.support.idempotency.IdempotencyPurge;
import dev.ticketing.support.idempotency.IdempotencyStore;
import dev.ticketing.testsupport.Race;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.MediaType;
import org.springframework.scheduling.config.FixedDelayTask;
import org.springframework.scheduling.config.ScheduledTaskHolder;
import org.springframework.test.json.JsonCompareMode;
import org.springframework.test.web.servlet.request.MockHttpServletRequestBuilder;

/**
 * The Idempotency-Key of charges, through service-support's shared implementation, on the real database: the draft's
 * key format, replay, 422 for another body, 409 while in flight, takeover of a key left behind, retention and purge.
 */
class ChargeIdempotencyTest extends ApiTestBase {

    @Autowired
    IdempotencyStore store;

    @Autowired
    IdempotencyProperties properties;

    @Autowired
    ScheduledTaskHolder scheduledTasks;

    @Test
    void aQuotedKeyAndTheSameKeyBareAreOneKeyAndTheReplaySaysSo() throws Exception {
        long user = users.create(0);

        String first = mvc.perform(charge(user, "{\"amount\": 300}").header("Idempotency-Key", "\"order-17\""))
                .andExpect(status().isOk())
                .andExpect(header().doesNotExist("Idempotent-Replayed"))
                .andReturn().getResponse().getContentAsString();
        mvc.perform(charge(user, "{ \"amount\" : 300 }").header("Idempotency-Key", "order-17"))
                .andExpect(status().isOk())
                .andExpect(header().string("Idempotent-Replayed", "true"))
                .andExpect(content().json(first, JsonCompareMode.STRICT));

        assertThat(users.balance(user)).isEqualTo(300);
        assertThat(users.ledger(user)).hasSize(1);
    }

    @Test
    void theSameKeyWithAnotherBodyIsRefusedWith422AndChangesNothing() throws Exception {
        long user = users.create(0);
        mvc.perform(charge(user, "{\"amount\": 300}").header("Idempotency-Key", "\"k-422\""))
                .andExpect(status().isOk());

        expectProblem(mvc.perform(charge(user, "{\"amount\": 301}").header("Idempotency-Key", "\"k-422\"")), 422,
                "IDEMPOTENCY_KEY_REUSED");

        assertThat(users.balance(user)).isEqualTo(300);
    }

    @ParameterizedTest
    @ValueSource(strings = {"\"unterminated", "\"a\";p=1", "\"a\", \"b\"", "\"\"", "\"bad\\escape\"", "\"a\" ",
            "a,b", "a\\b", "a\"b"})
    void refusesAKeyThatIsNotOneStrictStructuredString(String key) throws Exception {
        long user = users.create(0);

        expectProblem(mvc.perform(charge(user, "{\"amount\": 100}").header("Idempotency-Key", key)), 400,
                "INVALID_REQUEST");
        assertThat(users.balance(user)).isZero();
    }

    @Test
    void acceptsSpacesAndEscapesInsideTheQuotes() throws Exception {
        long user = users.create(0);

        mvc.perform(charge(user, "{\"amount\": 100}").header("Idempotency-Key", "\"a \\\"b\\\\ c\""))
                .andExpect(status().isOk());
        mvc.perform(charge(user, "{\"amount\": 100}").header("Idempotency-Key", "\"a \\\"b\\\\ c\""))
                .andExpect(header().string("Idempotent-Replayed", "true"));

        assertThat(users.balance(user)).isEqualTo(100);
    }

    @Test
    void twoKeyHeadersAreRefused() throws Exception {
        long user = users.create(0);

        expectProblem(mvc.perform(charge(user, "{\"amount\": 100}").header("Idempotency-Key", "\"a\"", "\"b\"")),
                400, "INVALID_REQUEST");
        assertThat(users.balance(user)).isZero();
    }

    @Test
    void aKeyStillInFlightIsAnswered409WithRetryAfterAndNothingIsCharged() throws Exception {
        long user = users.create(0);
        mvc.perform(charge(user, "{\"amount\": 300}").header("Idempotency-Key", "\"busy\"")).andExpect(status().isOk());
        // The same key as another instance holds it while its charge runs: a live lease, no result yet.
        forgetResult(user, "busy", Instant.now().plus(Duration.ofMinutes(5)));

        expectProblem(mvc.perform(charge(user, "{\"amount\": 300}").header("Idempotency-Key", "\"busy\"")), 409,
                "IDEMPOTENCY_KEY_IN_USE")
                .andExpect(header().string("Retry-After", "1"));
        assertThat(users.balance(user)).isEqualTo(300);
    }

    @Test
    void aKeyLeftInFlightByADeadRequestIsTakenOverAfterItsLeaseAndRunOnce() throws Exception {
        long donor = users.create(0);
        long user = users.create(0);
        // A request that died before its transaction committed: the claim row, no effect. Its fingerprint is that of
        // the same request by another user (the fingerprint does not depend on the user).
        mvc.perform(charge(donor, "{\"amount\": 300}").header("Idempotency-Key", "\"orphan\""))
                .andExpect(status().isOk());
        jdbc.sql("""
                        INSERT INTO idempotent_request
                            (user_id, idempotency_key, fingerprint, owner, lease_until, created_at, expires_at)
                        SELECT ?, idempotency_key, fingerprint, 'dead-owner', ?, created_at, expires_at
                        FROM idempotent_request WHERE user_id = ? AND idempotency_key = 'orphan'""")
                .params(user, LocalDateTime.ofInstant(Instant.now().minusSeconds(1), ZoneOffset.UTC), donor)
                .update();

        List<Race.Outcome<Integer>> outcomes = Race.run(8, i -> () -> mvc.perform(
                        charge(user, "{\"amount\": 300}").header("Idempotency-Key", "\"orphan\""))
                .andReturn().getResponse().getStatus());

        assertThat(outcomes).allSatisfy(outcome -> assertThat(outcome.value()).isIn(200, 409));
        assertThat(users.balance(user)).isEqualTo(300);
        assertThat(users.ledger(user)).hasSize(1);
    }

    @Test
    void aRefusedChargeReleasesItsKeySoThatTheRetryRunsAgain() throws Exception {
        long user = users.unknown();

        expectProblem(mvc.perform(charge(user, "{\"amount\": 100}").header("Idempotency-Key", "\"nobody\"")), 404,
                "USER_NOT_FOUND");

        assertThat(jdbc.sql("SELECT COUNT(*) FROM idempotent_request WHERE user_id = ?").param(user)
                .query(Long.class).single()).isZero();
    }

    @Test
    void anExpiredKeyIsANewKey() throws Exception {
        long user = users.create(0);
        mvc.perform(charge(user, "{\"amount\": 100}").header("Idempotency-Key", "\"old\"")).andExpect(status().isOk());
        jdbc.sql("UPDATE idempotent_request SET expires_at = ? WHERE user_id = ?")
                .params(LocalDateTime.ofInstant(Instant.now().minusSeconds(1), ZoneOffset.UTC), user).update();

        mvc.perform(charge(user, "{\"amount\": 200}").header("Idempotency-Key", "\"old\""))
                .andExpect(status().isOk())
                .andExpect(header().doesNotExist("Idempotent-Replayed"));
        assertThat(users.balance(user)).isEqualTo(300);
    }

    @Test
    void keysAreKeptForTheRetentionOf24HoursByDefault() throws Exception {
        long user = users.create(0);
        Instant before = Instant.now();
        mvc.perform(charge(user, "{\"amount\": 100}").header("Idempotency-Key", "\"kept\"")).andExpect(status().isOk());

        Instant expires = jdbc.sql("SELECT expires_at FROM idempotent_request WHERE user_id = ?").param(user)
                .query(LocalDateTime.class).single().toInstant(ZoneOffset.UTC);
        assertThat(properties.retention()).isEqualTo(Duration.ofHours(24));
        assertThat(expires).isBetween(before.plus(Duration.ofHours(24)).minusSeconds(1),
                Instant.now().plus(Duration.ofHours(24)).plusSeconds(1));
    }

    @Test
    void twoInstancesPurgingAtOnceDeleteEveryExpiredKeyAndNoLiveOne() {
        long user = users.create(0);
        Instant now = Instant.now();
        for (int i = 0; i < 1_200; i++) {
            insertKey(user, "expired-" + i, now.minusSeconds(1 + i));
        }
        for (int i = 0; i < 50; i++) {
            insertKey(user, "live-" + i, now.plusSeconds(60));
        }
        // Two schedulers as two instances run them: each its own purge over the same table, at the same moment.
        IdempotencyProperties smallBatches = new IdempotencyProperties(true, Duration.ofHours(24),
                Duration.ofSeconds(30), Duration.ofSeconds(1), Duration.ofSeconds(1), Duration.ofMinutes(10), 100);
        List<Race.Outcome<Integer>> purged = Race.run(2, i -> () ->
                new IdempotencyPurge(store, smallBatches, Clock.systemUTC()).purge());

        assertThat(purged).allSatisfy(outcome -> assertThat(outcome.failure()).as("a purge failed").isNull());
        assertThat(purged.stream().mapToInt(Race.Outcome::value).sum()).isEqualTo(1_200);
        assertThat(jdbc.sql("SELECT idempotency_key FROM idempotent_request WHERE user_id = ?").param(user)
                .query(String.class).list()).hasSize(50).allMatch(key -> key.startsWith("live-"));
    }

    @Test
    void thePurgeIsScheduledEveryTenMinutesByDefault() {
        assertThat(scheduledTasks.getScheduledTasks())
                .map(scheduled -> scheduled.getTask())
                .filteredOn(task -> task instanceof FixedDelayTask
                        && task.toString().endsWith("IdempotencyPurge.scheduled"))
                .singleElement()
                .satisfies(task -> assertThat(((FixedDelayTask) task).getIntervalDuration())
                        .isEqualTo(Duration.ofMinutes(10)));
    }

    private void insertKey(long user, String key, Instant expiresAt) {
        LocalDateTime utcExpiry = LocalDateTime.ofInstant(expiresAt, ZoneOffset.UTC);
        jdbc.sql("""
                        INSERT INTO idempotent_request (user_id, idempotency_key, fingerprint, owner, lease_until,
                            result_type, result, created_at, completed_at, expires_at)
                        VALUES (?, ?, REPEAT('0', 64), 'o', ?, 'x', '{}', ?, ?, ?)""")
                .params(user, key, utcExpiry, utcExpiry, utcExpiry, utcExpiry)
                .update();
    }

    private void forgetResult(long user, String key, Instant leaseUntil) {
        jdbc.sql("""
                        UPDATE idempotent_request SET result = NULL, result_type = NULL, lease_until = ?
                        WHERE user_id = ? AND idempotency_key = ?""")
                .params(LocalDateTime.ofInstant(leaseUntil, ZoneOffset.UTC), user, key).update();
    }

    private static MockHttpServletRequestBuilder charge(long user, String body) {
        return post("/api/points/charges").contentType(MediaType.APPLICATION_JSON).content(body)
                .header("X-User-Id", user);
    }
}
