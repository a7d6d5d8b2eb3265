package dev.ticketing.userpoint.application;

import dev.ticketing.userpoint.domain.User;
import java.util.Optional;

public interface Users {

    Optional<User> find(long id);
}
