package dev.ticketing.queue.infrastructure;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ticketing.queue.CleanRedis;
import dev.ticketing.queue.RedisOnly;
import dev.ticketing.queue.application.QueueProperties;
import dev.ticketing.queue.application.QueueService;
import dev.ticketing.queue.application.QueueStore;
import dev.ticketing.queue.application.QueueStore.ChangeOutcome;
import dev.ticketing.queue.application.QueueStore.Opening;
import dev.ticketing.queue.application.QueueStore.OpeningOutcome;
import dev.ticketing.queue.application.QueueStore.PaymentExpiry;
import dev.ticketing.queue.application.QueueStore.TickResult;
import dev.ticketing.queue.domain.QueueToken;
import dev.ticketing.queue.domain.RoomChange;
import dev.ticketing.queue.domain.RoomId;
import dev.ticketing.queue.domain.Shuffle;
import dev.ticketing.queue.domain.TokenStanding;
import dev.ticketing.testsupport.Race;
import dev.ticketing.testsupport.RealInfrastructure;
import java.security.SecureRandom;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInfo;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.data.redis.connection.RedisStandaloneConfiguration;
import org.springframework.data.redis.connection.lettuce.LettuceConnectionFactory;
import org.springframework.data.redis.core.StringRedisTemplate;

/**
 * Rooms per concert, scheduled openings and live settings against the real Redis server. "Instances" are stores on
 * connections of their own, racing the same scripts; time is passed in.
 */
@SpringBootTest(properties = {RedisOnly.NO_SCHEDULER, RedisOnly.NO_PAYMENT_LISTENER, RedisOnly.NO_TOPIC_CREATION})
@RealInfrastructure(database = false)
class RoomsStoreTest {

    private static final SecureRandom RANDOM = new SecureRandom();
    private static final Instant T0 = Instant.parse("2026-03-01T10:00:00Z");
    private static final Instant OPENS_AT = T0.plus(Duration.ofMinutes(10));
    private static final RoomId CONCERT_1 = RoomId.ofConcert(1);
    private static final RoomId CONCERT_2 = RoomId.ofConcert(2);
    private static final long OPERATOR = 9000;

    @Autowired
    StringRedisTemplate redis;
    @Value("${ticketing.redis.key-prefix}")
    String classPrefix;
    @Value("${spring.data.redis.host}")
    String redisHost;
    @Value("${spring.data.redis.port}")
    int redisPort;

    private String prefix;
    private final List<LettuceConnectionFactory> extraConnections = new ArrayList<>();

    @BeforeEach
    void ownPrefix(TestInfo test) {
        prefix = classPrefix + test.getTestMethod().orElseThrow().getName() + ":";
    }

    @AfterEach
    void cleanUp() {
        extraConnections.forEach(LettuceConnectionFactory::destroy);
        CleanRedis.deleteKeysUnder(redis, prefix);
    }

    @Test
    void nobodyIsAdmittedBeforeTheOpeningAndMovingItLaterKeepsEveryonePreQueued() {
        RedisQueueStore store = store(redis, 100, CONCERT_1, OPENS_AT);
        List<QueueToken> tokens = join(store, CONCERT_1, 1, 50, T0);
        assertThat(store.status(tokens.getFirst(), T0).state()).isEqualTo(new TokenStanding.PreQueued(1, OPENS_AT));

        assertThat(store.tick(CONCERT_1, T0.plusSeconds(5), false).admitted()).isZero();
        Instant later = OPENS_AT.plus(Duration.ofMinutes(30));
        assertThat(store.change(CONCERT_1, OPERATOR, "SET_OPENS_AT",
                Map.of("opensAt", Long.toString(later.toEpochMilli())), T0.plusSeconds(10)).outcome())
                .isEqualTo(ChangeOutcome.OK);
        assertThat(store.open(CONCERT_1, OPENS_AT.plusSeconds(1), 42).outcome()).isEqualTo(OpeningOutcome.NOT_DUE);
        assertThat(store.tick(CONCERT_1, OPENS_AT.plusSeconds(1), false).admitted()).isZero();
        assertThat(store.status(tokens.get(7), OPENS_AT.plusSeconds(1)).state())
                .isEqualTo(new TokenStanding.PreQueued(8, later));
        // asking again before the opening gives the same token, still without a place
        assertThat(store.issue(CONCERT_1, 8, QueueToken.generate(RANDOM), OPENS_AT).token()).isEqualTo(tokens.get(7));

        assertThat(store.open(CONCERT_1, later, 42).outcome()).isEqualTo(OpeningOutcome.OPENED);
        assertThat(store.tick(CONCERT_1, later, false).admitted()).isEqualTo(50);
    }

