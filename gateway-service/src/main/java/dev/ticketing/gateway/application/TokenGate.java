package dev.ticketing.gateway.application;

import dev.ticketing.gateway.domain.AdmissionPolicy;
import dev.ticketing.gateway.domain.RouteAccess;
import dev.ticketing.gateway.domain.Verdict;
import java.time.Clock;
import java.util.Optional;
import reactor.core.publisher.Mono;

/** Decides for one request whether its queue token lets it through to a route. */
public class TokenGate {

    private final TokenDirectory directory;
    private final ActiveTokenCache cache;
    private final Clock clock;

    public TokenGate(TokenDirectory directory, ActiveTokenCache cache, Clock clock) {
        this.directory = directory;
        this.cache = cache;
        this.clock = clock;
    }

    /**
     * Whether {@code caller} (the authenticated user) may pass with this token. Never fails: an unreachable
     * queue-service is the verdict {@link Verdict.Unverifiable}.
     */
    public Mono<Verdict> check(String tokenHeader, RouteAccess access, long caller) {
        Optional<Verdict> byHeader = AdmissionPolicy.judgeHeader(tokenHeader);
        if (byHeader.isPresent()) {
            return Mono.just(byHeader.get());
        }
        Optional<Verdict.Admitted> cached = cache.find(tokenHeader, clock.instant());
        if (cached.isPresent()) {
            return Mono.just(cached.get().userId() == caller ? cached.get() : new Verdict.NotYours());
        }
        return directory.find(tokenHeader)
                .map(state -> {
                    var now = clock.instant();
                    Verdict verdict = AdmissionPolicy.judge(state, access, caller, now);
                    if (verdict instanceof Verdict.Admitted admitted) {
                        cache.remember(tokenHeader, admitted, now);
                    }
                    return verdict;
                })
                .onErrorResume(TokenDirectoryUnavailable.class,
                        e -> Mono.just(new Verdict.Unverifiable(e.getMessage())));
    }
}
