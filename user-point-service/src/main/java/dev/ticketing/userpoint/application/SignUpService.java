package dev.ticketing.userpoint.application;

import dev.ticketing.userpoint.domain.Account;
import dev.ticketing.userpoint.domain.PasswordPolicy;
import dev.ticketing.userpoint.domain.Role;
import dev.ticketing.userpoint.domain.Username;
import java.util.List;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.stereotype.Service;

@Service
public class SignUpService {

    private final Accounts accounts;
    private final PasswordEncoder passwords;

    public SignUpService(Accounts accounts, PasswordEncoder passwords) {
        this.accounts = accounts;
        this.passwords = passwords;
    }

    /**
     * A new user with the role USER. The username is checked first, then the password; the unique key on the
     * normalized username decides between two concurrent sign-ups of one name.
     */
    public Account signUp(String username, String password) {
        Username name = new Username(username);
        PasswordPolicy.check(password, name);
        return accounts.create(name, passwords.encode(password), List.of(Role.USER));
    }
}