    /**
     * The issue's fairness figure: 2,000 users join the pre-queue one after another; after the opening the order is
     * uncorrelated with the join order (Spearman |rho| < 0.1), it is exactly the replay of the recorded seed, and
     * later arrivals queue first come, first served behind the drawn block.
     */
    @Test
    void theOpeningDrawIsUncorrelatedWithJoinOrderAndReplaysFromItsSeed() {
        int users = 2000;
        RedisQueueStore store = store(redis, 100, CONCERT_1, OPENS_AT);
        List<QueueToken> joinOrder = join(store, CONCERT_1, 1, users, T0);
        long seed = Shuffle.newSeed(RANDOM);

        Opening opening = store.open(CONCERT_1, OPENS_AT, seed);
        List<QueueToken> late = join(store, CONCERT_1, users + 1, users + 20, OPENS_AT.plusSeconds(1));

        assertThat(opening).isEqualTo(new Opening(OpeningOutcome.OPENED, seed, (long) users, OPENS_AT));
        long[] positions = new long[users];
        for (int i = 0; i < users; i++) {
            positions[i] = ((TokenStanding.Waiting) store.status(joinOrder.get(i), OPENS_AT).state()).position();
        }
        assertThat(Math.abs(spearman(positions))).isLessThan(0.1);
        List<QueueToken> drawn = new ArrayList<>(joinOrder);
        drawn.sort((a, b) -> Long.compare(positions[joinOrder.indexOf(a)], positions[joinOrder.indexOf(b)]));
        assertThat(drawn).isEqualTo(Shuffle.replay(joinOrder, seed));
        for (int i = 0; i < late.size(); i++) {
            assertThat(store.status(late.get(i), OPENS_AT.plusSeconds(2)).state())
                    .isEqualTo(new TokenStanding.Waiting(users + 1 + i, users + i));
        }
        // a replay of the same seed and pre-queue elsewhere gives the same order; another seed another one
        assertThat(Shuffle.replay(joinOrder, seed)).isEqualTo(drawn);
        assertThat(Shuffle.replay(joinOrder, seed == 1 ? 2 : seed - 1)).isNotEqualTo(drawn);
    }

    /** Two instances race the opening (and token requests) many times: one draw, nobody lost, nobody drawn twice. */
    @Test
    void twoInstancesRacingTheOpeningDrawOnceAndLoseNobody() {
        RedisQueueStore instanceA = store(ownConnection(), 100, CONCERT_1, OPENS_AT);
        RedisQueueStore instanceB = store(ownConnection(), 100, CONCERT_1, OPENS_AT);
        List<QueueToken> preQueue = join(instanceA, CONCERT_1, 1, 500, T0);
        AtomicLong lateUser = new AtomicLong(10_000);
        AtomicLong lateIssued = new AtomicLong();

        List<Race.Outcome<List<Opening>>> outcomes = Race.run(4, i -> () -> {
            RedisQueueStore instance = i % 2 == 0 ? instanceA : instanceB;
            List<Opening> seen = new ArrayList<>();
            for (int round = 0; round < 50; round++) {
                seen.add(instance.open(CONCERT_1, OPENS_AT.plusMillis(round), Shuffle.newSeed(RANDOM)));
                if (i >= 2) { // late arrivals come in while the others open: after the draw, or asked to wait for it
                    if (!instance.issue(CONCERT_1, lateUser.incrementAndGet(), QueueToken.generate(RANDOM),
                            OPENS_AT.plusMillis(round)).openingDue()) {
                        lateIssued.incrementAndGet();
                    }
                }
                instance.tick(CONCERT_1, OPENS_AT.plusMillis(round), true);
            }
            return seen;
        });

        assertThat(outcomes).allMatch(Race.Outcome::succeeded);
        List<Opening> all = outcomes.stream().flatMap(outcome -> outcome.value().stream()).toList();
        assertThat(all.stream().filter(o -> o.outcome() == OpeningOutcome.OPENED)).hasSize(1);
        Opening opened = all.stream().filter(o -> o.outcome() == OpeningOutcome.OPENED).findFirst().orElseThrow();
        assertThat(all).allSatisfy(o -> assertThat(o.seed()).isEqualTo(opened.seed()));
        assertThat(opened.shuffled()).isEqualTo(500);
        // every pre-queued token is admitted or in line exactly once, in the order of the draw
        List<QueueToken> drawn = Shuffle.replay(preQueue, opened.seed());
        Instant end = OPENS_AT.plusSeconds(1);
        long admitted = instanceA.snapshot(CONCERT_1, end).activeNow();
        assertThat(admitted).isEqualTo(100);
        for (int i = 0; i < drawn.size(); i++) {
            TokenStanding state = instanceA.status(drawn.get(i), end).state();
            if (i < admitted) {
                assertThat(state).as("drawn %d", i).isInstanceOf(TokenStanding.Active.class);
            } else {
                assertThat(state).as("drawn %d", i).isInstanceOf(TokenStanding.Waiting.class);
                assertThat(((TokenStanding.Waiting) state).position()).isEqualTo(i - admitted);
            }
        }
        assertThat(lateIssued.get()).isPositive();
        assertThat(instanceA.snapshot(CONCERT_1, end).waiting()).isEqualTo(400 + lateIssued.get()); // behind the draw
    }

