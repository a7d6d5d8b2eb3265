package dev.ticketing.userpoint.infrastructure;

import dev.ticketing.userpoint.application.Users;
import dev.ticketing.userpoint.domain.User;
import java.util.Optional;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

@Repository
class JdbcUsers implements Users {

    private final JdbcClient jdbc;

    JdbcUsers(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    @Override
    public Optional<User> find(long id) {
        return jdbc.sql("SELECT id, name FROM users WHERE id = ?")
                .param(id)
                .query((rs, row) -> new User(rs.getLong("id"), rs.getString("name")))
                .optional();
    }
}
