package dev.ticketing.concert.infrastructure;

import dev.ticketing.concert.application.ReservationStore;
import dev.ticketing.concert.domain.Reservation;
import dev.ticketing.concert.domain.ReservationStatus;
import dev.ticketing.concert.domain.SeatToHold;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.LocalDateTime;
import java.util.List;
import java.util.Optional;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.support.GeneratedKeyHolder;
import org.springframework.jdbc.support.KeyHolder;
import org.springframework.stereotype.Repository;
import org.springframework.transaction.support.TransactionSynchronizationManager;
import org.springframework.util.Assert;

@Repository
class JdbcReservationStore implements ReservationStore {

    private static final String RESERVATION_COLUMNS = """
            id, user_id, concert_id, concert_date_id, seat_id, seat_number, price, status, hold_expires_at,
            payment_id""";

    private final JdbcClient jdbc;

    JdbcReservationStore(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    @Override
    public Optional<SeatToHold> seatToHold(long seatId) {
        return jdbc.sql("""
                        SELECT s.id, s.concert_date_id, d.concert_id, s.seat_number, s.price, d.starts_at
                        FROM seat s JOIN concert_date d ON d.id = s.concert_date_id
                        WHERE s.id = ?""")
                .param(seatId)
                .query((rs, i) -> new SeatToHold(rs.getLong("id"), rs.getLong("concert_date_id"),
                        rs.getLong("concert_id"), rs.getInt("seat_number"), rs.getLong("price"),
                        DbTime.fromDb(rs.getObject("starts_at", LocalDateTime.class))))
                .optional();
    }

    @Override
    public void ensureHoldGuardOf(long userId) {
        Assert.state(!TransactionSynchronizationManager.isActualTransactionActive(),
                "the hold guard row must be committed before the hold's transaction starts");
        boolean exists = jdbc.sql("SELECT COUNT(*) FROM user_hold_guard WHERE user_id = ?")
                .param(userId)
                .query(Integer.class)
                .single() > 0;
        if (!exists) {
            // autocommit: concurrent first holds of one user wait at most for this one-row commit, never in a cycle
            jdbc.sql("INSERT IGNORE INTO user_hold_guard (user_id) VALUES (?)").param(userId).update();
        }
    }

    @Override
    public void lockHoldsOf(long userId) {
        // The row exists and is committed (ensureHoldGuardOf): a primary-key SELECT ... FOR UPDATE takes one exclusive
        // record lock at once, no shared lock to upgrade and no gap lock, so the holds of one user queue, never deadlock.
        int locked = jdbc.sql("SELECT user_id FROM user_hold_guard WHERE user_id = ? FOR UPDATE")
                .param(userId)
                .query(Long.class)
                .list()
                .size();
        if (locked != 1) {
            throw new IllegalStateException("No hold guard row for user " + userId + ": ensureHoldGuardOf first");
        }
    }

    @Override
    public int countLiveHolds(long userId, Instant now) {
        return jdbc.sql("""
                        SELECT COUNT(*) FROM reservation
                        WHERE user_id = ? AND status = 'HELD' AND hold_expires_at > ?""")
                .params(userId, DbTime.toDb(now))
                .query(Integer.class)
                .single();
    }

    @Override
    public boolean markSeatHeld(long seatId, long dateId) {
        return jdbc.sql("""
                        UPDATE seat SET status = 'HELD'
                        WHERE id = ? AND concert_date_id = ? AND status = 'AVAILABLE'""")
                .params(seatId, dateId)
                .update() == 1;
    }

    @Override
    public long insertHold(long userId, SeatToHold seat, Instant heldAt, Instant holdExpiresAt) {
        KeyHolder key = new GeneratedKeyHolder();
        jdbc.sql("""
                        INSERT INTO reservation (user_id, concert_id, concert_date_id, seat_id, seat_number, price,
                                                 status, held_at, hold_expires_at)
                        VALUES (?, ?, ?, ?, ?, ?, 'HELD', ?, ?)""")
                .params(userId, seat.concertId(), seat.dateId(), seat.seatId(), seat.seatNumber(), seat.price(),
                        DbTime.toDb(heldAt), DbTime.toDb(holdExpiresAt))
                .update(key, "id");
        long reservationId = key.getKeyAs(Number.class).longValue();
        // The seat row is already locked by markSeatHeld in this transaction: linking it cannot race.
        int linked = jdbc.sql("UPDATE seat SET reservation_id = ? WHERE id = ? AND status = 'HELD'")
                .params(reservationId, seat.seatId())
                .update();
        if (linked != 1) {
            throw new IllegalStateException("Seat " + seat.seatId() + " is not held by this transaction");
        }
        return reservationId;
    }

    @Override
    public Optional<Reservation> find(long reservationId) {
        return reservationById(reservationId, "");
    }

    @Override
    public Optional<Reservation> lockForUpdate(long reservationId) {
        return reservationById(reservationId, " FOR UPDATE");
    }

    private Optional<Reservation> reservationById(long reservationId, String locking) {
        return jdbc.sql("SELECT " + RESERVATION_COLUMNS + " FROM reservation WHERE id = ?" + locking)
                .param(reservationId)
                .query(JdbcReservationStore::reservation)
                .optional();
    }

    @Override
    public List<Reservation> lockExpiredHolds(Instant now, int limit) {
        return jdbc.sql("SELECT " + RESERVATION_COLUMNS + """
                         FROM reservation
                        WHERE status = 'HELD' AND hold_expires_at <= ?
                        ORDER BY hold_expires_at
                        LIMIT ?
                        FOR UPDATE SKIP LOCKED""")
                .params(DbTime.toDb(now), limit)
                .query(JdbcReservationStore::reservation)
                .list();
    }

    @Override
    public long countHeldExpiredBefore(Instant cutoff) {
        // a range on ix_reservation_status_expiry: cheap enough for every metrics scrape
        return jdbc.sql("SELECT COUNT(*) FROM reservation WHERE status = 'HELD' AND hold_expires_at < ?")
                .param(DbTime.toDb(cutoff))
                .query(Long.class)
                .single();
    }

    @Override
    public boolean release(Reservation reservation, Instant now) {
        int released = jdbc.sql("""
                        UPDATE reservation SET status = 'RELEASED', released_at = ?
                        WHERE id = ? AND status = 'HELD'""")
                .params(DbTime.toDb(now), reservation.id())
                .update();
        if (released == 0) {
            return false;
        }
        requireOneSeat(jdbc.sql("""
                        UPDATE seat SET status = 'AVAILABLE', reservation_id = NULL
                        WHERE id = ? AND reservation_id = ? AND status = 'HELD'""")
                .params(reservation.seatId(), reservation.id())
                .update(), reservation, "release");
        return true;
    }

    @Override
    public boolean confirm(Reservation reservation, long paymentId, Instant now) {
        int confirmed = jdbc.sql("""
                        UPDATE reservation SET status = 'CONFIRMED', payment_id = ?, confirmed_at = ?
                        WHERE id = ? AND status = 'HELD'""")
                .params(paymentId, DbTime.toDb(now), reservation.id())
                .update();
        if (confirmed == 0) {
            return false;
        }
        requireOneSeat(jdbc.sql("""
                        UPDATE seat SET status = 'SOLD'
                        WHERE id = ? AND reservation_id = ? AND status = 'HELD'""")
                .params(reservation.seatId(), reservation.id())
                .update(), reservation, "sell");
        return true;
    }

    /** A HELD reservation whose seat is not held by it would be a broken invariant: roll everything back. */
    private static void requireOneSeat(int updated, Reservation reservation, String action) {
        if (updated != 1) {
            throw new IllegalStateException("Cannot " + action + " seat " + reservation.seatId() + ": it is not held"
                    + " by reservation " + reservation.id());
        }
    }

    private static Reservation reservation(ResultSet rs, int row) throws SQLException {
        return new Reservation(rs.getLong("id"), rs.getLong("user_id"), rs.getLong("concert_id"),
                rs.getLong("concert_date_id"), rs.getLong("seat_id"), rs.getInt("seat_number"), rs.getLong("price"),
                ReservationStatus.valueOf(rs.getString("status")),
                DbTime.fromDb(rs.getObject("hold_expires_at", LocalDateTime.class)),
                rs.getObject("payment_id", Long.class));
    }
}
