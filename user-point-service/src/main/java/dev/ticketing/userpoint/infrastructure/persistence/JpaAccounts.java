package dev.ticketing.userpoint.infrastructure.persistence;

import dev.ticketing.userpoint.application.Accounts;
import dev.ticketing.userpoint.domain.Account;
import dev.ticketing.userpoint.domain.Role;
import dev.ticketing.userpoint.domain.UserPointError;
import dev.ticketing.userpoint.domain.Username;
import java.time.Clock;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.stream.Collectors;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.stereotype.Repository;
import org.springframework.transaction.annotation.Transactional;

@Repository
class JpaAccounts implements Accounts {

    private final UserRepository users;
    private final UserIdSequenceRepository ids;
    private final PointBalanceRepository balances;
    private final Clock clock;

    JpaAccounts(UserRepository users, UserIdSequenceRepository ids, PointBalanceRepository balances, Clock clock) {
        this.users = users;
        this.ids = ids;
        this.balances = balances;
        this.clock = clock;
    }

    @Override
    public Optional<Account> findByUsername(String normalizedUsername) {
        return users.findByUsernameKeyAndPasswordHashIsNotNull(normalizedUsername)
                .map(user -> new Account(user.id(), user.username(), user.passwordHash(), roles(user.roles())));
    }

    @Override
    @Transactional
    public Account create(Username username, String passwordHash, List<Role> roles) {
        long id = ids.save(new UserIdSequenceEntity()).id();
        Instant now = clock.instant();
        try {
            users.insert(id, username.value(), username.normalized(), passwordHash,
                    roles.stream().map(Role::name).collect(Collectors.joining(",")), now);
        } catch (DuplicateKeyException e) {
            throw new UserPointError.UsernameTaken(username);
        }
        balances.open(id, now);
        return new Account(id, username.value(), passwordHash, roles);
    }

    @Override
    public void changePasswordHash(long userId, String passwordHash) {
        users.changePasswordHash(userId, passwordHash);
    }

    private static List<Role> roles(String column) {
        return Arrays.stream(column.split(",")).map(String::trim).filter(role -> !role.isEmpty())
                .map(Role::valueOf).sorted().toList();
    }
}
