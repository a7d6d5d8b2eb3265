package dev.ticketing.userpoint.application;

import dev.ticketing.userpoint.domain.User;
import dev.ticketing.userpoint.domain.UserNotFoundException;
import org.springframework.stereotype.Service;

@Service
public class UserQueries {

    private final Users users;

    public UserQueries(Users users) {
        this.users = users;
    }

    public User user(long id) {
        return users.find(id).orElseThrow(() -> new UserNotFoundException(id));
    }
}
