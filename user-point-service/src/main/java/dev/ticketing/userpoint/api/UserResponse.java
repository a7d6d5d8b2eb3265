package dev.ticketing.userpoint.api;

public record UserResponse(long id, String name) {
}
