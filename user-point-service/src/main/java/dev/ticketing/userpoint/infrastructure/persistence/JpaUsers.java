package dev.ticketing.userpoint.infrastructure.persistence;

import dev.ticketing.userpoint.application.Users;
import dev.ticketing.userpoint.domain.User;
import java.util.Optional;
import org.springframework.stereotype.Repository;

@Repository
class JpaUsers implements Users {

    private final UserRepository users;

    JpaUsers(UserRepository users) {
        this.users = users;
    }

    @Override
    public Optional<User> find(long id) {
        return users.findUser(id);
    }
}