    @Test
    void capacityRaisedLiveAdmitsTheExtraAtTheNextRoundOnEitherInstance() {
        RedisQueueStore instanceA = store(ownConnection(), 100, CONCERT_1, null);
        RedisQueueStore instanceB = store(ownConnection(), 100, CONCERT_1, null);
        join(instanceA, CONCERT_1, 1, 1000, T0);
        assertThat(instanceA.tick(CONCERT_1, T0, true).admitted()).isEqualTo(100);
        // within the room's interval (5 s on Redis's clock) neither instance runs another round
        assertThat(instanceB.tick(CONCERT_1, T0.plusSeconds(5), true).ran()).isFalse();
        assertThat(instanceA.tick(CONCERT_1, T0.plusSeconds(5), true).ran()).isFalse();

        instanceA.change(CONCERT_1, OPERATOR, "SET_LIMITS", Map.of("capacity", "300", "intervalMs", "100"),
                T0.plusSeconds(2));
        TickResult next = nextRound(instanceB, T0.plusSeconds(5));

        assertThat(next.admitted()).isEqualTo(200);
        assertThat(next.active()).isEqualTo(300);
        assertThat(nextRound(instanceA, T0.plusSeconds(6)).admitted()).isZero();
    }

    @Test
    void pauseGivesNoAdmissionsOverThreeRoundsAndResumeContinuesInOrder() {
        RedisQueueStore instanceA = store(ownConnection(), 10, CONCERT_1, null);
        RedisQueueStore instanceB = store(ownConnection(), 10, CONCERT_1, null);
        List<QueueToken> tokens = join(instanceA, CONCERT_1, 1, 40, T0);
        instanceA.tick(CONCERT_1, T0, true);
        instanceA.change(CONCERT_1, OPERATOR, "PAUSE", Map.of("paused", "1"), T0.plusSeconds(1));
        instanceA.change(CONCERT_1, OPERATOR, "SET_LIMITS", Map.of("capacity", "20"), T0.plusSeconds(2));

        long admittedWhilePaused = 0;
        instanceA.change(CONCERT_1, OPERATOR, "SET_LIMITS", Map.of("intervalMs", "100"), T0.plusSeconds(2));
        for (int round = 1; round <= 3; round++) {
            Instant at = T0.plusSeconds(5L * round);
            admittedWhilePaused += nextRound(round % 2 == 0 ? instanceA : instanceB, at).admitted();
        }
        assertThat(admittedWhilePaused).isZero();
        assertThat(instanceB.status(tokens.get(10), T0.plusSeconds(16)).state())
                .isEqualTo(new TokenStanding.Waiting(11, 0));

        instanceB.change(CONCERT_1, OPERATOR, "RESUME", Map.of("paused", "0"), T0.plusSeconds(17));
        assertThat(nextRound(instanceA, T0.plusSeconds(20)).admitted()).isEqualTo(10);
        for (int i = 0; i < 40; i++) {
            TokenStanding state = instanceA.status(tokens.get(i), T0.plusSeconds(21)).state();
            assertThat(state).as("arrival %d", i).isInstanceOf(i < 20 ? TokenStanding.Active.class
                    : TokenStanding.Waiting.class);
        }
    }

