package dev.ticketing.gateway.domain;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class RouteAccessRuleTest {

    private static final Instant NOW = Instant.parse("2026-11-25T10:00:00Z");
    private static final String TOKEN = "Qk1nR2l0aFViX3Rva2VuX3ZhbHVlXzE";

    @Test
    void missingBlankOrMalformedHeaderIsInvalidWithoutAskingQueueService() {
        for (String header : new String[] {null, "", "   ", "short", "x".repeat(201), TOKEN + "/..",
                TOKEN.substring(0, 20) + "%2F", TOKEN + " "}) {
            assertThat(RouteAccessRule.judgeHeader(header)).as(String.valueOf(header))
                    .containsInstanceOf(Verdict.TokenInvalid.class);
        }
    }

    @Test
    void wellFormedHeaderIsLeftToQueueService() {
        assertThat(RouteAccessRule.judgeHeader(TOKEN)).isEmpty();
        assertThat(RouteAccessRule.judgeHeader("a".repeat(22))).isEmpty();
        assertThat(RouteAccessRule.judgeHeader("a-_".repeat(66))).isEmpty();
    }

    @Test
    void tokenUnknownToQueueServiceIsInvalid() {
        assertThat(RouteAccessRule.judge(Optional.empty(), RouteAccess.WAITING_OR_ACTIVE, 1, NOW))
                .isInstanceOf(Verdict.TokenInvalid.class);
    }

    @Test
    void activeTokenIsAdmittedEverywhereAsItsUser() {
        OpaqueTokenView active = new OpaqueTokenView(42, OpaqueTokenStatus.ACTIVE, 0, 0, NOW.plusSeconds(60), null);
        for (RouteAccess access : RouteAccess.values()) {
            assertThat(RouteAccessRule.judge(Optional.of(active), access, 42, NOW))
                    .isEqualTo(new Verdict.Allowed(42, NOW.plusSeconds(60), null));
        }
    }

    @Test
    void activeTokenPastItsExpiryIsExpiredEvenBeforeQueueServiceSweepsIt() {
        OpaqueTokenView lapsed = new OpaqueTokenView(42, OpaqueTokenStatus.ACTIVE, 0, 0, NOW, null);
        assertThat(RouteAccessRule.judge(Optional.of(lapsed), RouteAccess.ACTIVE_ONLY, 42, NOW))
                .isInstanceOf(Verdict.TokenExpired.class);
    }

    @Test
    void waitingTokenIsToldItsPlaceOnActiveOnlyRoutes() {
        OpaqueTokenView waiting = new OpaqueTokenView(7, OpaqueTokenStatus.WAITING, 12, 30, null, null);
        assertThat(RouteAccessRule.judge(Optional.of(waiting), RouteAccess.ACTIVE_ONLY, 7, NOW))
                .isEqualTo(new Verdict.StillWaiting(12, 30));
    }

    @Test
    void waitingTokenIsAdmittedWhereWaitingUsersMayGo() {
        OpaqueTokenView waiting = new OpaqueTokenView(7, OpaqueTokenStatus.WAITING, 12, 30, null, null);
        assertThat(RouteAccessRule.judge(Optional.of(waiting), RouteAccess.WAITING_OR_ACTIVE, 7, NOW))
                .isEqualTo(new Verdict.Allowed(7, null, null));
    }

    @Test
    void expiredTokenIsExpiredEverywhere() {
        OpaqueTokenView expired = new OpaqueTokenView(7, OpaqueTokenStatus.EXPIRED, 0, 0, null, null);
        for (RouteAccess access : RouteAccess.values()) {
            assertThat(RouteAccessRule.judge(Optional.of(expired), access, 7, NOW))
                    .isInstanceOf(Verdict.TokenExpired.class);
        }
    }

    @Test
    void unrecognisedStateOrMissingUserIsNeverAdmitted() {
        OpaqueTokenView unrecognised = new OpaqueTokenView(7, OpaqueTokenStatus.parse("SUSPENDED"), 0, 0, null, null);
        OpaqueTokenView noUser = new OpaqueTokenView(0, OpaqueTokenStatus.ACTIVE, 0, 0, NOW.plusSeconds(60), null);
        for (RouteAccess access : RouteAccess.values()) {
            assertThat(RouteAccessRule.judge(Optional.of(unrecognised), access, 7, NOW))
                    .isInstanceOf(Verdict.TokenInvalid.class);
            assertThat(RouteAccessRule.judge(Optional.of(noUser), access, 0, NOW))
                    .isInstanceOf(Verdict.TokenInvalid.class);
        }
    }

    @Test
    void anotherUsersTokenIsNotYoursWhateverItsState() {
        for (OpaqueTokenView token : new OpaqueTokenView[] {
                new OpaqueTokenView(42, OpaqueTokenStatus.ACTIVE, 0, 0, NOW.plusSeconds(60), null),
                new OpaqueTokenView(42, OpaqueTokenStatus.WAITING, 12, 30, null, null),
                new OpaqueTokenView(42, OpaqueTokenStatus.EXPIRED, 0, 0, null, null)}) {
            for (RouteAccess access : RouteAccess.values()) {
                assertThat(RouteAccessRule.judge(Optional.of(token), access, 43, NOW))
                        .as(token + " " + access).isEqualTo(new Verdict.NotYours());
            }
        }
    }
}
