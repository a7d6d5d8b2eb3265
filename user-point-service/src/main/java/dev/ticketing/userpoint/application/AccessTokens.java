package dev.ticketing.userpoint.application;

import dev.ticketing.userpoint.domain.Account;
import java.util.Map;

/** Signs access tokens and publishes the keys that verify them. */
public interface AccessTokens {

    record IssuedToken(String value, long expiresInSeconds) {
    }

    /** @throws SigningKeyUnavailableException when no configured key can sign */
    IssuedToken issue(Account account);

    /** The JWKS (RFC 7517) of every published key: public parts only. */
    Map<String, Object> publicJwks();
}