    @Test
    void roomsAreIndependentAndAUserMayWaitInSeveral() {
        RedisQueueStore store = store(redis, 5, CONCERT_1, null);
        join(store, CONCERT_1, 1, 300, T0); // a crowd in concert 1's room
        QueueToken inTwo = store.issue(CONCERT_2, 7000, QueueToken.generate(RANDOM), T0).token();
        QueueToken alsoInOne = store.issue(CONCERT_1, 7000, QueueToken.generate(RANDOM), T0).token();

        assertThat(inTwo).isNotEqualTo(alsoInOne);
        assertThat(store.status(inTwo, T0).state()).isEqualTo(new TokenStanding.Waiting(7000, 0));
        assertThat(store.status(inTwo, T0).room()).isEqualTo(CONCERT_2);
        assertThat(store.status(alsoInOne, T0).state()).isEqualTo(new TokenStanding.Waiting(7000, 300));
        assertThat(store.tick(CONCERT_2, T0, false).admitted()).isEqualTo(1);
        assertThat(store.tick(CONCERT_1, T0, false).admitted()).isEqualTo(5);
        assertThat(store.status(inTwo, T0).state()).isInstanceOf(TokenStanding.Active.class);
        assertThat(store.status(alsoInOne, T0).state()).isEqualTo(new TokenStanding.Waiting(7000, 295));

        // paying for concert 2 ends the visit there only
        assertThat(store.expireOnPayment(UUID.randomUUID(), CONCERT_2, 7000, T0.plusSeconds(1), T0.plusSeconds(1)))
                .isEqualTo(PaymentExpiry.EXPIRED);
        assertThat(store.status(inTwo, T0.plusSeconds(1)).state()).isEqualTo(new TokenStanding.Expired(7000));
        assertThat(store.status(alsoInOne, T0.plusSeconds(1)).state())
                .isEqualTo(new TokenStanding.Waiting(7000, 295));
    }

    /** The room "default" admits to every concert: a payment for concert 1 made with it frees that place. */
    @Test
    void aPaymentForAConcertMadeWithTheDefaultRoomsAdmissionFreesThePlaceThere() {
        RedisQueueStore store = store(redis, 5, CONCERT_1, null);
        QueueToken inDefault = store.issue(RoomId.DEFAULT, 7, QueueToken.generate(RANDOM), T0).token();
        QueueToken waitingInOne = store.issue(CONCERT_1, 7, QueueToken.generate(RANDOM), T0).token();
        store.tick(RoomId.DEFAULT, T0, false);

        assertThat(store.expireOnPayment(UUID.randomUUID(), CONCERT_1, 7, T0.plusSeconds(1), T0.plusSeconds(1)))
                .isEqualTo(PaymentExpiry.EXPIRED);

        assertThat(store.status(inDefault, T0.plusSeconds(1)).state()).isEqualTo(new TokenStanding.Expired(7));
        assertThat(store.status(waitingInOne, T0.plusSeconds(1)).state()).isEqualTo(new TokenStanding.Waiting(7, 0));
    }

    @Test
    void anOpeningIsRefusedInThePastOnceOpenAndForARoomAlreadyServingFirstComeFirstServed() {
        RedisQueueStore store = store(redis, 5, CONCERT_1, OPENS_AT);
        join(store, CONCERT_1, 1, 3, T0);
        assertThat(store.change(CONCERT_1, OPERATOR, "SET_OPENS_AT", Map.of("opensAt",
                Long.toString(T0.toEpochMilli())), T0).outcome()).isEqualTo(ChangeOutcome.OPENS_AT_NOT_IN_FUTURE);
        store.open(CONCERT_1, OPENS_AT, 7);
        assertThat(store.change(CONCERT_1, OPERATOR, "SET_OPENS_AT", Map.of("opensAt",
                Long.toString(OPENS_AT.plusSeconds(600).toEpochMilli())), OPENS_AT).outcome())
                .isEqualTo(ChangeOutcome.ALREADY_OPEN);

        join(store, CONCERT_2, 1, 1, T0);
        assertThat(store.change(CONCERT_2, OPERATOR, "SET_OPENS_AT", Map.of("opensAt",
                Long.toString(OPENS_AT.toEpochMilli())), T0).outcome()).isEqualTo(ChangeOutcome.ROOM_IN_USE);
        assertThat(store.audit(CONCERT_1)).isEmpty();
        assertThat(store.audit(CONCERT_2)).isEmpty();
    }

