package dev.ticketing.queue.infrastructure;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.ticketing.queue.CleanRedis;
import dev.ticketing.queue.RedisOnly;
import dev.ticketing.queue.application.QueueProperties;
import dev.ticketing.queue.application.QueueStore.IssueOutcome;
import dev.ticketing.queue.application.QueueStore.PaymentExpiry;
import dev.ticketing.queue.application.QueueStore.TickResult;
import dev.ticketing.queue.domain.QueueToken;
import dev.ticketing.queue.domain.RoomId;
import dev.ticketing.queue.domain.TokenStanding;
import dev.ticketing.testsupport.Race;
import dev.ticketing.testsupport.RealInfrastructure;
import java.security.SecureRandom;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicLongArray;
import java.util.stream.Collectors;
import java.util.stream.LongStream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInfo;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.data.redis.connection.Message;
import org.springframework.data.redis.connection.MessageListener;
import org.springframework.data.redis.connection.RedisStandaloneConfiguration;
import org.springframework.data.redis.connection.SubscriptionListener;
import org.springframework.data.redis.connection.lettuce.LettuceConnectionFactory;
import org.springframework.data.redis.core.StringRedisTemplate;

/**
 * The Redis scripts against the real server. Each test builds its stores on a key prefix of its own (under the
 * class's prefix), with the capacity and lifetimes it needs; time is passed in, so nothing sleeps.
 */
@SpringBootTest(properties = {RedisOnly.NO_SCHEDULER, RedisOnly.NO_PAYMENT_LISTENER, RedisOnly.NO_TOPIC_CREATION})
@RealInfrastructure(database = false)
class WaitingRoomStoreTest {

    private static final SecureRandom RANDOM = new SecureRandom();
    private static final Instant T0 = Instant.parse("2026-03-01T10:00:00Z");
    private static final Duration ACTIVE_TTL = Duration.ofMinutes(10);

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
    void thousandConcurrentArrivalsAreAdmittedStrictlyInArrivalOrder() {
        RedisQueueStore store = store(redis, 100, ACTIVE_TTL);

        List<Race.Outcome<IssueOutcome>> outcomes = Race.run(1000,
                i -> () -> store.issue(RoomId.DEFAULT, i + 1, QueueToken.generate(RANDOM), T0));

        assertThat(outcomes).allMatch(Race.Outcome::succeeded);
        List<IssueOutcome> issued = outcomes.stream().map(Race.Outcome::value).toList();
        assertThat(issued).allMatch(IssueOutcome::newlyIssued);
        // positions at issue time are the arrival order: 0..999, each exactly once
        List<Long> arrival = issued.stream().map(o -> ((TokenStanding.Waiting) o.state()).position()).sorted().toList();
        assertThat(arrival).containsExactlyElementsOf(LongStream.range(0, 1000).boxed().toList());

        TickResult tick = store.tick(RoomId.DEFAULT, T0.plusSeconds(5), false);

        assertThat(tick.admitted()).isEqualTo(100);
        assertThat(tick.active()).isEqualTo(100);
        assertThat(tick.waiting()).isEqualTo(900);
        List<Long> waitingPositions = new ArrayList<>();
        for (IssueOutcome outcome : issued) {
            long arrivedAs = ((TokenStanding.Waiting) outcome.state()).position();
            TokenStanding now = store.status(outcome.token(), T0.plusSeconds(6)).state();
            if (arrivedAs < 100) {
                assertThat(now).as("arrival %d", arrivedAs)
                        .isEqualTo(new TokenStanding.Active(((TokenStanding.Waiting) outcome.state()).userId(),
                                T0.plusSeconds(5).plus(ACTIVE_TTL), TokenStanding.DEFAULT_ROOM));
            } else {
                assertThat(now).as("arrival %d", arrivedAs).isInstanceOf(TokenStanding.Waiting.class);
                long position = ((TokenStanding.Waiting) now).position();
                assertThat(position).as("arrival %d keeps its order", arrivedAs).isEqualTo(arrivedAs - 100);
                waitingPositions.add(position);
            }
        }
        waitingPositions.sort(Comparator.naturalOrder());
        assertThat(waitingPositions).containsExactlyElementsOf(LongStream.range(0, 900).boxed().toList());
    }

