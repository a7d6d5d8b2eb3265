package dev.ticketing.userpoint.api;

public record BalanceResponse(long userId, long balance) {
}
