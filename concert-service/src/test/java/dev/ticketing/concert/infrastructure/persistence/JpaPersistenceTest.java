package dev.ticketing.concert.infrastructure.persistence;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.ticketing.concert.application.ReservationStore;
import dev.ticketing.concert.domain.Reservation;
import dev.ticketing.concert.domain.SeatToHold;
import dev.ticketing.concert.support.TestCatalog;
import dev.ticketing.concert.support.ConcertTestConfiguration;
import dev.ticketing.events.SeatReserved;
import dev.ticketing.events.outbox.EventOutbox;
import dev.ticketing.support.idempotency.IdempotencyStore;
import dev.ticketing.testsupport.NonUtcDefaultTimeZone;
import dev.ticketing.testsupport.RealInfrastructure;
import dev.ticketing.testsupport.TimeColumns;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.TimeZone;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Supplier;
import javax.sql.DataSource;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.context.annotation.Import;
import org.springframework.jdbc.core.ConnectionCallback;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.orm.jpa.JpaTransactionManager;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * What the move to JPA must not change: UTC instants to the microsecond, and JDBC writes in the JPA transaction. The
 * JVM runs in UTC+9 here, so a time bound or read in the JVM's zone instead of UTC would be nine hours off
 * (docs/conventions.md, "Time columns").
 */
@SpringBootTest(properties = "concert.release.enabled=false")
@RealInfrastructure(kafka = true)
@ExtendWith(NonUtcDefaultTimeZone.class)
@Import(ConcertTestConfiguration.class)
class JpaPersistenceTest {

    private static final AtomicLong USER_IDS = new AtomicLong(7_000_000);
    private static final Instant HELD_AT = Instant.parse("2027-01-02T03:04:05.123456Z");
    private static final Duration HOLD = Duration.ofMinutes(5);
    private static final Instant EXPIRES_AT = HELD_AT.plus(HOLD);
    private static final Duration MICROSECOND = Duration.ofNanos(1_000);
    private static final DateTimeFormatter WALL_TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss.SSSSSS");

    @Autowired
    ReservationStore store;
    @Autowired
    EventOutbox outbox;
    @Autowired
    TestCatalog catalog;
    @Autowired
    JdbcTemplate jdbc;
    @Autowired
    Clock clock;
    @Autowired
    PlatformTransactionManager transactionManager;
    @Autowired
    IdempotencyStore idempotencyStore;
    @Autowired
    DataSource dataSource;

    @Test
    void everyTimeColumnOfTheSchemaIsDatetime6() {
        // concert's own, the Idempotency-Key store's and common-events' outbox and inbox
        assertThat(TimeColumns.count(dataSource)).isEqualTo(12);
        assertThat(TimeColumns.notDatetime6(dataSource)).isEmpty();
    }

    @Test
    void anInstantWithMicrosecondsRoundTripsUnchangedAsUtcWallTime() {
        assertThat(TimeZone.getDefault()).isEqualTo(NonUtcDefaultTimeZone.ZONE);
        long reservationId = hold(USER_IDS.incrementAndGet(), seatOf(catalog.concertWithSeats(1, 10_000)));

        // written as its UTC wall time, as Flyway's schema and the other readers of these rows expect
        assertThat(column("held_at", reservationId)).isEqualTo(utcWallTime(sentByDriver(HELD_AT)));
        assertThat(column("hold_expires_at", reservationId)).isEqualTo(utcWallTime(sentByDriver(EXPIRES_AT)));
        assertThat(store.find(reservationId)).map(Reservation::holdExpiresAt).contains(sentByDriver(EXPIRES_AT));

        // whatever the driver sends, a DATETIME(6) with microseconds is read back to the microsecond
        jdbc.update("UPDATE reservation SET hold_expires_at = ? WHERE id = ?", utcWallTime(EXPIRES_AT), reservationId);
        assertThat(store.find(reservationId)).map(Reservation::holdExpiresAt).contains(EXPIRES_AT);
    }

    @Test
    void theIdempotencyKeyStoreWritesAndReadsItsTimesAsUtcWallTime() {
        Instant leaseUntil = HELD_AT.plusSeconds(30);
        Instant expiresAt = HELD_AT.plus(Duration.ofDays(1));

        assertThat(idempotencyStore.insert(7, "utc-key", "f".repeat(64), "owner-1", leaseUntil, HELD_AT, expiresAt))
                .isTrue();

        assertThat(jdbc.queryForObject("""
                        SELECT CONCAT_WS(' / ', CAST(lease_until AS CHAR), CAST(created_at AS CHAR),
                                         CAST(expires_at AS CHAR))
                        FROM idempotent_request WHERE user_id = 7 AND idempotency_key = 'utc-key'""", String.class))
                .isEqualTo(utcWallTime(sentByDriver(leaseUntil)) + " / " + utcWallTime(sentByDriver(HELD_AT)) + " / "
                        + utcWallTime(sentByDriver(expiresAt)));
        IdempotencyStore.Entry entry = idempotencyStore.find(7, "utc-key").orElseThrow();
        assertThat(entry.leaseUntil()).isEqualTo(sentByDriver(leaseUntil));
        assertThat(entry.expiresAt()).isEqualTo(sentByDriver(expiresAt));
    }