    @Test
    void anOpeningConfiguredForARoomAlreadyInUseIsNotApplied() {
        join(store(redis, 5, CONCERT_1, null), CONCERT_1, 1, 3, T0); // served first come, first served
        RedisQueueStore configuredLater = store(redis, 5, CONCERT_1, OPENS_AT);

        QueueToken late = configuredLater.issue(CONCERT_1, 4, QueueToken.generate(RANDOM), T0).token();

        assertThat(configuredLater.status(late, T0).state()).isEqualTo(new TokenStanding.Waiting(4, 3));
        assertThat(configuredLater.open(CONCERT_1, OPENS_AT, 42).outcome()).isEqualTo(OpeningOutcome.NOT_SCHEDULED);
        assertThat(configuredLater.tick(CONCERT_1, T0, false).admitted()).isEqualTo(4);
    }

    @Test
    void everyChangeIsAuditedOnceWithBeforeAndAfter() {
        RedisQueueStore store = store(redis, 100, CONCERT_1, null);
        store.change(CONCERT_1, OPERATOR, "SET_LIMITS", Map.of("capacity", "300", "intervalMs", "2000"), T0);
        store.change(CONCERT_1, OPERATOR + 1, "PAUSE", Map.of("paused", "1"), T0.plusSeconds(1));

        assertThat(store.audit(CONCERT_1)).containsExactly(
                new RoomChange(T0, OPERATOR, "SET_LIMITS",
                        new RoomChange.Settings(100, Duration.ofSeconds(5), null, null),
                        new RoomChange.Settings(300, Duration.ofSeconds(2), null, null)),
                new RoomChange(T0.plusSeconds(1), OPERATOR + 1, "PAUSE",
                        new RoomChange.Settings(null, null, false, null),
                        new RoomChange.Settings(null, null, true, null)));
    }

    @Test
    void aFirstOpeningIsAuditedAsNoOpeningBefore() {
        RedisQueueStore store = store(redis, 100, CONCERT_2, null);
        Instant opensAt = T0.plusSeconds(600);

        RoomChange entry = store.change(CONCERT_2, OPERATOR, "SET_OPENS_AT",
                Map.of("opensAt", Long.toString(opensAt.toEpochMilli())), T0).entry();

        assertThat(entry.before().opensAt()).isEmpty();
        assertThat(entry.after().opensAt()).contains(opensAt);
        assertThat(store.audit(CONCERT_2)).containsExactly(entry);
    }

    /**
     * The issue's "capacity 100 -> 300 admits the extra 200 at the next tick", with two real schedulers (the
     * production {@link AdmissionScheduler}, each with its own QueueService, store and Redis connection) ticking on
     * the wall clock every 20 ms while the room's rounds come every 300 ms on Redis's clock.
     */
    @Test
    void capacityRaisedLiveAdmitsTheExtraAtTheNextRoundWhileTwoSchedulersTick() throws Exception {
        RoundLog rounds = new RoundLog();
        Instant now = Instant.now();
        List<QueueToken> tokens = join(store(redis, 100, CONCERT_1, null), CONCERT_1, 1, 1000, now);
        store(redis, 100, CONCERT_1, null).change(CONCERT_1, OPERATOR, "SET_LIMITS", Map.of("intervalMs", "300"), now);
        try (TwoSchedulers schedulers = new TwoSchedulers(rounds, 100)) {
            rounds.awaitActive(100);
            rounds.awaitRoundsAfter(rounds.size(), 3); // capacity holds with both instances ticking
            assertThat(rounds.activeNow()).isEqualTo(100);

            int before = rounds.size();
            schedulers.store.change(CONCERT_1, OPERATOR, "SET_LIMITS", Map.of("capacity", "300"), Instant.now());
            rounds.awaitActive(300);

            TickResult next = rounds.nextAdmittingAfter(before);
            assertThat(next.admitted()).as("the first round after the change").isEqualTo(200);
            assertThat(next.active()).isEqualTo(300);
            rounds.awaitRoundsAfter(rounds.size(), 2);
            assertThat(rounds.activeNow()).isEqualTo(300);
            assertThat(rounds.admittedInTotal()).isEqualTo(300);
            assertThat(rounds.instancesThatRan()).as("rounds run by each instance").containsOnlyKeys(0, 1);
        }
        RedisQueueStore store = store(redis, 100, CONCERT_1, null);
        assertThat(store.status(tokens.get(299), Instant.now()).state()).isInstanceOf(TokenStanding.Active.class);
        assertThat(store.status(tokens.get(300), Instant.now()).state()).isEqualTo(new TokenStanding.Waiting(301, 0));
    }

