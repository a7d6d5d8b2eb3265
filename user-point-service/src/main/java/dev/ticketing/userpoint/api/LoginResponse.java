package dev.ticketing.userpoint.api;

/** RFC 6749's token response shape: the access token, always "Bearer", and its lifetime in seconds. */
record LoginResponse(String accessToken, String tokenType, long expiresIn) {
}
