package dev.ticketing.userpoint.domain;

import java.util.List;

/** A user who can log in: their id, username as typed at sign-up, password hash and roles (in a stable order). */
public record Account(long userId, String username, String passwordHash, List<Role> roles) {

    public Account {
        roles = List.copyOf(roles);
    }
}
