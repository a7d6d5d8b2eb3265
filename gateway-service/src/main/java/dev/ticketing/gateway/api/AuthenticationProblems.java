package dev.ticketing.gateway.api;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.security.access.AccessDeniedException;
import org.springframework.security.authentication.AuthenticationServiceException;
import org.springframework.security.core.AuthenticationException;
import org.springframework.security.oauth2.core.OAuth2AuthenticationException;
import org.springframework.security.web.server.ServerAuthenticationEntryPoint;
import org.springframework.security.web.server.WebFilterExchange;
import org.springframework.security.web.server.authentication.ServerAuthenticationFailureHandler;
import org.springframework.security.web.server.authorization.ServerAccessDeniedHandler;
import org.springframework.stereotype.Component;
import org.springframework.web.server.ServerWebExchange;
import reactor.core.publisher.Mono;

/**
 * The resource server's refusals in the gateway's problem format, with the RFC 6750 {@code WWW-Authenticate}
 * challenge: no bearer token is 401 {@code UNAUTHENTICATED}; a token that fails any check (signature, algorithm,
 * {@code exp}, {@code iss}, unknown key, malformed) is 401 {@code ACCESS_TOKEN_INVALID} with one fixed description,
 * so the answer tells an attacker nothing about which check failed; keys that cannot be fetched are 503.
 */
@Component
public class AuthenticationProblems implements ServerAuthenticationEntryPoint, ServerAuthenticationFailureHandler,
        ServerAccessDeniedHandler {

    private static final Logger log = LoggerFactory.getLogger(AuthenticationProblems.class);

    static final String REALM = "ticketing";

    private final ProblemResponses problems;

    public AuthenticationProblems(ProblemResponses problems) {
        this.problems = problems;
    }

    @Override
    public Mono<Void> commence(ServerWebExchange exchange, AuthenticationException failure) {
        return problems.write(exchange, problemFor(failure));
    }

    @Override
    public Mono<Void> onAuthenticationFailure(WebFilterExchange exchange, AuthenticationException failure) {
        return commence(exchange.getExchange(), failure);
    }

    @Override
    public Mono<Void> handle(ServerWebExchange exchange, AccessDeniedException denied) {
        return problems.write(exchange, Problem.of(HttpStatus.FORBIDDEN, ErrorCodes.ACCESS_DENIED,
                        "The access token does not grant this request")
                .withHeader(HttpHeaders.WWW_AUTHENTICATE, "Bearer realm=\"" + REALM
                        + "\", error=\"insufficient_scope\""));
    }

    private static Problem problemFor(AuthenticationException failure) {
        if (failure instanceof AuthenticationServiceException) {
            log.warn("Access tokens cannot be checked: {}", failure.getMessage());
            return Problem.of(HttpStatus.SERVICE_UNAVAILABLE, ErrorCodes.SERVICE_UNAVAILABLE,
                            "Access tokens cannot be checked right now; try again shortly")
                    .withRetryAfterSeconds(QueueTokenGatewayFilterFactory.UNAVAILABLE_RETRY_AFTER_SECONDS);
        }
        // a token was sent and failed a check (InvalidBearerTokenException), or the bearer converter refused a
        // malformed Authorization header
        if (failure instanceof OAuth2AuthenticationException) {
            log.debug("Access token refused: {}", failure.getMessage());
            return Problem.of(HttpStatus.UNAUTHORIZED, ErrorCodes.ACCESS_TOKEN_INVALID,
                            "The access token is invalid or has expired; log in again")
                    .withHeader(HttpHeaders.WWW_AUTHENTICATE, "Bearer realm=\"" + REALM
                            + "\", error=\"invalid_token\", error_description=\"The access token is invalid or has"
                            + " expired\"");
        }
        return Problem.of(HttpStatus.UNAUTHORIZED, ErrorCodes.UNAUTHENTICATED,
                        "This request needs an access token: log in and send it as Authorization: Bearer <token>")
                .withHeader(HttpHeaders.WWW_AUTHENTICATE, "Bearer realm=\"" + REALM + "\"");
    }
}