    @Test
    void userAskingManyTimesAtOnceGetsOnePlace() {
        RedisQueueStore store = store(redis, 100, ACTIVE_TTL);
        store.issue(RoomId.DEFAULT, 1, QueueToken.generate(RANDOM), T0);

        List<Race.Outcome<IssueOutcome>> outcomes = Race.run(50,
                i -> () -> store.issue(RoomId.DEFAULT, 7, QueueToken.generate(RANDOM), T0));

        Set<QueueToken> tokens = outcomes.stream().map(o -> o.value().token()).collect(Collectors.toSet());
        assertThat(tokens).hasSize(1);
        assertThat(outcomes.stream().filter(o -> o.value().newlyIssued())).hasSize(1);
        assertThat(outcomes).allMatch(o -> o.value().state().equals(new TokenStanding.Waiting(7, 1)));
        assertThat(redis.opsForZSet().zCard(prefix + "waiting")).isEqualTo(2);
    }

    @Test
    void admittedUserAskingAgainGetsTheActiveTokenBack() {
        RedisQueueStore store = store(redis, 1, ACTIVE_TTL);
        QueueToken token = store.issue(RoomId.DEFAULT, 7, QueueToken.generate(RANDOM), T0).token();
        store.tick(RoomId.DEFAULT, T0, false);

        IssueOutcome again = store.issue(RoomId.DEFAULT, 7, QueueToken.generate(RANDOM), T0.plusSeconds(1));

        assertThat(again.token()).isEqualTo(token);
        assertThat(again.newlyIssued()).isFalse();
        assertThat(again.state())
                .isEqualTo(new TokenStanding.Active(7, T0.plus(ACTIVE_TTL), TokenStanding.DEFAULT_ROOM));
    }

    @Test
    void activeTokensPastTheirLifetimeMakeRoomForTheNextInLine() {
        RedisQueueStore store = store(redis, 2, ACTIVE_TTL);
        List<QueueToken> tokens = issueUsersUpTo(store, 4);
        store.tick(RoomId.DEFAULT, T0, false);

        TickResult justBefore = store.tick(RoomId.DEFAULT, T0.plus(ACTIVE_TTL).minusMillis(1), false);
        assertThat(justBefore.expired()).isZero();
        assertThat(justBefore.admitted()).isZero();

        Instant expiry = T0.plus(ACTIVE_TTL);
        TickResult atExpiry = store.tick(RoomId.DEFAULT, expiry, false);

        assertThat(atExpiry.expired()).isEqualTo(2);
        assertThat(atExpiry.admitted()).isEqualTo(2);
        assertThat(store.status(tokens.get(0), expiry).state()).isEqualTo(new TokenStanding.Expired(1));
        assertThat(store.status(tokens.get(1), expiry).state()).isEqualTo(new TokenStanding.Expired(2));
        assertThat(store.status(tokens.get(2), expiry).state()).isEqualTo(new TokenStanding.Active(3, expiry.plus(ACTIVE_TTL), TokenStanding.DEFAULT_ROOM));
        assertThat(store.status(tokens.get(3), expiry).state()).isEqualTo(new TokenStanding.Active(4, expiry.plus(ACTIVE_TTL), TokenStanding.DEFAULT_ROOM));
        // the expired user is free to queue again, at the end of the line
        IssueOutcome comeback = store.issue(RoomId.DEFAULT, 1, QueueToken.generate(RANDOM), expiry);
        assertThat(comeback.newlyIssued()).isTrue();
        assertThat(comeback.token()).isNotEqualTo(tokens.get(0));
        assertThat(comeback.state()).isEqualTo(new TokenStanding.Waiting(1, 0));
    }

