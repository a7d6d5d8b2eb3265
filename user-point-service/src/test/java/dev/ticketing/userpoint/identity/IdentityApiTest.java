package dev.ticketing.userpoint.identity;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ticketing.testsupport.MutableClock;
import dev.ticketing.testsupport.RealInfrastructure;
import dev.ticketing.testsupport.TestClockConfiguration;
import dev.ticketing.userpoint.TestUsers;
import dev.ticketing.userpoint.application.LoginThrottle;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.annotation.Import;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.security.oauth2.jose.jws.SignatureAlgorithm;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.security.oauth2.jwt.NimbusJwtDecoder;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import tools.jackson.databind.JsonNode;

/**
 * Sign-up, login and the JWKS over real HTTP into the service, on a MariaDB database of its own. Tokens live 7
 * minutes here (not the default 15), at most 10 failures per username and 30 per address in 5 minutes.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = {
        "auth.access-token-ttl=7m", "auth.login.max-failures-per-user=10", "auth.login.max-failures-per-address=30",
        "auth.login.failure-window=5m",
        // tokens are decoded here against the system clock, so this one runs with it
        TestClockConfiguration.RUNNING + "=true"})
@Import(TestClockConfiguration.class)
@RealInfrastructure
class IdentityApiTest {

    private static final TestKeys KEY = TestKeys.generate("key-" + UUID.randomUUID());
    private static final AtomicInteger NAMES = new AtomicInteger();

    @DynamicPropertySource
    static void keys(DynamicPropertyRegistry registry) {
        TestKeys.register(registry, KEY);
    }

    @LocalServerPort
    int port;

    @Autowired
    JdbcClient jdbc;

    @Autowired
    PasswordEncoder encoder;

    @Autowired
    MutableClock clock;

    @Autowired
    LoginThrottle throttle;

    Http http;

    @BeforeEach
    void client() {
        http = new Http(port);
    }

    @Test
    void signUpAnswers201AndStoresOnlyAHashOfThePassword() {
        String name = unique("Alice");
        Http.Answer answer = http.signUp(name, "correct horse battery");

        assertThat(answer.status()).isEqualTo(201);
        assertThat(answer.json().get("username").asString()).isEqualTo(name);
        long userId = answer.json().get("userId").asLong();
        assertThat(userId).isGreaterThan(1_000_000L);
        assertThat(answer.raw().body()).doesNotContain("correct horse battery");

        Map<String, Object> row = jdbc.sql("SELECT * FROM users WHERE id = ?").param(userId).query().singleRow();
        assertThat(row.get("username")).isEqualTo(name);
        assertThat(row.get("username_key")).isEqualTo(name.toLowerCase());
        assertThat(row.get("roles")).isEqualTo("USER");
        String hash = (String) row.get("password_hash");
        assertThat(hash).startsWith("{bcrypt}$2a$10$").doesNotContain("correct horse battery");
        assertThat(row.values()).noneMatch(value -> String.valueOf(value).contains("correct horse battery"));
        assertThat(encoder.matches("correct horse battery", hash)).isTrue();
        assertThat(new TestUsers(jdbc).balance(userId)).isZero();
    }

    @Test
    @ExtendWith(OutputCaptureExtension.class)
    void passwordsAreNeverLogged(CapturedOutput output) {
        String name = unique("logged");
        String password = "never-in-a-log-" + UUID.randomUUID();

        http.signUp(name, password);
        http.signUp(name, password);
        http.signUp(unique("short"), "short");
        http.login(name, password, address());
        http.login(name, password + "-wrong", address());
        http.post("/api/auth/login", "{\"username\":\"" + name + "\",\"password\":\"" + password + "\",}");

        assertThat(output.getAll()).doesNotContain(password).doesNotContain("short\"");
    }

    @Test
    void aUsernameIsTakenInAnyLetterCase() {
        String name = unique("Bob");
        assertThat(http.signUp(name, "password-one").status()).isEqualTo(201);

        Http.Answer again = http.signUp(name.toUpperCase(), "password-two");

        assertThat(again.status()).isEqualTo(409);
        assertThat(again.json().get("code").asString()).isEqualTo("USERNAME_TAKEN");
        assertThat(jdbc.sql("SELECT COUNT(*) FROM users WHERE username_key = ?").param(name.toLowerCase())
                .query(Long.class).single()).isEqualTo(1);
    }

    @Test
    void weakPasswordsAreRefused() {
        String name = unique("carol");
        for (String weak : List.of("", "short", "1234567", "a".repeat(129), name.toUpperCase(),
                "é".repeat(37) /* 37 characters, 74 bytes: over bcrypt's 72 */)) {
            Http.Answer answer = http.signUp(name, weak);
            assertThat(answer.status()).as(weak).isEqualTo(400);
            assertThat(answer.json().get("code").asString()).as(weak).isEqualTo("PASSWORD_REJECTED");
        }
        assertThat(http.signUp(name, "a".repeat(72)).status()).isEqualTo(201);
        assertThat(jdbc.sql("SELECT COUNT(*) FROM users WHERE username_key = ?").param(name)
                .query(Long.class).single()).isEqualTo(1);
    }

    @Test
    void badUsernamesAndMalformedBodiesAreRefused() {
        for (String bad : List.of("ab", "has space", "x".repeat(33), "jürgen", "semi;colon")) {
            Http.Answer answer = http.signUp(bad, "long enough password");
            assertThat(answer.status()).as(bad).isEqualTo(400);
            assertThat(answer.json().get("code").asString()).as(bad).isEqualTo("INVALID_REQUEST");
        }
        assertThat(http.post("/api/users", "{\"username\":\"" + unique("dan") + "\"}").json().get("code").asString())
                .isEqualTo("INVALID_REQUEST");
        assertThat(http.post("/api/users", "{\"username\":\"" + unique("dan") + "\",\"password\":12345678}")
                .json().get("code").asString()).isEqualTo("MALFORMED_REQUEST");
        assertThat(http.post("/api/auth/login", "{\"username\":\"dan\"}").json().get("code").asString())
                .isEqualTo("INVALID_REQUEST");
        assertThat(http.post("/api/auth/login", "not json").json().get("code").asString())
                .isEqualTo("MALFORMED_REQUEST");
    }

    @Test
    void loginIssuesAnEs256JwtThatVerifiesAgainstTheServedJwks() {
        String name = unique("Erin");
        long userId = http.signUp(name, "erin's password").json().get("userId").asLong();
        Instant before = Instant.now().minusSeconds(1);

        Http.Answer login = http.login(name.toLowerCase(), "erin's password", address());

        assertThat(login.status()).isEqualTo(200);
        assertThat(login.header("Cache-Control")).isEqualTo("no-store");
        assertThat(login.json().get("tokenType").asString()).isEqualTo("Bearer");
        assertThat(login.json().get("expiresIn").asLong()).isEqualTo(420);
        Jwt jwt = NimbusJwtDecoder.withJwkSetUri(http.base() + "/.well-known/jwks.json")
                .jwsAlgorithm(SignatureAlgorithm.ES256).build()
                .decode(login.json().get("accessToken").asString());
        assertThat(jwt.getHeaders()).containsEntry("alg", "ES256").containsEntry("kid", KEY.id());
        assertThat(jwt.getIssuer()).hasToString("http://127.0.0.1:8084");
        assertThat(jwt.getSubject()).isEqualTo(Long.toString(userId));
        assertThat(jwt.getClaimAsStringList("roles")).containsExactly("USER");
        assertThat(jwt.getClaimAsString("preferred_username")).isEqualTo(name);
        assertThat(jwt.getIssuedAt()).isAfterOrEqualTo(before.truncatedTo(ChronoUnit.SECONDS));
        assertThat(Duration.between(jwt.getIssuedAt(), jwt.getExpiresAt())).isEqualTo(Duration.ofMinutes(7));
    }

    @Test
    void theJwksPublishesPublicKeysOnlyAndTheDiscoveryDocumentNamesIt() {
        Http.Answer jwks = http.get("/.well-known/jwks.json");

        assertThat(jwks.status()).isEqualTo(200);
        assertThat(jwks.header("Cache-Control")).isEqualTo("max-age=300, public");
        JsonNode key = jwks.json().get("keys").get(0);
        assertThat(jwks.json().get("keys")).hasSize(1);
        assertThat(key.get("kid").asString()).isEqualTo(KEY.id());
        assertThat(key.get("kty").asString()).isEqualTo("EC");
        assertThat(key.get("crv").asString()).isEqualTo("P-256");
        assertThat(key.get("alg").asString()).isEqualTo("ES256");
        assertThat(key.has("d")).as("private part").isFalse();

        Http.Answer discovery = http.get("/.well-known/openid-configuration");
        assertThat(discovery.json().get("issuer").asString()).isEqualTo("http://127.0.0.1:8084");
        assertThat(discovery.json().get("jwks_uri").asString())
                .isEqualTo("http://127.0.0.1:8084/.well-known/jwks.json");
    }

    @Test
    void aWrongPasswordAndAnUnknownUserGetTheSameAnswerInComparableTime() {
        String name = unique("frank");
        http.signUp(name, "frank's password");
        String address = address();
        http.login(name, "warm-up wrong", address);
        http.login(unique("nobody"), "warm-up wrong", address);
        String someHash = encoder.encode("x".repeat(20));
        long oneHashCheck = medianNanos(5, () -> encoder.matches("y".repeat(20), someHash));

        // interleaved, so that a burst of load on the shared machine slows both kinds alike
        Http.Answer[] wrong = new Http.Answer[1];
        Http.Answer[] unknown = new Http.Answer[1];
        long[] wrongNanos = new long[7];
        long[] unknownNanos = new long[7];
        for (int i = 0; i < 7; i++) {
            wrongNanos[i] = nanos(() -> wrong[0] = http.login(name, "not frank's password", address));
            unknownNanos[i] = nanos(() -> unknown[0] = http.login(unique("nobody"), "not frank's password", address));
        }
        long wrongPassword = median(wrongNanos);
        long unknownUser = median(unknownNanos);

        assertThat(wrong[0].status()).isEqualTo(401);
        assertThat(unknown[0].status()).isEqualTo(401);
        assertThat(wrong[0].json().get("code").asString()).isEqualTo("INVALID_CREDENTIALS");
        assertThat(unknown[0].raw().body()).isEqualTo(wrong[0].raw().body());
        assertThat(unknown[0].header("Content-Type")).isEqualTo(wrong[0].header("Content-Type"));
        // both pay for a hash check; generous bounds, not a tight timing
        assertThat(wrongPassword).isGreaterThan(oneHashCheck / 2);
        assertThat(unknownUser).isGreaterThan(oneHashCheck / 2);
        assertThat((double) Math.max(wrongPassword, unknownUser) / Math.min(wrongPassword, unknownUser))
                .isLessThan(3.0);
    }

    @Test
    void twentyWrongPasswordsAreThrottledUntilTheWindowEndsWhileOtherUsersLogIn() {
        String victim = unique("grace");
        String other = unique("heidi");
        http.signUp(victim, "grace's password");
        http.signUp(other, "heidi's password");
        String attacker = address();

        int[] statuses = new int[20];
        Http.Answer last = null;
        for (int i = 0; i < 20; i++) {
            last = http.login(victim, "guess " + i, attacker);
            statuses[i] = last.status();
            if (i == 12) {
                assertThat(http.login(other, "heidi's password", address()).status())
                        .as("another user, meanwhile").isEqualTo(200);
            }
        }

        assertThat(Arrays.stream(statuses, 0, 10)).containsOnly(401);
        assertThat(Arrays.stream(statuses, 10, 20)).containsOnly(429);
        assertThat(last.json().get("code").asString()).isEqualTo("RATE_LIMITED");
        long retryAfter = Long.parseLong(last.header("Retry-After"));
        assertThat(retryAfter).isBetween(1L, 300L);
        assertThat(http.login(victim, "grace's password", address()).status())
                .as("the right password, while the username is throttled").isEqualTo(429);

        clock.advance(Duration.ofSeconds(retryAfter));

        assertThat(http.login(victim, "grace's password", address()).status()).isEqualTo(200);
        assertThat(http.get("/actuator/prometheus").raw().body())
                .containsPattern("auth_logins_total\\{[^}]*outcome=\"throttled\"[^}]*} [1-9]");
    }

    @Test
    void aSuccessfulLoginResetsItsUsersCount() {
        String name = unique("ivan");
        http.signUp(name, "ivan's password");
        String address = address();
        for (int i = 0; i < 9; i++) {
            assertThat(http.login(name, "guess " + i, address).status()).isEqualTo(401);
        }
        assertThat(http.login(name, "ivan's password", address).status()).isEqualTo(200);

        for (int i = 0; i < 10; i++) {
            assertThat(http.login(name, "guess " + i, address).status()).as("failure %d after the reset", i)
                    .isEqualTo(401);
        }
        assertThat(http.login(name, "guess", address).status()).isEqualTo(429);
    }

    @Test
    void anAddressWithTooManyFailuresIsThrottledForEveryUsernameButOtherAddressesAreNot() {
        String name = unique("judy");
        http.signUp(name, "judy's password");
        String sprayer = address();
        for (int i = 0; i < 30; i++) {
            assertThat(http.login(unique("spray"), "password", sprayer).status()).isEqualTo(401);
        }

        Http.Answer throttled = http.login(name, "judy's password", sprayer);

        assertThat(throttled.status()).isEqualTo(429);
        assertThat(throttled.header("Retry-After")).isNotNull();
        assertThat(http.login(name, "judy's password", address()).status()).isEqualTo(200);
    }

    @Test
    void rowsOfWindowsThatAreOverArePurged() {
        String old = unique("gone");
        http.login(old, "wrong password", address());
        clock.advance(Duration.ofMinutes(6));
        String recent = unique("recent");
        http.login(recent, "wrong password", address());

        throttle.purgeOldWindows();

        assertThat(jdbc.sql("SELECT subject FROM login_attempt WHERE subject IN (?, ?)")
                .params("user:" + old.toLowerCase(), "user:" + recent.toLowerCase()).query(String.class).list())
                .containsExactly("user:" + recent.toLowerCase());
    }

    @Test
    void aUserWithoutCredentialsCannotLogInButKeepsTheirPoints() {
        TestUsers users = new TestUsers(jdbc);
        long userId = users.create(500);
        jdbc.sql("UPDATE users SET name = ? WHERE id = ?").params("legacy" + userId, userId).update();

        assertThat(http.login("legacy" + userId, "anything at all", address()).status()).isEqualTo(401);
        assertThat(http.post("/internal/points/debits",
                "{\"userId\":" + userId + ",\"amount\":100,\"idempotencyKey\":\"k-" + userId + "\"}").status())
                .isEqualTo(200);
        assertThat(users.balance(userId)).isEqualTo(400);
    }

    private static String unique(String prefix) {
        return prefix + "-" + NAMES.incrementAndGet() + "-" + UUID.randomUUID().toString().substring(0, 6);
    }

    private static String address() {
        return "198.51.100." + NAMES.incrementAndGet() % 250 + "-" + UUID.randomUUID().toString().substring(0, 4);
    }

    private static long medianNanos(int times, Runnable action) {
        long[] nanos = new long[times];
        for (int i = 0; i < times; i++) {
            nanos[i] = nanos(action);
        }
        return median(nanos);
    }

    private static long nanos(Runnable action) {
        long start = System.nanoTime();
        action.run();
        return System.nanoTime() - start;
    }

    private static long median(long[] nanos) {
        long[] sorted = nanos.clone();
        Arrays.sort(sorted);
        return sorted[sorted.length / 2];
    }
}
