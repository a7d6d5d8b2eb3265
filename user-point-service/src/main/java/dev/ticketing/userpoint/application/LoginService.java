package dev.ticketing.userpoint.application;

import dev.ticketing.userpoint.domain.Account;
import dev.ticketing.userpoint.domain.Username;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.UUID;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.stereotype.Service;

/**
 * Checks a username and password and issues an access token. An unknown username costs the same hash check as a
 * wrong password (against a hash of a random password made at start-up), so neither the answer nor its time tells
 * whether a username exists.
 */
@Service
public class LoginService {

    public sealed interface Result {

        record LoggedIn(AccessTokens.IssuedToken token) implements Result {
        }

        record InvalidCredentials() implements Result {
        }

        record Throttled(long retryAfterSeconds) implements Result {
        }
    }

    private final Accounts accounts;
    private final PasswordEncoder passwords;
    private final AccessTokens tokens;
    private final LoginThrottle throttle;
    private final MeterRegistry meters;
    private final String dummyHash;

    public LoginService(Accounts accounts, PasswordEncoder passwords, AccessTokens tokens, LoginThrottle throttle,
            MeterRegistry meters) {
        this.accounts = accounts;
        this.passwords = passwords;
        this.tokens = tokens;
        this.throttle = throttle;
        this.meters = meters;
        this.dummyHash = passwords.encode(UUID.randomUUID().toString());
    }

    public Result login(String username, String password, String clientAddress) {
        Result result = attempt(username, password, clientAddress);
        Counter.builder("auth.logins")
                .description("Logins by outcome: a rise of invalid_credentials or throttled is guessing")
                .tag("outcome", switch (result) {
                    case Result.LoggedIn in -> "logged_in";
                    case Result.InvalidCredentials invalid -> "invalid_credentials";
                    case Result.Throttled throttled -> "throttled";
                })
                .register(meters)
                .increment();
        return result;
    }

    private Result attempt(String username, String password, String clientAddress) {
        // a username that no sign-up accepts has no account, and is not worth a row of its own
        Optional<String> normalized = Username.isValid(username)
                ? Optional.of(new Username(username).normalized()) : Optional.empty();
        LoginThrottle.Subjects subjects = new LoginThrottle.Subjects(normalized, clientAddress);
        OptionalLong wait = throttle.admit(subjects);
        if (wait.isPresent()) {
            return new Result.Throttled(wait.getAsLong());
        }
        Optional<Account> account = normalized.flatMap(accounts::findByUsername);
        boolean matches = passwords.matches(password, account.map(Account::passwordHash).orElse(dummyHash));
        if (account.isEmpty() || !matches) {
            throttle.failed(subjects);
            return new Result.InvalidCredentials();
        }
        throttle.succeeded(subjects);
        AccessTokens.IssuedToken token = tokens.issue(account.get());
        if (passwords.upgradeEncoding(account.get().passwordHash())) {
            // the configured cost went up since this hash was made: store one of the new cost while the password is
            // at hand
            accounts.changePasswordHash(account.get().userId(), passwords.encode(password));
        }
        return new Result.LoggedIn(token);
    }
}
