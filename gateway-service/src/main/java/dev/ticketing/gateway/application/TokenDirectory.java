package dev.ticketing.gateway.application;

import dev.ticketing.gateway.domain.OpaqueTokenView;
import java.util.Optional;
import reactor.core.publisher.Mono;

/** Where token states come from (queue-service). */
public interface TokenDirectory {

    /**
     * The token's state, or empty when the directory does not know the token. Fails with
     * {@link TokenDirectoryUnavailable} when the directory cannot answer in time.
     */
    Mono<Optional<OpaqueTokenView>> find(String token);
}
