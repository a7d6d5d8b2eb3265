package dev.ticketing.concert.infrastructure;

import dev.ticketing.concert.application.ReservationStore;
import dev.ticketing.concert.domain.ReleaseReason;
import dev.ticketing.concert.domain.Reservation;
import dev.ticketing.concert.domain.ReservationStatus;
import dev.ticketing.concert.domain.ReservedSeat;
import dev.ticketing.concert.domain.SeatToHold;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;
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
            payment_id, seat_count, release_reason""";

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
    public List<SeatToHold> seatsToHold(List<Long> seatIds) {
        return jdbc.sql("""
                        SELECT s.id, s.concert_date_id, d.concert_id, s.seat_number, s.price, d.starts_at
                        FROM seat s JOIN concert_date d ON d.id = s.concert_date_id
                        WHERE s.id IN (:ids)
                        ORDER BY s.id""")
                .param("ids", seatIds)
                .query((rs, i) -> new SeatToHold(rs.getLong("id"), rs.getLong("concert_date_id"),
                        rs.getLong("concert_id"), rs.getInt("seat_number"), rs.getLong("price"),
                        DbTime.fromDb(rs.getObject("starts_at", LocalDateTime.class))))
                .list();
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
    public int countLiveHeldSeats(long userId, Instant now) {
        return jdbc.sql("""
                        SELECT COALESCE(SUM(seat_count), 0) FROM reservation
                        WHERE user_id = ? AND status = 'HELD' AND hold_expires_at > ?""")
                .params(userId, DbTime.toDb(now))
                .query(Integer.class)
                .single();
    }

    @Override
    public int countHeldOrSoldSeats(long userId, long dateId, Instant now) {
        return jdbc.sql("""
                        SELECT COALESCE(SUM(seat_count), 0) FROM reservation
                        WHERE user_id = ? AND concert_date_id = ?
                          AND (status = 'CONFIRMED' OR (status = 'HELD' AND hold_expires_at > ?))""")
                .params(userId, dateId, DbTime.toDb(now))
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
        return insertHold(userId, List.of(seat), heldAt, holdExpiresAt);
    }

    @Override
    public long insertHold(long userId, List<SeatToHold> seats, Instant heldAt, Instant holdExpiresAt) {
        SeatToHold first = seats.getFirst();
        long total = seats.stream().mapToLong(SeatToHold::price).sum();
        KeyHolder key = new GeneratedKeyHolder();
        jdbc.sql("""
                        INSERT INTO reservation (user_id, concert_id, concert_date_id, seat_id, seat_number, price,
                                                 status, held_at, hold_expires_at, seat_count)
                        VALUES (?, ?, ?, ?, ?, ?, 'HELD', ?, ?, ?)""")
                .params(userId, first.concertId(), first.dateId(), first.seatId(), first.seatNumber(), total,
                        DbTime.toDb(heldAt), DbTime.toDb(holdExpiresAt), seats.size())
                .update(key, "id");
        long reservationId = key.getKeyAs(Number.class).longValue();
        for (SeatToHold seat : seats) {
            jdbc.sql("INSERT INTO reservation_seat (reservation_id, seat_id, seat_number, price) VALUES (?, ?, ?, ?)")
                    .params(reservationId, seat.seatId(), seat.seatNumber(), seat.price())
                    .update();
        }
        // The seat rows are already locked by markSeatHeld in this transaction: linking them cannot race.
        List<Long> seatIds = seats.stream().map(SeatToHold::seatId).toList();
        int linked = jdbc.sql("UPDATE seat SET reservation_id = :reservation WHERE id IN (:ids) AND status = 'HELD'")
                .param("reservation", reservationId)
                .param("ids", seatIds)
                .update();
        if (linked != seats.size()) {
            throw new IllegalStateException("Seats " + seatIds + " are not all held by this transaction");
        }
        return reservationId;
    }

    @Override
    public List<ReservationListing> reservationsOf(long userId, Optional<ReservationStatus> status, int page,
            int size) {
        String byStatus = status.isPresent() ? " AND r.status = :status" : "";
        var statement = jdbc.sql("SELECT " + prefixed("r") + ", c.title, d.starts_at"
                        + " FROM reservation r"
                        + " JOIN concert c ON c.id = r.concert_id"
                        + " JOIN concert_date d ON d.id = r.concert_date_id"
                        + " WHERE r.user_id = :user" + byStatus
                        + " ORDER BY r.id DESC LIMIT :size OFFSET :offset")
                .param("user", userId)
                .param("size", size)
                .param("offset", (long) page * size);
        if (status.isPresent()) {
            statement = statement.param("status", status.get().name());
        }
        record Row(Reservation reservation, String title, Instant startsAt) {
        }
        List<Row> rows = statement.query((rs, i) -> new Row(reservation(rs, i), rs.getString("title"),
                        DbTime.fromDb(rs.getObject("starts_at", LocalDateTime.class))))
                .list();
        List<Reservation> withSeats = withSeats(rows.stream().map(Row::reservation).toList());
        List<ReservationListing> listings = new ArrayList<>(rows.size());
        for (int i = 0; i < rows.size(); i++) {
            listings.add(new ReservationListing(withSeats.get(i), rows.get(i).title(), rows.get(i).startsAt()));
        }
        return listings;
    }

    @Override
    public long countReservationsOf(long userId, Optional<ReservationStatus> status) {
        return status.isPresent()
                ? jdbc.sql("SELECT COUNT(*) FROM reservation WHERE user_id = ? AND status = ?")
                        .params(userId, status.get().name()).query(Long.class).single()
                : jdbc.sql("SELECT COUNT(*) FROM reservation WHERE user_id = ?")
                        .param(userId).query(Long.class).single();
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
                .optional()
                .map(found -> withSeats(List.of(found)).getFirst());
    }

    @Override
    public List<Reservation> lockExpiredHolds(Instant now, int limit) {
        return withSeats(jdbc.sql("SELECT " + RESERVATION_COLUMNS + """
                         FROM reservation
                        WHERE status = 'HELD' AND hold_expires_at <= ?
                        ORDER BY hold_expires_at
                        LIMIT ?
                        FOR UPDATE SKIP LOCKED""")
                .params(DbTime.toDb(now), limit)
                .query(JdbcReservationStore::reservation)
                .list());
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
        return release(reservation, now, ReleaseReason.EXPIRED);
    }

    @Override
    public boolean release(Reservation reservation, Instant now, ReleaseReason reason) {
        int released = jdbc.sql("""
                        UPDATE reservation SET status = 'RELEASED', released_at = ?, release_reason = ?
                        WHERE id = ? AND status = 'HELD'""")
                .params(DbTime.toDb(now), reason.name(), reservation.id())
                .update();
        if (released == 0) {
            return false;
        }
        requireEverySeat(jdbc.sql("""
                        UPDATE seat SET status = 'AVAILABLE', reservation_id = NULL
                        WHERE reservation_id = ? AND status = 'HELD'""")
                .param(reservation.id())
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
        requireEverySeat(jdbc.sql("""
                        UPDATE seat SET status = 'SOLD'
                        WHERE reservation_id = ? AND status = 'HELD'""")
                .param(reservation.id())
                .update(), reservation, "sell");
        return true;
    }

    /** A HELD reservation whose seats are not all held by it would be a broken invariant: roll everything back. */
    private static void requireEverySeat(int updated, Reservation reservation, String action) {
        if (updated != reservation.seatCount()) {
            throw new IllegalStateException("Cannot " + action + " seats " + reservation.seatIds() + ": " + updated
                    + " of them are held by reservation " + reservation.id());
        }
    }

    /** The reservations with their seats, read in one query. */
    private List<Reservation> withSeats(List<Reservation> reservations) {
        if (reservations.isEmpty()) {
            return reservations;
        }
        Map<Long, List<ReservedSeat>> seats = new LinkedHashMap<>();
        jdbc.sql("""
                        SELECT reservation_id, seat_id, seat_number, price FROM reservation_seat
                        WHERE reservation_id IN (:ids) ORDER BY reservation_id, seat_id""")
                .param("ids", reservations.stream().map(Reservation::id).toList())
                .query(rs -> {
                    seats.computeIfAbsent(rs.getLong("reservation_id"), id -> new ArrayList<>())
                            .add(new ReservedSeat(rs.getLong("seat_id"), rs.getInt("seat_number"),
                                    rs.getLong("price")));
                });
        return reservations.stream()
                .map(r -> new Reservation(r.id(), r.userId(), r.concertId(), r.dateId(), r.seatId(), r.seatNumber(),
                        r.price(), r.status(), r.holdExpiresAt(), r.paymentId(),
                        seats.getOrDefault(r.id(), r.seats()), r.releaseReason()))
                .toList();
    }

    private static String prefixed(String alias) {
        return Arrays.stream(RESERVATION_COLUMNS.split(","))
                .map(column -> alias + "." + column.strip())
                .collect(Collectors.joining(", "));
    }

    /** The row alone; its seats are filled in by {@link #withSeats} (the first seat stands in until then). */
    private static Reservation reservation(ResultSet rs, int row) throws SQLException {
        String reason = rs.getString("release_reason");
        return new Reservation(rs.getLong("id"), rs.getLong("user_id"), rs.getLong("concert_id"),
                rs.getLong("concert_date_id"), rs.getLong("seat_id"), rs.getInt("seat_number"), rs.getLong("price"),
                ReservationStatus.valueOf(rs.getString("status")),
                DbTime.fromDb(rs.getObject("hold_expires_at", LocalDateTime.class)),
                rs.getObject("payment_id", Long.class),
                List.of(new ReservedSeat(rs.getLong("seat_id"), rs.getInt("seat_number"), rs.getLong("price"))),
                reason == null ? null : ReleaseReason.valueOf(reason));
    }
}
