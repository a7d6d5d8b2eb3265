package dev.ticketing.queue.application;

import dev.ticketing.queue.domain.AdmissionRate;
import dev.ticketing.queue.domain.QueueToken;
import dev.ticketing.queue.domain.TokenNotYoursException;
import dev.ticketing.queue.domain.TokenRejectedException;
import dev.ticketing.queue.domain.TokenState;
import dev.ticketing.queue.domain.UserNotFoundException;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Instant;
import java.util.Optional;
import java.util.UUID;
import org.springframework.stereotype.Service;

/** The waiting room's use cases. All state and every atomicity guarantee live in the {@link QueueStore}. */
@Service
public class QueueService {

    private final QueueStore store;
    private final UserDirectory users;
    private final QueueProperties properties;
    private final Clock clock;
    private final SecureRandom random = new SecureRandom();

    public QueueService(QueueStore store, UserDirectory users, QueueProperties properties, Clock clock) {
        this.store = store;
        this.users = users;
        this.properties = properties;
        this.clock = clock;
    }

    /** A place in line for an existing user; the user's live token again if they already have one. */
    public TokenView issue(long userId) {
        if (!users.exists(userId)) {
            throw new UserNotFoundException(userId);
        }
        QueueStore.IssueOutcome outcome = store.issue(userId, QueueToken.generate(random), clock.instant());
        return view(outcome.token(), outcome.state(), outcome.admittedRecently(), outcome.activeNow(),
                outcome.newlyIssued());
    }

    /**
     * What the token's holder may do now; a token that grants nothing is refused, and so is another user's token
     * (before its state is told: nobody learns whether another user's token is still live).
     */
    public TokenView currentStatus(String presentedToken, long userId) {
        TokenView view = find(presentedToken)
                .orElseThrow(() -> new TokenRejectedException(TokenRejectedException.Reason.INVALID));
        if (ownerOf(view.state()) != userId) {
            throw new TokenNotYoursException();
        }
        if (view.state() instanceof TokenState.Expired) {
            throw new TokenRejectedException(TokenRejectedException.Reason.EXPIRED);
        }
        return view;
    }

    /** Any token's state, expired ones included; empty for garbage and unknown tokens. */
    public Optional<TokenView> find(String presentedToken) {
        Optional<QueueToken> token = QueueToken.parse(presentedToken);
        if (token.isEmpty()) {
            return Optional.empty();
        }
        QueueStore.Lookup lookup = store.status(token.get(), clock.instant());
        if (lookup.state() instanceof TokenState.Unknown) {
            return Optional.empty();
        }
        return Optional.of(view(token.get(), lookup.state(), lookup.admittedRecently(), lookup.activeNow(), false));
    }

    public QueueStore.TickResult admit() {
        return store.tick(clock.instant());
    }

    public QueueStore.PaymentExpiry expireOnPayment(UUID eventId, long userId, Instant paidAt) {
        return store.expireOnPayment(eventId, userId, paidAt);
    }

    private TokenView view(QueueToken token, TokenState state, long admittedRecently, long activeNow,
                           boolean newlyIssued) {
        Long estimatedWaitSeconds = state instanceof TokenState.Waiting waiting
                ? rate(admittedRecently).estimatedWaitSeconds(waiting.position(), activeNow)
                : null;
        return new TokenView(token, state, estimatedWaitSeconds, newlyIssued);
    }

    private static long ownerOf(TokenState state) {
        return switch (state) {
            case TokenState.Waiting waiting -> waiting.userId();
            case TokenState.Active active -> active.userId();
            case TokenState.Expired expired -> expired.userId();
            case TokenState.Unknown unknown -> 0;
        };
    }

    private AdmissionRate rate(long admittedRecently) {
        return new AdmissionRate(admittedRecently, properties.rateWindow(), properties.capacity(),
                properties.activeTtl(), properties.admissionInterval());
    }

    /** A token with its state; {@code estimatedWaitSeconds} only while waiting. */
    public record TokenView(QueueToken token, TokenState state, Long estimatedWaitSeconds, boolean newlyIssued) {
    }
}
