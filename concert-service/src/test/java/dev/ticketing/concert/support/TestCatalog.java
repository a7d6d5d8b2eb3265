package dev.ticketing.concert.support;

import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.util.List;
import java.util.UUID;
import java.util.stream.IntStream;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.support.GeneratedKeyHolder;

/** Creates concerts, dates and seats for a test, and reads the rows back for its assertions. */
public final class TestCatalog {

    public record Date(long concertId, long dateId, List<Long> seatIds) {
    }

    private final JdbcTemplate jdbc;

    public TestCatalog(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    /** A new concert with one date in 2027 and {@code seats} seats numbered from 1, all at {@code price}. */
    public Date concertWithSeats(int seats, long price) {
        return concertWithSeats(seats, price, Instant.parse("2027-06-01T10:00:00Z"));
    }

    public Date concertWithSeats(int seats, long price, Instant startsAt) {
        GeneratedKeyHolder concertKey = new GeneratedKeyHolder();
        jdbc.update(connection -> {
            var statement = connection.prepareStatement("INSERT INTO concert (title, artist) VALUES (?, ?)",
                    new String[] {"id"});
            statement.setString(1, "Test concert " + UUID.randomUUID());
            statement.setString(2, "Test artist");
            return statement;
        }, concertKey);
        long concertId = concertKey.getKey().longValue();
        long dateId = addDate(concertId, startsAt);
        addSeats(dateId, seats, price);
        return new Date(concertId, dateId, seatIdsOf(dateId));
    }

    public long addDate(long concertId, Instant startsAt) {
        GeneratedKeyHolder dateKey = new GeneratedKeyHolder();
        jdbc.update(connection -> {
            var statement = connection.prepareStatement(
                    "INSERT INTO concert_date (concert_id, starts_at) VALUES (?, ?)", new String[] {"id"});
            statement.setLong(1, concertId);
            statement.setObject(2, LocalDateTime.ofInstant(startsAt, ZoneOffset.UTC));
            return statement;
        }, dateKey);
        return dateKey.getKey().longValue();
    }

    public void addSeats(long dateId, int seats, long price) {
        jdbc.batchUpdate("INSERT INTO seat (concert_date_id, seat_number, price) VALUES (?, ?, ?)",
                IntStream.rangeClosed(1, seats).mapToObj(n -> new Object[] {dateId, n, price}).toList());
    }

    public long seatId(long dateId, int seatNumber) {
        return jdbc.queryForObject("SELECT id FROM seat WHERE concert_date_id = ? AND seat_number = ?", Long.class,
                dateId, seatNumber);
    }

    public List<Long> seatIdsOf(long dateId) {
        return jdbc.queryForList("SELECT id FROM seat WHERE concert_date_id = ? ORDER BY seat_number", Long.class,
                dateId);
    }

    public String seatStatus(long seatId) {
        return jdbc.queryForObject("SELECT status FROM seat WHERE id = ?", String.class, seatId);
    }

    public Long seatHolder(long seatId) {
        return jdbc.queryForObject("SELECT reservation_id FROM seat WHERE id = ?", Long.class, seatId);
    }

    public String reservationStatus(long reservationId) {
        return jdbc.queryForObject("SELECT status FROM reservation WHERE id = ?", String.class, reservationId);
    }

    public int reservationsOfSeat(long seatId) {
        return jdbc.queryForObject("SELECT COUNT(*) FROM reservation WHERE seat_id = ?", Integer.class, seatId);
    }

    public void setStatusOfAllSeats(long dateId, String status) {
        jdbc.update("UPDATE seat SET status = ? WHERE concert_date_id = ?", status, dateId);
    }
}
