package dev.ticketing.gateway.domain;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class AdmissionPolicyTest {

    private static final Instant NOW = Instant.parse("2026-11-25T10:00:00Z");
    private static final String TOKEN = "Qk1nR2l0aFViX3Rva2VuX3ZhbHVlXzE";

    @Test
    void missingBlankOrMalformedHeaderIsInvalidWithoutAskingQueueService() {
        for (String header : new String[] {null, "", "   ", "short", "x".repeat(201), TOKEN + "/..",
                TOKEN.substring(0, 20) + "%2F", TOKEN + " "}) {
            assertThat(AdmissionPolicy.judgeHeader(header)).as(String.valueOf(header))
                    .containsInstanceOf(Verdict.TokenInvalid.class);
        }
    }

    @Test
    void wellFormedHeaderIsLeftToQueueService() {
        assertThat(AdmissionPolicy.judgeHeader(TOKEN)).isEmpty();
        assertThat(AdmissionPolicy.judgeHeader("a".repeat(22))).isEmpty();
        assertThat(AdmissionPolicy.judgeHeader("a-_".repeat(66))).isEmpty();
    }

    @Test
    void tokenUnknownToQueueServiceIsInvalid() {
        assertThat(AdmissionPolicy.judge(Optional.empty(), RouteAccess.WAITING_OR_ACTIVE, 1, NOW))
                .isInstanceOf(Verdict.TokenInvalid.class);
    }

    @Test
    void activeTokenIsAdmittedEverywhereAsItsUser() {
        TokenState active = new TokenState(42, TokenStatus.ACTIVE, 0, 0, NOW.plusSeconds(60), null);
        for (RouteAccess access : RouteAccess.values()) {
            assertThat(AdmissionPolicy.judge(Optional.of(active), access, 42, NOW))
                    .isEqualTo(new Verdict.Admitted(42, NOW.plusSeconds(60), null));
        }
    }

    @Test
    void activeTokenPastItsExpiryIsExpiredEvenBeforeQueueServiceSweepsIt() {
        TokenState lapsed = new TokenState(42, TokenStatus.ACTIVE, 0, 0, NOW, null);
        assertThat(AdmissionPolicy.judge(Optional.of(lapsed), RouteAccess.ACTIVE_ONLY, 42, NOW))
                .isInstanceOf(Verdict.TokenExpired.class);
    }

    @Test
    void waitingTokenIsToldItsPlaceOnActiveOnlyRoutes() {
        TokenState waiting = new TokenState(7, TokenStatus.WAITING, 12, 30, null, null);
        assertThat(AdmissionPolicy.judge(Optional.of(waiting), RouteAccess.ACTIVE_ONLY, 7, NOW))
                .isEqualTo(new Verdict.StillWaiting(12, 30));
    }

    @Test
    void waitingTokenIsAdmittedWhereWaitingUsersMayGo() {
        TokenState waiting = new TokenState(7, TokenStatus.WAITING, 12, 30, null, null);
        assertThat(AdmissionPolicy.judge(Optional.of(waiting), RouteAccess.WAITING_OR_ACTIVE, 7, NOW))
                .isEqualTo(new Verdict.Admitted(7, null, null));
    }

    @Test
    void expiredTokenIsExpiredEverywhere() {
        TokenState expired = new TokenState(7, TokenStatus.EXPIRED, 0, 0, null, null);
        for (RouteAccess access : RouteAccess.values()) {
            assertThat(AdmissionPolicy.judge(Optional.of(expired), access, 7, NOW))
                    .isInstanceOf(Verdict.TokenExpired.class);
        }
    }

    @Test
    void unrecognisedStateOrMissingUserIsNeverAdmitted() {
        TokenState unrecognised = new TokenState(7, TokenStatus.parse("SUSPENDED"), 0, 0, null, null);
        TokenState noUser = new TokenState(0, TokenStatus.ACTIVE, 0, 0, NOW.plusSeconds(60), null);
        for (RouteAccess access : RouteAccess.values()) {
            assertThat(AdmissionPolicy.judge(Optional.of(unrecognised), access, 7, NOW))
                    .isInstanceOf(Verdict.TokenInvalid.class);
            assertThat(AdmissionPolicy.judge(Optional.of(noUser), access, 0, NOW))
                    .isInstanceOf(Verdict.TokenInvalid.class);
        }
    }

    @Test
    void anotherUsersTokenIsNotYoursWhateverItsState() {
        for (TokenState token : new TokenState[] {
                new TokenState(42, TokenStatus.ACTIVE, 0, 0, NOW.plusSeconds(60), null),
                new TokenState(42, TokenStatus.WAITING, 12, 30, null, null),
                new TokenState(42, TokenStatus.EXPIRED, 0, 0, null, null)}) {
            for (RouteAccess access : RouteAccess.values()) {
                assertThat(AdmissionPolicy.judge(Optional.of(token), access, 43, NOW))
                        .as(token + " " + access).isEqualTo(new Verdict.NotYours());
            }
        }
    }
}
