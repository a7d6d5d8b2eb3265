package dev.ticketing.concert.domain;

public record SeatView(long seatId, int seatNumber, long price, SeatStatus status) {
}
