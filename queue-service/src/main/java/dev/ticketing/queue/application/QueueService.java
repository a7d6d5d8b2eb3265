package dev.ticketing.queue.application;

import dev.ticketing.queue.domain.Admission;
import dev.ticketing.queue.domain.AdmissionRate;
import dev.ticketing.queue.domain.QueueToken;
import dev.ticketing.queue.domain.RefreshInterval;
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
    private final AdmissionTokens admissionTokens;
    private final Clock clock;
    private final SecureRandom random = new SecureRandom();

    public QueueService(QueueStore store, UserDirectory users, QueueProperties properties,
            AdmissionTokens admissionTokens, Clock clock) {
        this.store = store;
        this.users = users;
        this.properties = properties;
        this.admissionTokens = admissionTokens;
        this.clock = clock;
    }

    /** A place in line for an existing user; the user's live token again if they already have one. */
    public TokenView issue(long userId) {
        if (!users.exists(userId)) {
            throw new UserNotFoundException(userId);
        }
        QueueStore.IssueOutcome outcome = store.issue(userId, QueueToken.generate(random), clock.instant());
        return signed(view(outcome.token(), outcome.state(), outcome.admittedRecently(), outcome.activeNow(),
                outcome.newlyIssued()));
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
        return signed(view);
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
        return store.expireOnPayment(eventId, userId, paidAt, clock.instant());
    }

    private TokenView view(QueueToken token, TokenState state, long admittedRecently, long activeNow,
                           boolean newlyIssued) {
        return switch (state) {
            case TokenState.Waiting waiting -> {
                long wait = rate(admittedRecently).estimatedWaitSeconds(waiting.position(), activeNow);
                yield new TokenView(token, state, wait, RefreshInterval.seconds(waiting.position(), wait,
                        properties.capacity(), properties.admissionInterval().toSeconds()), null, newlyIssued);
            }
            case TokenState.Active active -> new TokenView(token, state, null, null, null, newlyIssued);
            case TokenState.Expired expired -> new TokenView(token, state, null, null, null, newlyIssued);
            case TokenState.Unknown unknown -> new TokenView(token, state, null, null, null, newlyIssued);
        };
    }

    /**
     * An ACTIVE view with its admission token (signed only for the holder's own answers, not for the gateway's
     * internal look-ups); the admission's id is the one expire_on_payment.lua revokes.
     */
    private TokenView signed(TokenView view) {
        if (!(view.state() instanceof TokenState.Active active)) {
            return view;
        }
        Admission admission = new Admission(view.token().admissionId(), active.userId(), active.room(),
                active.expiresAt().minus(properties.activeTtl()), active.expiresAt());
        return new TokenView(view.token(), active, null, null, admissionTokens.sign(admission).orElse(null),
                view.newlyIssued());
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

    /**
     * A token with its state; {@code estimatedWaitSeconds} and {@code refreshAfterSeconds} only while waiting,
     * {@code admissionToken} only while active (and only with a signing key configured).
     */
    public record TokenView(QueueToken token, TokenState state, Long estimatedWaitSeconds, Long refreshAfterSeconds,
                            String admissionToken, boolean newlyIssued) {
    }
}