    @Test
    void expiredTokenIsRememberedOnlyForTheTombstoneLifetime() {
        RedisQueueStore store = store(redis, 1, ACTIVE_TTL);
        QueueToken token = store.issue(RoomId.DEFAULT, 1, QueueToken.generate(RANDOM), T0).token();
        store.tick(RoomId.DEFAULT, T0, false);
        store.tick(RoomId.DEFAULT, T0.plus(ACTIVE_TTL), false);

        Long ttl = redis.getExpire(prefix + "expired:" + token.value(), TimeUnit.MILLISECONDS);

        assertThat(ttl).isBetween(1L, Duration.ofHours(1).toMillis());
        assertThat(redis.hasKey(prefix + "token:" + token.value())).isFalse();
        assertThat(redis.hasKey(prefix + "user:1")).isFalse();
    }

    @Test
    void paymentExpiresTheTokenAtOnceAndFreesThePlace() {
        RedisQueueStore store = store(redis, 1, ACTIVE_TTL);
        QueueToken payer = store.issue(RoomId.DEFAULT, 1, QueueToken.generate(RANDOM), T0).token();
        QueueToken next = store.issue(RoomId.DEFAULT, 2, QueueToken.generate(RANDOM), T0).token();
        store.tick(RoomId.DEFAULT, T0, false);

        PaymentExpiry outcome = store.expireOnPayment(UUID.randomUUID(), RoomId.DEFAULT, 1, T0.plusSeconds(30), T0.plusSeconds(30));

        assertThat(outcome).isEqualTo(PaymentExpiry.EXPIRED);
        assertThat(store.status(payer, T0.plusSeconds(31)).state()).isEqualTo(new TokenStanding.Expired(1));
        assertThat(store.tick(RoomId.DEFAULT, T0.plusSeconds(35), false).admitted()).isEqualTo(1);
        assertThat(store.status(next, T0.plusSeconds(35)).state()).isInstanceOf(TokenStanding.Active.class);
    }

    @Test
    void paymentRevokesTheAdmissionInTheSetAndOnTheChannel() throws Exception {
        RedisQueueStore store = store(redis, 1, ACTIVE_TTL);
        QueueToken payer = store.issue(RoomId.DEFAULT, 1, QueueToken.generate(RANDOM), T0).token();
        QueueToken waiting = store.issue(RoomId.DEFAULT, 2, QueueToken.generate(RANDOM), T0).token();
        store.tick(RoomId.DEFAULT, T0, false);
        String revoked = store.keys().admissionRevoked();
        java.util.concurrent.BlockingQueue<String> announced = new java.util.concurrent.LinkedBlockingQueue<>();
        CountDownLatch subscribed = new CountDownLatch(1);
        var subscription = redis.getConnectionFactory().getConnection();
        try {
            subscription.subscribe(new Announcements(announced, subscribed), revoked.getBytes());
            assertThat(subscribed.await(5, TimeUnit.SECONDS)).as("subscribed to " + revoked).isTrue();

            store.expireOnPayment(UUID.randomUUID(), RoomId.DEFAULT, 1, T0.plusSeconds(30), T0.plusSeconds(30));
            // a waiting user who pays (for an earlier visit's hold) had no admission: nothing is revoked
            store.expireOnPayment(UUID.randomUUID(), RoomId.DEFAULT, 2, T0.plusSeconds(31), T0.plusSeconds(31));

            long admittedUntil = T0.plus(ACTIVE_TTL).toEpochMilli();
            assertThat(redis.opsForZSet().score(revoked, payer.admissionId())).isEqualTo((double) admittedUntil);
            assertThat(redis.opsForZSet().score(revoked, waiting.admissionId())).isNull();
            assertThat(announced.poll(5, TimeUnit.SECONDS))
                    .isEqualTo(payer.admissionId() + " " + admittedUntil);
            assertThat(announced.poll(300, TimeUnit.MILLISECONDS)).isNull();
        } finally {
            subscription.close();
        }
    }

    /** What arrives on a channel, once Redis confirmed the subscription. */
    private record Announcements(java.util.Queue<String> received, CountDownLatch subscribed)
            implements MessageListener, SubscriptionListener {

        @Override
        public void onMessage(Message message, byte[] pattern) {
            received.add(new String(message.getBody()));
        }

        @Override
        public void onChannelSubscribed(byte[] channel, long count) {
            subscribed.countDown();
        }
    }