    /** Pause: zero admissions over three rounds (more room made meanwhile); resume: the next ones in line order. */
    @Test
    void pauseAdmitsNobodyOverThreeRoundsAndResumeContinuesInOrderWhileTwoSchedulersTick() throws Exception {
        RoundLog rounds = new RoundLog();
        Instant now = Instant.now();
        RedisQueueStore store = store(redis, 10, CONCERT_1, null);
        List<QueueToken> tokens = join(store, CONCERT_1, 1, 40, now);
        store.change(CONCERT_1, OPERATOR, "SET_LIMITS", Map.of("intervalMs", "300"), now);
        try (TwoSchedulers schedulers = new TwoSchedulers(rounds, 10)) {
            rounds.awaitActive(10);
            schedulers.store.change(CONCERT_1, OPERATOR, "PAUSE", Map.of("paused", "1"), Instant.now());
            int paused = rounds.size();
            schedulers.store.change(CONCERT_1, OPERATOR, "SET_LIMITS", Map.of("capacity", "20"), Instant.now());
            rounds.awaitRoundsAfter(paused, 3);
            assertThat(rounds.since(paused)).hasSizeGreaterThanOrEqualTo(3)
                    .allSatisfy(round -> assertThat(round.admitted()).isZero());
            assertThat(rounds.activeNow()).isEqualTo(10);

            int resumed = rounds.size();
            schedulers.store.change(CONCERT_1, OPERATOR, "RESUME", Map.of("paused", "0"), Instant.now());
            rounds.awaitActive(20);
            assertThat(rounds.nextAdmittingAfter(resumed).admitted()).isEqualTo(10);
        }
        for (int i = 0; i < 40; i++) {
            TokenStanding state = store.status(tokens.get(i), Instant.now()).state();
            assertThat(state).as("arrival %d", i).isInstanceOf(i < 20 ? TokenStanding.Active.class
                    : TokenStanding.Waiting.class);
        }
        assertThat(store.status(tokens.get(20), Instant.now()).state()).isEqualTo(new TokenStanding.Waiting(21, 0));
    }

    /** The rounds that ran, as the schedulers' stores answered them, from either instance. */
    private static final class RoundLog {
        private final List<TickResult> ran = new ArrayList<>();
        private final Map<Integer, Integer> byInstance = new java.util.TreeMap<>();

        synchronized void record(int instance, TickResult result) {
            if (result.ran()) {
                ran.add(result);
                byInstance.merge(instance, 1, Integer::sum);
            }
        }

        synchronized int size() {
            return ran.size();
        }

        synchronized List<TickResult> since(int index) {
            return List.copyOf(ran.subList(index, ran.size()));
        }

        /**
         * The first round after {@code index} that admitted anyone. At most one round may come before it: the one
         * that ran in Redis just before the change but was recorded after {@code index} was read.
         */
        synchronized TickResult nextAdmittingAfter(int index) {
            List<TickResult> after = ran.subList(index, ran.size());
            int first = 0;
            while (first < after.size() && after.get(first).admitted() == 0) {
                first++;
            }
            assertThat(first).as("rounds after %d: %s", index, after).isLessThan(after.size()).isLessThanOrEqualTo(1);
            return after.get(first);
        }

        synchronized long activeNow() {
            return ran.isEmpty() ? 0 : ran.getLast().active();
        }

        synchronized long admittedInTotal() {
            return ran.stream().mapToLong(TickResult::admitted).sum();
        }

        synchronized Map<Integer, Integer> instancesThatRan() {
            return Map.copyOf(byInstance);
        }

        void awaitActive(long active) {
            within10s("active " + active).until(() -> activeNow() == active);
        }

        void awaitRoundsAfter(int index, int count) {
            within10s(count + " rounds").until(() -> size() >= index + count);
        }

        private static org.awaitility.core.ConditionFactory within10s(String what) {
            return org.awaitility.Awaitility.await(what).atMost(Duration.ofSeconds(10))
                    .pollInterval(Duration.ofMillis(10));
        }
    }

