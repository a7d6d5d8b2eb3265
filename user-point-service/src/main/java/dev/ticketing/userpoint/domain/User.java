package dev.ticketing.userpoint.domain;

public record User(long id, String name) {
}
