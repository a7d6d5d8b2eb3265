package dev.ticketing.concert.domain;

public record Concert(long id, String title, String artist) {
}
