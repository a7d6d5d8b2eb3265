package dev.ticketing.gateway.application;

import dev.ticketing.gateway.domain.AdmissionTokenCheck;
import dev.ticketing.gateway.domain.RouteAccess;
import dev.ticketing.gateway.domain.RouteAccessRule;
import dev.ticketing.gateway.domain.Verdict;
import java.time.Clock;
import java.util.Optional;
import reactor.core.publisher.Mono;

/**
 * Decides for one request whether its queue token lets it through to a route. A signed admission token is decided
 * here, from the token and the in-memory revocations alone; an opaque waiting token is looked up at queue-service.
 */
public class TokenGate {

    private final TokenDirectory directory;
    private final ActiveTokenCache cache;
    private final AdmissionTokenVerifier admissions;
    private final RevokedAdmissions revoked;
    private final Clock clock;

    public TokenGate(TokenDirectory directory, ActiveTokenCache cache, AdmissionTokenVerifier admissions,
            RevokedAdmissions revoked, Clock clock) {
        this.directory = directory;
        this.cache = cache;
        this.admissions = admissions;
        this.revoked = revoked;
        this.clock = clock;
    }

    /**
     * Whether {@code caller} (the authenticated user) may pass with this token. Never fails: an unreachable
     * queue-service is the verdict {@link Verdict.Unverifiable}.
     */
    public Mono<Verdict> check(String tokenHeader, RouteAccess access, long caller) {
        if (RouteAccessRule.looksLikeAdmissionToken(tokenHeader)) {
            return Mono.just(checkAdmissionToken(tokenHeader, caller));
        }
        Optional<Verdict> byHeader = RouteAccessRule.judgeHeader(tokenHeader);
        if (byHeader.isPresent()) {
            return Mono.just(byHeader.get());
        }
        Optional<Verdict.Allowed> cached = cache.find(tokenHeader, clock.instant());
        if (cached.isPresent()) {
            return Mono.just(cached.get().userId() == caller ? cached.get() : new Verdict.NotYours());
        }
        return directory.find(tokenHeader)
                .map(state -> {
                    var now = clock.instant();
                    Verdict verdict = RouteAccessRule.judge(state, access, caller, now);
                    if (verdict instanceof Verdict.Allowed allowed) {
                        cache.remember(tokenHeader, allowed, now);
                    }
                    return verdict;
                })
                .onErrorResume(TokenDirectoryUnavailable.class,
                        e -> Mono.just(new Verdict.Unverifiable(e.getMessage())));
    }

    /** No I/O: the signature with the configured keys, then the caller and the revocations held in memory. */
    public Verdict checkAdmissionToken(String token, long caller) {
        return switch (admissions.verify(token)) {
            case AdmissionTokenCheck.Invalid invalid -> new Verdict.TokenInvalid(invalid.reason());
            case AdmissionTokenCheck.Expired expired -> new Verdict.TokenExpired();
            // before the live revocations are loaded a revoked token could pass: refuse for now, never wave through
            case AdmissionTokenCheck.Valid valid -> !revoked.loaded()
                    ? new Verdict.Unverifiable("the admission revocations are not loaded yet")
                    : RouteAccessRule.judgeAdmission(valid.admission(), caller,
                            revoked.isRevoked(valid.admission().id()), clock.instant());
        };
    }
}
