package dev.ticketing.concert.infrastructure;

import dev.ticketing.concert.application.CatalogReader;
import dev.ticketing.concert.domain.Concert;
import dev.ticketing.concert.domain.ConcertDateAvailability;
import dev.ticketing.concert.domain.SeatStatus;
import dev.ticketing.concert.domain.SeatView;
import java.time.Instant;
import java.time.LocalDateTime;
import java.util.List;
import java.util.Optional;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/** The read queries; their plans (index-only on ix_seat_date_status) are in docs/benchmarks/concert-service.md. */
@Repository
class JdbcCatalogReader implements CatalogReader {

    private final JdbcClient jdbc;

    JdbcCatalogReader(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    @Override
    public List<Concert> concerts() {
        return jdbc.sql("SELECT id, title, artist FROM concert ORDER BY id")
                .query((rs, i) -> new Concert(rs.getLong("id"), rs.getString("title"), rs.getString("artist")))
                .list();
    }

    @Override
    public boolean concertExists(long concertId) {
        return jdbc.sql("SELECT COUNT(*) FROM concert WHERE id = ?").param(concertId).query(Long.class).single() > 0;
    }

    @Override
    public Optional<Long> concertOfDate(long dateId) {
        return jdbc.sql("SELECT concert_id FROM concert_date WHERE id = ?").param(dateId).query(Long.class)
                .optional();
    }

    @Override
    public List<ConcertDateAvailability> datesWithAvailableSeats(long concertId, Instant now) {
        return jdbc.sql("""
                        SELECT d.id, d.concert_id, d.starts_at, COUNT(*) AS available
                        FROM concert_date d
                        JOIN seat s ON s.concert_date_id = d.id AND s.status = 'AVAILABLE'
                        WHERE d.concert_id = ? AND d.starts_at > ?
                        GROUP BY d.id, d.concert_id, d.starts_at
                        ORDER BY d.starts_at, d.id""")
                .params(concertId, DbTime.toDb(now))
                .query((rs, i) -> new ConcertDateAvailability(rs.getLong("id"), rs.getLong("concert_id"),
                        DbTime.fromDb(rs.getObject("starts_at", LocalDateTime.class)), rs.getInt("available")))
                .list();
    }

    @Override
    public List<SeatView> seats(long dateId, boolean availableOnly) {
        String sql = availableOnly
                ? """
                  SELECT id, seat_number, price, status FROM seat
                  WHERE concert_date_id = ? AND status = 'AVAILABLE' ORDER BY seat_number"""
                : """
                  SELECT id, seat_number, price, status FROM seat
                  WHERE concert_date_id = ? ORDER BY seat_number""";
        return jdbc.sql(sql).param(dateId)
                .query((rs, i) -> new SeatView(rs.getLong("id"), rs.getInt("seat_number"), rs.getLong("price"),
                        SeatStatus.valueOf(rs.getString("status"))))
                .list();
    }
}
