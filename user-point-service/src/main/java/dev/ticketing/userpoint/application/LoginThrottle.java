package dev.ticketing.userpoint.application;

import dev.ticketing.userpoint.domain.LoginAttempts;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;

/**
 * Failed logins per username and per client address, in a fixed window. An attempt is counted before the password is
 * checked (one atomic upsert per subject, see JdbcLoginAttempts), so that concurrent guesses on several instances
 * cannot slip past the limit together; an attempt that is refused or succeeds is taken back, so what stays counted
 * are the failures. Only the subjects of an attempt are looked at: another user's failures never slow or refuse a
 * login (unless it comes from the same client address and that address is over its own limit).
 */
@Component
public class LoginThrottle {

    /** The subjects of one attempt: the username (when it could be anyone's) and the client address. */
    public record Subjects(Optional<String> username, String address) {

        List<String> keys() {
            List<String> keys = new ArrayList<>(2);
            username.ifPresent(name -> keys.add("user:" + name));
            keys.add("address:" + address);
            return keys;
        }
    }

    private final LoginAttemptStore store;
    private final AuthProperties.Login limits;
    private final Clock clock;

    public LoginThrottle(LoginAttemptStore store, AuthProperties properties, Clock clock) {
        this.store = store;
        this.limits = properties.login();
        this.clock = clock;
    }

    /** Counts the attempt; empty when it may go on, else the seconds to wait (the attempt is then not counted). */
    public OptionalLong admit(Subjects subjects) {
        Instant now = clock.instant();
        List<String> keys = subjects.keys();
        List<LoginAttempts> counted = store.count(keys, now, limits.failureWindow());
        long wait = 0;
        for (int i = 0; i < keys.size(); i++) {
            int limit = keys.get(i).startsWith("user:") ? limits.maxFailuresPerUser() : limits.maxFailuresPerAddress();
            if (counted.get(i).over(limit)) {
                wait = Math.max(wait, counted.get(i).secondsLeft(limits.failureWindow(), now));
            }
        }
        if (wait == 0) {
            return OptionalLong.empty();
        }
        keys.forEach(store::uncount);
        return OptionalLong.of(wait);
    }

    /** The login succeeded: its user's failures are forgotten, and the attempt does not count for the address. */
    public void succeeded(Subjects subjects) {
        List<String> keys = subjects.keys();
        subjects.username().ifPresent(name -> store.reset(keys.getFirst()));
        store.uncount(keys.getLast());
    }

    /** Rows of windows long over only take space (usernames nobody has, addresses gone quiet). */
    @Scheduled(fixedDelayString = "${auth.login.purge-interval:PT1M}")
    public void purgeOldWindows() {
        store.purge(clock.instant().minus(limits.failureWindow()));
    }
}
