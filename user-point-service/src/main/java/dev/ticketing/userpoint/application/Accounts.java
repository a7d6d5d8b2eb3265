package dev.ticketing.userpoint.application;

import dev.ticketing.userpoint.domain.Account;
import dev.ticketing.userpoint.domain.Role;
import dev.ticketing.userpoint.domain.Username;
import java.util.List;
import java.util.Optional;

/** Users who can log in. */
public interface Accounts {

    /** The account of a username in its normalized (lower-case) form; empty also for a user without credentials. */
    Optional<Account> findByUsername(String normalizedUsername);

    /**
     * A new user with these credentials and an empty balance.
     *
     * @throws dev.ticketing.userpoint.domain.UserPointError.UsernameTaken when the username is taken in any letter case
     */
    Account create(Username username, String passwordHash, List<Role> roles);

    void changePasswordHash(long userId, String passwordHash);
}