    @Test
    void replayedPaymentEventChangesNothing() {
        RedisQueueStore store = store(redis, 1, ACTIVE_TTL);
        store.issue(RoomId.DEFAULT, 1, QueueToken.generate(RANDOM), T0);
        store.tick(RoomId.DEFAULT, T0, false);
        UUID eventId = UUID.randomUUID();
        store.expireOnPayment(eventId, RoomId.DEFAULT, 1, T0.plusSeconds(30), T0.plusSeconds(30));
        // the user comes back for another concert: a new visit the old event must not end
        QueueToken newVisit = store.issue(RoomId.DEFAULT, 1, QueueToken.generate(RANDOM), T0.plusSeconds(40)).token();

        PaymentExpiry replay = store.expireOnPayment(eventId, RoomId.DEFAULT, 1, T0.plusSeconds(30), T0.plusSeconds(30));

        assertThat(replay).isEqualTo(PaymentExpiry.DUPLICATE);
        assertThat(store.status(newVisit, T0.plusSeconds(41)).state()).isEqualTo(new TokenStanding.Waiting(1, 0));
    }

    @Test
    void paymentOlderThanTheTokenDoesNotEndTheNewVisit() {
        RedisQueueStore store = store(redis, 1, ACTIVE_TTL);
        QueueToken newVisit = store.issue(RoomId.DEFAULT, 1, QueueToken.generate(RANDOM), T0.plusSeconds(60)).token();

        // a different event id: e.g. redelivered after its id was forgotten
        PaymentExpiry outcome = store.expireOnPayment(UUID.randomUUID(), RoomId.DEFAULT, 1, T0, T0);

        assertThat(outcome).isEqualTo(PaymentExpiry.TOKEN_NEWER_THAN_PAYMENT);
        assertThat(store.status(newVisit, T0.plusSeconds(61)).state()).isEqualTo(new TokenStanding.Waiting(1, 0));
    }

    @Test
    void paymentOfUserWithoutTokenIsRecordedAndIgnored() {
        RedisQueueStore store = store(redis, 1, ACTIVE_TTL);

        assertThat(store.expireOnPayment(UUID.randomUUID(), RoomId.DEFAULT, 99, T0, T0)).isEqualTo(PaymentExpiry.NO_LIVE_TOKEN);
    }

    @Test
    void admissionsOfTheRateWindowFeedTheWaitEstimate() {
        RedisQueueStore store = store(redis, 3, ACTIVE_TTL);
        List<QueueToken> tokens = issueUsersUpTo(store, 5);
        assertThat(store.status(tokens.get(4), T0).admittedRecently()).isZero();

        store.tick(RoomId.DEFAULT, T0, false);
        assertThat(store.status(tokens.get(4), T0).admittedRecently()).isEqualTo(3);

        // five minutes later those admissions are out of the window
        assertThat(store.tick(RoomId.DEFAULT, T0.plus(Duration.ofMinutes(5)).plusSeconds(10), false).admittedRecently()).isZero();
        assertThat(store.status(tokens.get(4), T0.plus(Duration.ofMinutes(5))).admittedRecently()).isZero();
    }

    @Test
    void waitingAnswersCountTheActiveTokensNotYetPastTheirExpiry() {
        RedisQueueStore store = store(redis, 3, ACTIVE_TTL);
        List<QueueToken> tokens = issueUsersUpTo(store, 4);
        assertThat(store.status(tokens.get(3), T0).activeNow()).isZero();

        store.tick(RoomId.DEFAULT, T0, false);
        assertThat(store.status(tokens.get(3), T0).activeNow()).isEqualTo(3);
        assertThat(store.issue(RoomId.DEFAULT, 4, QueueToken.generate(RANDOM), T0).activeNow()).isEqualTo(3);
        // past their expiry the three places are free, even before the next tick sweeps them
        Instant afterExpiry = T0.plus(ACTIVE_TTL).plusMillis(1);
        assertThat(store.status(tokens.get(3), afterExpiry).activeNow()).isZero();
        assertThat(store.issue(RoomId.DEFAULT, 5, QueueToken.generate(RANDOM), afterExpiry).activeNow()).isZero();
    }

