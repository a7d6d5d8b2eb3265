package dev.ticketing.queue.application;

import dev.ticketing.queue.domain.Admission;
import dev.ticketing.queue.domain.AdmissionRate;
import dev.ticketing.queue.domain.QueueError;
import dev.ticketing.queue.domain.QueueToken;
import dev.ticketing.queue.domain.RefreshInterval;
import dev.ticketing.queue.domain.RoomId;
import dev.ticketing.queue.domain.RoomSettings;
import dev.ticketing.queue.domain.Shuffle;
import dev.ticketing.queue.domain.TokenStanding;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import org.springframework.stereotype.Service;

/** The waiting rooms' use cases. All state and every atomicity guarantee live in the {@link QueueStore}. */
@Service
public class QueueService {

    /** Wait estimates use a room's live settings read at most this long ago (they change by an operator's hand). */
    private static final Duration SETTINGS_CACHE_TTL = Duration.ofSeconds(1);

    private final QueueStore store;
    private final QueueProperties properties;
    private final AdmissionTokens admissionTokens;
    private final Clock clock;
    private final SecureRandom random = new SecureRandom();
    private final Map<RoomId, CachedSettings> settingsCache = new ConcurrentHashMap<>();

    public QueueService(QueueStore store, QueueProperties properties,
            AdmissionTokens admissionTokens, Clock clock) {
        this.store = store;
        this.properties = properties;
        this.admissionTokens = admissionTokens;
        this.clock = clock;
    }

    /**
     * A place in {@code room}'s line for the user; the user's live token there again if they already have one. The
     * user is the gateway's, from an access token user-point-service signed for an existing user: nobody is asked.
     * A due opening runs first, so nobody who asks after {@code opensAt} is drawn into the shuffled block.
     */
    public TokenView issue(long userId, RoomId room) {
        if (room.isDefault() && !properties.defaultRoomEnabled()) {
            throw new QueueError.ConcertIdRequired();
        }
        QueueStore.IssueOutcome outcome = store.issue(room, userId, QueueToken.generate(random), clock.instant());
        if (outcome.openingDue()) {
            store.open(room, clock.instant(), Shuffle.newSeed(random));
            outcome = store.issue(room, userId, QueueToken.generate(random), clock.instant());
            if (outcome.openingDue()) {
                throw new IllegalStateException("Room " + room + " still not open after its opening");
            }
        }
        return signed(view(outcome.token(), outcome.state(), room, outcome.admittedRecently(), outcome.activeNow(),
                outcome.newlyIssued()));
    }