    /**
     * Two queue-service instances' schedulers (the production class) on connections of their own, each ticking
     * every 20 ms on a thread of its own, their rounds recorded in {@code rounds}. {@code store} is a third
     * instance's, for the operator's changes.
     */
    private final class TwoSchedulers implements AutoCloseable {
        final RedisQueueStore store;
        private final java.util.concurrent.ScheduledExecutorService threads =
                java.util.concurrent.Executors.newScheduledThreadPool(2);

        TwoSchedulers(RoundLog rounds, int capacity) {
            store = store(ownConnection(), capacity, CONCERT_1, null);
            for (int instance = 0; instance < 2; instance++) {
                int id = instance;
                RedisQueueStore own = store(ownConnection(), capacity, CONCERT_1, null);
                QueueStore recording = (QueueStore) java.lang.reflect.Proxy.newProxyInstance(
                        QueueStore.class.getClassLoader(), new Class<?>[] {QueueStore.class}, (proxy, method, args) -> {
                            Object result;
                            try {
                                result = method.invoke(own, args);
                            } catch (java.lang.reflect.InvocationTargetException e) {
                                throw e.getCause();
                            }
                            if (result instanceof TickResult tick) {
                                rounds.record(id, tick);
                            }
                            return result;
                        });
                QueueProperties properties = properties(capacity, Map.of());
                QueueService queue = new QueueService(recording, properties,
                        admission -> java.util.Optional.empty(), java.time.Clock.systemUTC());
                AdmissionScheduler scheduler = new AdmissionScheduler(queue, recording,
                        new io.micrometer.core.instrument.simple.SimpleMeterRegistry());
                threads.scheduleWithFixedDelay(scheduler::tick, 0, 20, java.util.concurrent.TimeUnit.MILLISECONDS);
            }
        }

        @Override
        public void close() throws InterruptedException {
            threads.shutdownNow();
            assertThat(threads.awaitTermination(5, java.util.concurrent.TimeUnit.SECONDS)).isTrue();
        }
    }

    /**
     * The next round of concert 1's room as the schedulers run it (keeping the room's interval), from whichever of
     * the two instances gets it: both ask until one of them runs it.
     */
    private static TickResult nextRound(RedisQueueStore instance, Instant at) {
        return org.awaitility.Awaitility.await("a round").atMost(Duration.ofSeconds(2))
                .pollInterval(Duration.ofMillis(10)).until(() -> instance.tick(CONCERT_1, at, true), TickResult::ran);
    }

    /** Users {@code from..to} join {@code room} one after another at {@code at}; their tokens in join order. */
    private static List<QueueToken> join(RedisQueueStore store, RoomId room, long from, long to, Instant at) {
        List<QueueToken> tokens = new ArrayList<>();
        for (long user = from; user <= to; user++) {
            tokens.add(store.issue(room, user, QueueToken.generate(RANDOM), at).token());
        }
        assertThat(new HashSet<>(tokens)).hasSize(tokens.size());
        return tokens;
    }

    /** Spearman's rank correlation of join order (the index) and position (ranks without ties on both sides). */
    private static double spearman(long[] positions) {
        int n = positions.length;
        double sumSquares = 0;
        for (int i = 0; i < n; i++) {
            double d = i - positions[i];
            sumSquares += d * d;
        }
        return 1 - 6 * sumSquares / ((double) n * ((double) n * n - 1));
    }

    private RedisQueueStore store(StringRedisTemplate template, int capacity, RoomId room, Instant opensAt) {
        Map<String, QueueProperties.RoomDefaults> rooms = opensAt == null ? Map.of()
                : Map.of(room.value(), new QueueProperties.RoomDefaults(null, null, null, opensAt));
        return new RedisQueueStore(template, properties(capacity, rooms), prefix);
    }

    private static QueueProperties properties(int capacity, Map<String, QueueProperties.RoomDefaults> rooms) {
        return new QueueProperties(capacity, Duration.ofSeconds(5), Duration.ofMinutes(10),
                Duration.ofHours(1), Duration.ofMinutes(5), Duration.ofDays(7), false, Duration.ofSeconds(1), true,
                rooms);
    }

    private StringRedisTemplate ownConnection() {
        LettuceConnectionFactory factory = new LettuceConnectionFactory(
                new RedisStandaloneConfiguration(redisHost, redisPort));
        factory.afterPropertiesSet();
        factory.start();
        extraConnections.add(factory);
        return new StringRedisTemplate(factory);
    }
}
