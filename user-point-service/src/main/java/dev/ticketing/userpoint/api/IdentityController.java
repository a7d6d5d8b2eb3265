package dev.ticketing.userpoint.api;

import dev.ticketing.support.web.Problems;
import dev.ticketing.userpoint.application.LoginService;
import dev.ticketing.userpoint.application.SignUpService;
import dev.ticketing.userpoint.domain.Account;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.validation.Valid;
import org.springframework.http.CacheControl;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RestController;

/** Sign-up and login: public routes (no JWT), reached through the gateway. */
@RestController
@Tag(name = "Identity", description = "Sign up, log in (an ES256 JWT access token)")
class IdentityController {

    /** Set by the gateway to the client address it resolved; a client-sent one is removed there. */
    static final String CLIENT_ADDRESS = "X-Client-Address";
    private static final String INVALID_CREDENTIALS = "INVALID_CREDENTIALS";
    private static final String RATE_LIMITED = "RATE_LIMITED";

    private final SignUpService signUp;
    private final LoginService login;

    IdentityController(SignUpService signUp, LoginService login) {
        this.signUp = signUp;
        this.login = login;
    }

    @PostMapping("/api/users")
    @Operation(summary = "Sign up",
            description = "username: 3-32 characters of [A-Za-z0-9._-], unique in any letter case. password: 8-128 "
                    + "characters (at most 72 bytes in UTF-8, bcrypt's limit), not the username. The new user has "
                    + "the role USER and no points.")
    @ApiResponse(responseCode = "201", description = "Signed up")
    @ApiResponse(responseCode = "400", description = "INVALID_REQUEST (bad or missing username, missing password), "
            + "PASSWORD_REJECTED, MALFORMED_REQUEST (not JSON, a value that is not a string)")
    @ApiResponse(responseCode = "409", description = "USERNAME_TAKEN")
    ResponseEntity<SignUpResponse> signUp(@Valid @RequestBody CredentialsRequest request) {
        Account account = signUp.signUp(request.username(), request.password());
        return ResponseEntity.status(HttpStatus.CREATED)
                .body(new SignUpResponse(account.userId(), account.username()));
    }

    @PostMapping("/api/auth/login")
    @Operation(summary = "Log in: an access token (JWT, ES256) for Authorization: Bearer",
            description = "A wrong password and an unknown username get the same answer. Failed logins are limited "
                    + "per username and per client address in a window; a successful login resets its user's count.")
    @ApiResponse(responseCode = "200", description = "The access token")
    @ApiResponse(responseCode = "400", description = "INVALID_REQUEST (missing username or password), "
            + "MALFORMED_REQUEST")
    @ApiResponse(responseCode = "401", description = "INVALID_CREDENTIALS")
    @ApiResponse(responseCode = "429", description = "RATE_LIMITED (+ Retry-After, seconds)")
    @ApiResponse(responseCode = "503", description = "SERVICE_UNAVAILABLE: no signing key configured, or the "
            + "database does not answer")
    ResponseEntity<?> login(@Valid @RequestBody CredentialsRequest request,
            @Parameter(description = "Set by the gateway") @RequestHeader(name = CLIENT_ADDRESS, required = false)
            String clientAddress, HttpServletRequest http) {
        return switch (login.login(request.username(), request.password(), clientAddress(clientAddress, http))) {
            case LoginService.Result.LoggedIn in -> ResponseEntity.ok()
                    .cacheControl(CacheControl.noStore())
                    .body(new LoginResponse(in.token().value(), "Bearer", in.token().expiresInSeconds()));
            case LoginService.Result.InvalidCredentials invalid -> ResponseEntity.status(HttpStatus.UNAUTHORIZED)
                    .body(Problems.of(HttpStatus.UNAUTHORIZED, INVALID_CREDENTIALS,
                            "The username or the password is wrong"));
            case LoginService.Result.Throttled throttled -> ResponseEntity.status(HttpStatus.TOO_MANY_REQUESTS)
                    .header(HttpHeaders.RETRY_AFTER, Long.toString(throttled.retryAfterSeconds()))
                    .body(Problems.of(HttpStatus.TOO_MANY_REQUESTS, RATE_LIMITED,
                            "Too many failed logins; try again in " + throttled.retryAfterSeconds() + " s"));
        };
    }

    /** The gateway's header when it is usable as a key, else the peer's address (a direct call inside the cluster). */
    private static String clientAddress(String header, HttpServletRequest http) {
        if (header != null && header.matches("[\\x21-\\x7E]{1,64}")) {
            return header;
        }
        return http.getRemoteAddr();
    }
}