    /**
     * Two instances, each on its own connection, tick as fast as they can while time moves on and tokens expire:
     * the active set never exceeds capacity, and whatever was admitted is exactly the oldest arrivals.
     */
    @Test
    void twoSchedulersRacingManyTicksNeverExceedCapacity() {
        int capacity = 10;
        int users = 400;
        Duration ttl = Duration.ofSeconds(20);
        RedisQueueStore instanceA = store(ownConnection(), capacity, ttl);
        RedisQueueStore instanceB = store(ownConnection(), capacity, ttl);
        List<QueueToken> arrivals = issueUsersUpTo(instanceA, users);
        AtomicLong clockMillis = new AtomicLong(T0.toEpochMilli());
        AtomicBoolean running = new AtomicBoolean(true);
        AtomicLong maxActiveSeen = new AtomicLong();
        AtomicLongArray ticksOf = new AtomicLongArray(2);

        List<Race.Outcome<Long>> outcomes = Race.run(3, i -> () -> {
            if (i == 2) { // time keeper and observer
                try {
                    for (int second = 0; second < 300; second++) {
                        clockMillis.addAndGet(1000);
                        maxActiveSeen.accumulateAndGet(redis.opsForZSet().zCard(prefix + "active"), Math::max);
                        // the next second comes once both instances have ticked in this one (an instance that
                        // failed stops ticking: then this wait fails too, and the race ends)
                        long a = ticksOf.get(0);
                        long b = ticksOf.get(1);
                        await().atMost(Duration.ofSeconds(5)).pollDelay(Duration.ZERO)
                                .pollInterval(Duration.ofMillis(1))
                                .until(() -> ticksOf.get(0) > a && ticksOf.get(1) > b);
                    }
                } finally {
                    running.set(false);
                }
                return 0L;
            }
            RedisQueueStore instance = i == 0 ? instanceA : instanceB;
            long admitted = 0;
            while (running.get()) {
                TickResult tick = instance.tick(RoomId.DEFAULT, Instant.ofEpochMilli(clockMillis.get()), false);
                assertThat(tick.active()).isLessThanOrEqualTo(capacity);
                maxActiveSeen.accumulateAndGet(tick.active(), Math::max);
                admitted += tick.admitted();
                ticksOf.incrementAndGet(i);
            }
            return admitted;
        });

        assertThat(outcomes).allMatch(Race.Outcome::succeeded);
        long admittedByBoth = outcomes.get(0).value() + outcomes.get(1).value();
        assertThat(maxActiveSeen.get()).isEqualTo(capacity);
        assertThat(admittedByBoth).isGreaterThan(capacity * 10L); // many generations went through
        Instant end = Instant.ofEpochMilli(clockMillis.get());
        // the admitted (active or expired) are exactly the earliest arrivals; the rest wait in their order
        for (int arrival = 0; arrival < users; arrival++) {
            TokenStanding state = instanceA.status(arrivals.get(arrival), end).state();
            if (arrival < admittedByBoth) {
                assertThat(state).as("arrival %d", arrival)
                        .isInstanceOfAny(TokenStanding.Active.class, TokenStanding.Expired.class);
            } else {
                assertThat(state).as("arrival %d", arrival)
                        .isEqualTo(new TokenStanding.Waiting(arrival + 1, arrival - admittedByBoth));
            }
        }
    }

    /** Users 1..{@code lastUser} take a place in line at T0, in that order; their tokens in arrival order. */
    private static List<QueueToken> issueUsersUpTo(RedisQueueStore store, long lastUser) {
        List<QueueToken> tokens = new ArrayList<>();
        for (long user = 1; user <= lastUser; user++) {
            tokens.add(store.issue(RoomId.DEFAULT, user, QueueToken.generate(RANDOM), T0).token());
        }
        return tokens;
    }

    private RedisQueueStore store(StringRedisTemplate template, int capacity, Duration activeTtl) {
        QueueProperties properties = new QueueProperties(capacity, Duration.ofSeconds(5), activeTtl,
                Duration.ofHours(1), Duration.ofMinutes(5), Duration.ofDays(7), false,
                Duration.ofSeconds(1), true, null);
        return new RedisQueueStore(template, properties, prefix);
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