    /**
     * What the token's holder may do now; a token that grants nothing is refused, and so is another user's token
     * (before its state is told: nobody learns whether another user's token is still live).
     */
    public TokenView currentStatus(String presentedToken, long userId) {
        TokenView view = find(presentedToken)
                .orElseThrow(() -> new QueueError.TokenRejected(QueueError.TokenRejected.Reason.INVALID));
        if (ownerOf(view.state()) != userId) {
            throw new QueueError.TokenNotYours();
        }
        if (view.state() instanceof TokenStanding.Expired) {
            throw new QueueError.TokenRejected(QueueError.TokenRejected.Reason.EXPIRED);
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
        if (lookup.state() instanceof TokenStanding.Unknown) {
            return Optional.empty();
        }
        return Optional.of(view(token.get(), lookup.state(), lookup.room(), lookup.admittedRecently(),
                lookup.activeNow(), false));
    }

    /** Opens {@code room} if its opening is due (once, whoever asks first), then runs its admission round if due. */
    public QueueStore.TickResult admit(RoomId room) {
        Instant now = clock.instant();
        store.open(room, now, Shuffle.newSeed(random));
        return store.tick(room, now, true);
    }

    public QueueStore.PaymentExpiry expireOnPayment(UUID eventId, RoomId room, long userId, Instant paidAt) {
        return store.expireOnPayment(eventId, room, userId, paidAt, clock.instant());
    }

    /** A room's settings as they apply now: configuration, then the operator's live changes. */
    public RoomSettings settings(RoomId room) {
        return settings(room, store.snapshot(room, clock.instant()));
    }

    RoomSettings settings(RoomId room, QueueStore.RoomSnapshot live) {
        RoomSettings configured = properties.configured(room);
        return new RoomSettings(live.capacity() != null ? live.capacity() : configured.capacity(),
                live.intervalMillis() != null ? Duration.ofMillis(live.intervalMillis())
                        : configured.admissionInterval(),
                live.activeTtlMillis() != null ? Duration.ofMillis(live.activeTtlMillis()) : configured.activeTtl(),
                live.opensAt() != null ? live.opensAt() : configured.opensAt(), live.paused());
    }

    AdmissionRate rate(RoomSettings settings, long admittedRecently) {
        return new AdmissionRate(admittedRecently, properties.rateWindow(), settings.capacity(),
                settings.activeTtl(), settings.admissionInterval());
    }

    private TokenView view(QueueToken token, TokenStanding state, RoomId room, long admittedRecently, long activeNow,
                           boolean newlyIssued) {
        if (state instanceof TokenStanding.Waiting waiting) {
            RoomSettings settings = cachedSettings(room);
            long wait = rate(settings, admittedRecently).estimatedWaitSeconds(waiting.position(), activeNow);
            return new TokenView(token, state, room, wait, RefreshInterval.seconds(waiting.position(), wait,
                    settings.capacity(), Math.max(1, settings.admissionInterval().toSeconds())), null, newlyIssued);
        }
        if (state instanceof TokenStanding.PreQueued preQueued) {
            // nothing changes before the opening: ask again at it, at most a minute from now
            long untilOpening = Math.max(0, Duration.between(clock.instant(), preQueued.opensAt()).toSeconds());
            return new TokenView(token, state, room, null, Math.max(RefreshInterval.MIN_SECONDS,
                    Math.min(RefreshInterval.MAX_SECONDS, untilOpening)), null, newlyIssued);
        }
        return new TokenView(token, state, room, null, null, null, newlyIssued);
    }

    /**
     * An ACTIVE view with its admission token (signed only for the holder's own answers, not for the gateway's
     * internal look-ups) for the token's room; the admission's id is the one expire_on_payment.lua revokes.
     */
    private TokenView signed(TokenView view) {
        if (!(view.state() instanceof TokenStanding.Active active)) {
            return view;
        }
        Duration activeTtl = cachedSettings(view.room()).activeTtl();
        Admission admission = new Admission(view.token().admissionId(), active.userId(), active.room(),
                active.expiresAt().minus(activeTtl), active.expiresAt());
        return new TokenView(view.token(), active, view.room(), null, null,
                admissionTokens.sign(admission).orElse(null), view.newlyIssued());
    }

    private RoomSettings cachedSettings(RoomId room) {
        Instant now = clock.instant();
        CachedSettings cached = settingsCache.get(room);
        if (cached == null || !now.isBefore(cached.readAt().plus(SETTINGS_CACHE_TTL))
                || now.isBefore(cached.readAt())) {
            cached = new CachedSettings(settings(room), now);
            settingsCache.put(room, cached);
        }
        return cached.settings();
    }

    private static long ownerOf(TokenStanding state) {
        return switch (state) {
            case TokenStanding.Waiting waiting -> waiting.userId();
            case TokenStanding.PreQueued preQueued -> preQueued.userId();
            case TokenStanding.Active active -> active.userId();
            case TokenStanding.Expired expired -> expired.userId();
            case TokenStanding.Unknown unknown -> 0;
        };
    }

    private record CachedSettings(RoomSettings settings, Instant readAt) {
    }

    /**
     * A token with its state and room (null once expired); {@code estimatedWaitSeconds} only while waiting,
     * {@code refreshAfterSeconds} while waiting or pre-queued, {@code admissionToken} only while active (and only
     * with a signing key configured).
     */
    public record TokenView(QueueToken token, TokenStanding state, RoomId room, Long estimatedWaitSeconds,
                            Long refreshAfterSeconds, String admissionToken, boolean newlyIssued) {
    }
}
