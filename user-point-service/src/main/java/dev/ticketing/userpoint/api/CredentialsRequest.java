package dev.ticketing.userpoint.api;

import jakarta.validation.constraints.NotNull;

/** The body of sign-up and login; the password is never logged ({@link #toString()}) nor returned. */
record CredentialsRequest(@NotNull String username, @NotNull String password) {

    @Override
    public String toString() {
        return "CredentialsRequest[username=" + username + ", password=<hidden>]";
    }
}
