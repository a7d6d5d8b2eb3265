package dev.ticketing.payment.infrastructure.persistence;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.ticketing.events.PaymentCompleted;
import dev.ticketing.events.outbox.EventOutbox;
import dev.ticketing.payment.application.PaymentRepository;
import dev.ticketing.payment.application.ReservationViewRepository;
import dev.ticketing.payment.domain.Payment;
import dev.ticketing.payment.domain.PaymentStatus;
import dev.ticketing.payment.domain.ReservationView;
import dev.ticketing.testsupport.MicrosecondInstant;
import dev.ticketing.testsupport.NonUtcDefaultTimeZone;
import dev.ticketing.testsupport.RealInfrastructure;
import dev.ticketing.testsupport.TimeColumns;
import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.TimeZone;
import javax.sql.DataSource;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * What moving from JdbcClient to JPA must not change: instants to the microsecond, and a state change committing or
 * rolling back with its outbox row (JDBC, same connection). The JVM runs in UTC+9 here, so a time bound or read in the
 * JVM's zone instead of UTC would be nine hours off (docs/conventions.md, "Time columns").
 */
@SpringBootTest
@RealInfrastructure(kafka = true)
@ExtendWith(NonUtcDefaultTimeZone.class)
class JpaMappingTest {

    private static final Clock CLOCK = Clock.systemUTC();
    /** Whole seconds: the driver drops a bound value's fraction against MariaDB (MicrosecondInstant). */
    private static final Instant WHOLE_SECOND = MicrosecondInstant.VALUE.truncatedTo(ChronoUnit.SECONDS);
    private static final String WHOLE_SECOND_UTC = "2026-12-03 05:06:07.000000";

    @Autowired
    PaymentRepository payments;

    @Autowired
    ReservationViewRepository views;

    @Autowired
    EventOutbox outbox;

    @Autowired
    TransactionTemplate transaction;

    @Autowired
    JdbcClient jdbc;

    @Autowired
    DataSource dataSource;

    @Test
    void everyTimeColumnOfTheSchemaIsDatetime6() {
        // payment's own, the Idempotency-Key store's and common-events' outbox and inbox
        assertThat(TimeColumns.count(dataSource)).isEqualTo(17);
        assertThat(TimeColumns.notDatetime6(dataSource)).isEmpty();
    }

    /** Stored as SQL text: the driver would drop the fraction of a bound value (MicrosecondInstant). */
    @Test
    void anInstantWithMicrosecondsReadsBackUnchanged() {
        views.save(ReservationView.held(1, 7, 70, 500, MicrosecondInstant.VALUE), CLOCK.instant());
        jdbc.sql("UPDATE reservation_view SET hold_expires_at = ? WHERE reservation_id = 1")
                .param(MicrosecondInstant.SQL_TEXT).update();

        assertThat(views.find(1).orElseThrow().holdExpiresAt()).isEqualTo(MicrosecondInstant.VALUE);
    }

    /** As the JDBC code binds its times (a UTC LocalDateTime), whatever the JVM's zone. */
    @Test
    void anInstantIsStoredAsItsUtcWallTimeAndReadBackUnchanged() {
        assertThat(TimeZone.getDefault()).isEqualTo(NonUtcDefaultTimeZone.ZONE);
        ReservationView view = ReservationView.held(2, 7, 70, 500, WHOLE_SECOND);
        views.save(view, WHOLE_SECOND);
        Payment payment = payments.insertPending(view, WHOLE_SECOND).orElseThrow();

        assertThat(jdbc.sql("""
                        SELECT CONCAT_WS(' / ', CAST(hold_expires_at AS CHAR), CAST(updated_at AS CHAR))
                        FROM reservation_view WHERE reservation_id = 2""").query(String.class).single())
                .isEqualTo(WHOLE_SECOND_UTC + " / " + WHOLE_SECOND_UTC);
        assertThat(jdbc.sql("SELECT CAST(created_at AS CHAR) FROM payment WHERE id = ?").param(payment.id())
                .query(String.class).single()).isEqualTo(WHOLE_SECOND_UTC);
        assertThat(views.find(2).orElseThrow().holdExpiresAt()).isEqualTo(WHOLE_SECOND);
        assertThat(payments.findById(payment.id()).orElseThrow().createdAt()).isEqualTo(WHOLE_SECOND);
    }

    @Test
    void aPaymentCompletesWithItsOutboxRowOrNotAtAll() {
        Payment failing = pending(3);
        assertThatThrownBy(() -> transaction.executeWithoutResult(status -> {
            completeWithEvent(failing);
            throw new IllegalStateException("the use case fails after both writes");
        })).isInstanceOf(IllegalStateException.class);

        assertThat(payments.findById(failing.id()).orElseThrow().status()).isEqualTo(PaymentStatus.PENDING);
        assertThat(outboxRows(3)).isZero();

        transaction.executeWithoutResult(status -> completeWithEvent(failing));

        assertThat(payments.findById(failing.id()).orElseThrow().status()).isEqualTo(PaymentStatus.COMPLETED);
        assertThat(outboxRows(3)).isEqualTo(1);
    }

    private Payment pending(long reservationId) {
        return payments.insertPending(ReservationView.held(reservationId, 7, 70, 500, CLOCK.instant()),
                CLOCK.instant()).orElseThrow();
    }

    private void completeWithEvent(Payment payment) {
        assertThat(payments.complete(payment.id(), payment.attempt(), CLOCK.instant())).isTrue();
        outbox.add(PaymentCompleted.of(CLOCK, payment.id(), payment.reservationId(), payment.userId(),
                payment.seatId(), payment.amount(), 1L));
    }

    private long outboxRows(long reservationId) {
        return jdbc.sql("SELECT COUNT(*) FROM outbox_event WHERE message_key = ? AND event_type = ?")
                .params(Long.toString(reservationId), PaymentCompleted.TYPE).query(Long.class).single();
    }
}
