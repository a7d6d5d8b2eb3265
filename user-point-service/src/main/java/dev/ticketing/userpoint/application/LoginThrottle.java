package dev.ticketing.userpoint.application;

import dev.ticketing.userpoint.domain.LoginAttempts;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.OptionalLong;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;

/**
 * Failed logins per username and per client address, each in a fixed window, in the database so that every instance
 * counts the same (JpaLoginAttempts: one atomic upsert per count).
 *
 * <p>Per username the attempt is counted before the password is checked and taken back only if it is refused, so
 * concurrent guesses at one account on several instances cannot slip past the limit together; a successful login
 * deletes the count. Per address only failures are counted, after the check: many users behind one address (a NAT,
 * a load generator) logging in at once are never refused for attempts that are still running. Only the subjects of
 * an attempt are looked at: another user's failures never slow or refuse a login, unless they come from the same
 * client address and put that address over its own limit.
 */
@Component
public class LoginThrottle {

    /** The subjects of one attempt: the username (when it could be anyone's) and the client address. */
    public record Subjects(Optional<String> username, String address) {

        Optional<String> userKey() {
            return username.map(name -> "user:" + name);
        }

        String addressKey() {
            return "address:" + address;
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

    /** Empty when the attempt may go on (its username is then counted), else the seconds to wait (nothing counted). */
    public OptionalLong admit(Subjects subjects) {
        Instant now = clock.instant();
        Duration window = limits.failureWindow();
        Optional<LoginAttempts> address = store.find(subjects.addressKey())
                .filter(attempts -> attempts.live(window, now))
                .map(LoginAttempts::andThisOne)
                .filter(attempts -> attempts.over(limits.maxFailuresPerAddress()));
        if (address.isPresent()) {
            return OptionalLong.of(address.get().secondsLeft(window, now));
        }
        if (subjects.userKey().isEmpty()) {
            return OptionalLong.empty();
        }
        LoginAttempts user = store.count(subjects.userKey().get(), now, window);
        if (!user.over(limits.maxFailuresPerUser())) {
            return OptionalLong.empty();
        }
        store.uncount(subjects.userKey().get());
        return OptionalLong.of(user.secondsLeft(window, now));
    }

    /** The password was wrong (or the username unknown): the attempt stays counted and counts for the address. */
    public void failed(Subjects subjects) {
        store.count(subjects.addressKey(), clock.instant(), limits.failureWindow());
    }

    /** The login succeeded: its user's failures are forgotten. */
    public void succeeded(Subjects subjects) {
        subjects.userKey().ifPresent(store::reset);
    }

    /** Rows of windows long over only take space (usernames nobody has, addresses gone quiet). */
    @Scheduled(fixedDelayString = "${auth.login.purge-interval:PT1M}")
    public void purgeOldWindows() {
        store.purge(clock.instant().minus(limits.failureWindow()));
    }
}
