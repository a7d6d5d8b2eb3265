package dev.ticketing.testsupport.hexagon.sound.domain;

public record Seat(long id) {
}