    @Test
    void aHoldExpiresAtItsExpiry() {
        long userId = USER_IDS.incrementAndGet();
        // earlier than every other test's holds, so the counts over all users see this one alone
        Instant expiresAt = EXPIRES_AT.minus(Duration.ofDays(1));
        long reservationId = hold(userId, seatOf(catalog.concertWithSeats(1, 10_000)), expiresAt);
        Instant expiry = sentByDriver(expiresAt);
        Duration step = sentByDriver(HELD_AT).equals(HELD_AT) ? MICROSECOND : Duration.ofSeconds(1);

        assertThat(store.countLiveHolds(userId, expiry.minus(step))).isEqualTo(1);
        assertThat(store.countLiveHolds(userId, expiry)).isZero();
        assertThat(store.countHeldExpiredBefore(expiry)).isZero();
        assertThat(store.countHeldExpiredBefore(expiry.plus(step))).isEqualTo(1);
        assertThat(inTransaction(() -> store.lockExpiredHolds(expiry.minus(step), 100))).extracting(Reservation::id)
                .doesNotContain(reservationId);
        assertThat(inTransaction(() -> store.lockExpiredHolds(expiry, 100))).extracting(Reservation::id)
                .contains(reservationId);
    }

    @Test
    void aHoldRolledBackLeavesNoSeatReservationOrOutboxRow() {
        assertThat(transactionManager).isInstanceOf(JpaTransactionManager.class);
        TestCatalog.Date date = catalog.concertWithSeats(1, 10_000);
        SeatToHold seat = seatOf(date);
        long userId = USER_IDS.incrementAndGet();
        long outboxBefore = outboxRows();

        assertThatThrownBy(() -> new TransactionTemplate(transactionManager).executeWithoutResult(status -> {
            assertThat(store.markSeatHeld(seat.seatId(), seat.dateId())).isTrue();
            long reservationId = store.insertHold(userId, List.of(seat), HELD_AT, EXPIRES_AT);
            outbox.add(SeatReserved.of(clock, reservationId, userId, seat.concertId(), seat.dateId(), seat.seatId(),
                    seat.seatNumber(), seat.price(), EXPIRES_AT));
            // JdbcTemplate reads on the JPA transaction's connection: it sees the uncommitted rows of both
            assertThat(jdbc.queryForObject("SELECT COUNT(*) FROM reservation WHERE id = ?", Long.class,
                    reservationId)).isEqualTo(1);
            assertThat(outboxRows()).isEqualTo(outboxBefore + 1);
            throw new IllegalStateException("the hold fails after its seat, reservation and event were written");
        })).hasMessageContaining("the hold fails");

        assertThat(catalog.seatStatus(seat.seatId())).isEqualTo("AVAILABLE");
        assertThat(catalog.seatHolder(seat.seatId())).isNull();
        assertThat(jdbc.queryForObject("SELECT COUNT(*) FROM reservation WHERE user_id = ?", Long.class, userId))
                .isZero();
        assertThat(jdbc.queryForObject("SELECT COUNT(*) FROM reservation_seat WHERE seat_id = ?", Long.class,
                seat.seatId())).isZero();
        assertThat(outboxRows()).isEqualTo(outboxBefore);
    }

    private long hold(long userId, SeatToHold seat) {
        return hold(userId, seat, EXPIRES_AT);
    }

    private long hold(long userId, SeatToHold seat, Instant expiresAt) {
        return inTransaction(() -> {
            assertThat(store.markSeatHeld(seat.seatId(), seat.dateId())).isTrue();
            return store.insertHold(userId, List.of(seat), expiresAt.minus(HOLD), expiresAt);
        });
    }

    private SeatToHold seatOf(TestCatalog.Date date) {
        return store.seatToHold(date.seatIds().getFirst()).orElseThrow();
    }

    /**
     * The instant as the driver stores it: Connector/J sends no fractional seconds to a server that reports itself as
     * 5.5.5 (MariaDB 10.x: "5.5.5-10.11..."), with JdbcClient as with Hibernate; MySQL 8 keeps the microseconds.
     */
    private Instant sentByDriver(Instant instant) {
        String version = jdbc.execute((ConnectionCallback<String>) c -> c.getMetaData().getDatabaseProductVersion());
        return version.startsWith("5.5.5-") ? instant.truncatedTo(ChronoUnit.SECONDS) : instant;
    }

    private static String utcWallTime(Instant instant) {
        return WALL_TIME.format(LocalDateTime.ofInstant(instant, ZoneOffset.UTC));
    }

    private String column(String name, long reservationId) {
        return jdbc.queryForObject("SELECT CAST(" + name + " AS CHAR) FROM reservation WHERE id = ?", String.class,
                reservationId);
    }

    private long outboxRows() {
        return jdbc.queryForObject("SELECT COUNT(*) FROM outbox_event", Long.class);
    }

    private <T> T inTransaction(Supplier<T> work) {
        return new TransactionTemplate(transactionManager).execute(status -> work.get());
    }
}
