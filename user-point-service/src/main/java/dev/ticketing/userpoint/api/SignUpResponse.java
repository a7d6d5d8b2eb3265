package dev.ticketing.userpoint.api;

record SignUpResponse(long userId, String username) {
}
