package dev.ticketing.payment.infrastructure.persistence;

import dev.ticketing.payment.application.ReservationViewRepository;
import dev.ticketing.payment.domain.ReservationView;
import java.time.Instant;
import java.util.Optional;
import org.springframework.stereotype.Repository;

@Repository
class JpaReservationViewRepository implements ReservationViewRepository {

    private final ReservationViewEntityRepository views;

    JpaReservationViewRepository(ReservationViewEntityRepository views) {
        this.views = views;
    }

    @Override
    public Optional<ReservationView> find(long reservationId) {
        return views.findView(reservationId);
    }

    @Override
    public void save(ReservationView view, Instant now) {
        views.save(view.reservationId(), view.userId(), view.seatId(), view.price(), view.holdExpiresAt(),
                view.status().name(), now);
    }

    @Override
    public void saveIfAbsent(ReservationView view, Instant now) {
        views.saveIfAbsent(view.reservationId(), view.userId(), view.seatId(), view.price(), view.holdExpiresAt(),
                view.status().name(), now);
    }
}
