package dev.ticketing.userpoint.infrastructure;

import dev.ticketing.userpoint.application.Accounts;
import dev.ticketing.userpoint.domain.Account;
import dev.ticketing.userpoint.domain.Role;
import dev.ticketing.userpoint.domain.Username;
import dev.ticketing.userpoint.domain.UsernameTakenException;
import java.sql.Timestamp;
import java.time.Clock;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.stream.Collectors;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.support.GeneratedKeyHolder;
import org.springframework.jdbc.support.KeyHolder;
import org.springframework.stereotype.Repository;
import org.springframework.transaction.annotation.Transactional;

@Repository
class JdbcAccounts implements Accounts {

    private final JdbcClient jdbc;
    private final Clock clock;

    JdbcAccounts(JdbcClient jdbc, Clock clock) {
        this.jdbc = jdbc;
        this.clock = clock;
    }

    @Override
    public Optional<Account> findByUsername(String normalizedUsername) {
        return jdbc.sql("""
                        SELECT id, username, password_hash, roles FROM users
                        WHERE username_key = ? AND password_hash IS NOT NULL""")
                .param(normalizedUsername)
                .query((rs, row) -> new Account(rs.getLong("id"), rs.getString("username"),
                        rs.getString("password_hash"), roles(rs.getString("roles"))))
                .optional();
    }

    @Override
    @Transactional
    public Account create(Username username, String passwordHash, List<Role> roles) {
        KeyHolder key = new GeneratedKeyHolder();
        jdbc.sql("INSERT INTO user_id_sequence () VALUES ()").update(key);
        long id = key.getKey().longValue();
        Timestamp now = Timestamp.from(clock.instant());
        try {
            // the unique key on username_key refuses the second of two sign-ups of one name, whatever its letter case
            jdbc.sql("""
                            INSERT INTO users (id, name, created_at, username, username_key, password_hash, roles)
                            VALUES (?, ?, ?, ?, ?, ?, ?)""")
                    .params(id, username.value(), now, username.value(), username.normalized(), passwordHash,
                            roles.stream().map(Role::name).collect(Collectors.joining(",")))
                    .update();
        } catch (DuplicateKeyException e) {
            throw new UsernameTakenException(username);
        }
        jdbc.sql("INSERT INTO point_balance (user_id, balance, updated_at) VALUES (?, 0, ?)").params(id, now).update();
        return new Account(id, username.value(), passwordHash, roles);
    }

    @Override
    public void changePasswordHash(long userId, String passwordHash) {
        jdbc.sql("UPDATE users SET password_hash = ? WHERE id = ?").params(passwordHash, userId).update();
    }

    private static List<Role> roles(String column) {
        return Arrays.stream(column.split(",")).map(String::trim).filter(role -> !role.isEmpty())
                .map(Role::valueOf).sorted().toList();
    }
}
