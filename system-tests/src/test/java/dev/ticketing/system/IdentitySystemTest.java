package dev.ticketing.system;

import static dev.ticketing.system.ErrorBranchesSystemTest.assertProblem;
import static dev.ticketing.system.Gateway.get;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JOSEObjectType;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.ECDSASigner;
import com.nimbusds.jose.crypto.MACSigner;
import com.nimbusds.jose.jwk.Curve;
import com.nimbusds.jose.jwk.ECKey;
import com.nimbusds.jose.jwk.JWK;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.gen.ECKeyGenerator;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.PlainJWT;
import com.nimbusds.jwt.SignedJWT;
import dev.ticketing.system.Gateway.Response;
import java.net.http.HttpRequest;
import java.nio.charset.StandardCharsets;
import java.text.ParseException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Date;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/**
 * Who may do what, through the gateway only: a queue token is taken with a login and belongs to the user logged in;
 * another user's queue token is refused on every protected route and changes nothing; a forged access token is
 * refused before any service sees it; logins neither reveal which usernames exist nor can be guessed at length.
 */
class IdentitySystemTest {

    @Test
    void aQueueTokenNeedsALoginAndBelongsToTheUserLoggedInWhateverTheBodySays() {
        long a = DemoUsers.next();
        long b = DemoUsers.next();

        Response anonymous = Gateway.postAnonymously("/api/queue/tokens", "{\"userId\":" + a + "}");
        assertProblem(anonymous, 401, "UNAUTHENTICATED");
        assertThat(anonymous.header("WWW-Authenticate")).startsWith("Bearer");
        assertProblem(issue("garbage.not.ajwt", "{}"), 401, "ACCESS_TOKEN_INVALID");

        Response ofA = issue(Accounts.accessToken(a), "{\"userId\":" + b + "}");
        assertThat(ofA.status()).as("%s", ofA).isIn(200, 201);
        assertThat(ofA.number("userId")).as("the body's userId is ignored").isEqualTo(a);
        String tokenOfA = ofA.text("token");
        assertThat(me(tokenOfA, a).number("userId")).isEqualTo(a);
        assertThat(issue(Accounts.accessToken(a), "{}").text("token")).as("asked again: the same token").isEqualTo(tokenOfA);
        assertThat(issue(Accounts.accessToken(a), "").text("token")).as("an empty body too").isEqualTo(tokenOfA);

        // B asks for A's place in every way a body allows, and gets B's own
        for (String body : List.of("{\"userId\":" + a + "}", "{\"userId\":\"" + a + "\"}", "{}")) {
            Response ofB = issue(Accounts.accessToken(b), body);
            assertThat(ofB.status()).as("%s → %s", body, ofB).isBetween(200, 499);
            assertThat(ofB.raw()).as("B never sees A's token").doesNotContain(tokenOfA);
            if (ofB.status() < 300) {
                assertThat(ofB.number("userId")).isEqualTo(b);
            }
        }
        Response bAsksWithTheToken = send("/api/queue/tokens/me", tokenOfA, Accounts.accessToken(b), "GET", null);
        assertProblem(bAsksWithTheToken, 403, "TOKEN_NOT_YOURS");
        assertThat(bAsksWithTheToken.raw()).doesNotContain(tokenOfA);
        assertThat(me(tokenOfA, a).number("userId")).as("A's token is still A's").isEqualTo(a);
    }

    @Test
    void anotherUsersQueueTokenIsRefusedOnEveryProtectedRouteAndChangesNothing() {
        // A has bought a seat (a payment), holds another, and holds an active queue token
        Purchase bought = Purchase.prepare(5);
        long a = bought.userId();
        Response paid = Gateway.pay(bought.token(), bought.reservationId());
        assertThat(paid.status()).as("%s", paid).isEqualTo(201);
        long paymentId = paid.number("paymentId");
        await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(500))
                .until(() -> "TOKEN_EXPIRED".equals(get("/api/queue/tokens/me", bought.token()).code()));
        String tokenOfA = Gateway.activeToken(a);
        long[] concertAndDate = new long[2];
        List<JsonNode> seats = Gateway.availableSeats(tokenOfA, concertAndDate);
        long held = holdAny(tokenOfA, concertAndDate, seats, 0);
        long freeSeat = seats.stream().map(seat -> seat.get("seatId").asLong())
                .filter(seatId -> isAvailable(tokenOfA, concertAndDate, seatId)).findFirst().orElseThrow();

        long b = DemoUsers.next();
        String tokenOfB = Gateway.activeToken(b);
        Map<String, JsonNode> before = stateOf(tokenOfA, tokenOfB, concertAndDate, held, paymentId, freeSeat);

        String seatsPath = TicketingFlowSystemTest.seatsPath(concertAndDate);
        String jwtOfB = Accounts.accessToken(b);
        List<String[]> routes = List.of(
                new String[] {"GET", "/api/queue/tokens/me", null},
                new String[] {"GET", "/api/concerts/" + concertAndDate[0] + "/dates", null},
                new String[] {"GET", seatsPath, null},
                new String[] {"GET", seatsPath + "?all=true", null},
                new String[] {"POST", "/api/reservations", """
                        {"concertId":%d,"dateId":%d,"seatId":%d}""".formatted(concertAndDate[0], concertAndDate[1],
                        freeSeat)},
                new String[] {"GET", "/api/reservations/" + held, null},
                new String[] {"POST", "/api/payments", "{\"reservationId\":" + held + "}"},
                new String[] {"GET", "/api/payments/" + paymentId, null},
                new String[] {"GET", "/api/points", null},
                new String[] {"POST", "/api/points/charges", "{\"amount\":1000}"},
                new String[] {"GET", "/api/points/history?page=0&size=100", null});
        for (String[] route : routes) {
            Response refused = send(route[1], tokenOfA, jwtOfB, route[0], route[2]);
            assertProblem(refused, 403, "TOKEN_NOT_YOURS");
            assertThat(refused.raw()).as("%s %s", route[0], route[1]).doesNotContain(tokenOfA)
                    .doesNotContain("\"balance\"").doesNotContain("\"items\"").doesNotContain("\"reservationId\"");
        }
        // and A's queue token alone, without any login, is not enough either
        for (String[] route : routes) {
            Response refused = send(route[1], tokenOfA, null, route[0], route[2]);
            assertProblem(refused, 401, "UNAUTHENTICATED");
            assertThat(refused.header("WWW-Authenticate")).startsWith("Bearer");
        }

        assertThat(stateOf(tokenOfA, tokenOfB, concertAndDate, held, paymentId, freeSeat)).isEqualTo(before);
        assertThat(me(tokenOfA, a).text("status")).isEqualTo("ACTIVE");
    }

    @Test
    void forgedAccessTokensAreRefusedWithAProblemAndReachNoService() throws Exception {
        long a = DemoUsers.next();
        String tokenOfA = Gateway.activeToken(a);
        String genuine = Accounts.accessToken(a);
        SignedJWT parsed = SignedJWT.parse(genuine);
        String issuer = parsed.getJWTClaimsSet().getIssuer();
        String kid = parsed.getHeader().getKeyID();
        assertThat(parsed.getHeader().getAlgorithm()).isEqualTo(JWSAlgorithm.ES256);
        assertThat(kid).as("the issuer names its key").isNotBlank();
        JWKSet published = JWKSet.parse(send("/.well-known/jwks.json", null, null, "GET", null).raw());
        JWK publicKey = published.getKeyByKeyId(kid);
        assertThat(publicKey).as("the token's key is published: %s", published).isNotNull();
        assertThat(publicKey.isPrivate()).isFalse();
        long balanceBefore = get("/api/points", tokenOfA).number("balance");
        long historyBefore = get("/api/points/history", tokenOfA).number("total");

        ECKey stranger = new ECKeyGenerator(Curve.P_256).keyID(kid).generate();
        Map<String, String> forged = new LinkedHashMap<>();
        forged.put("signed by another key under the issuer's kid", es256(claimsOf(a, issuer, Instant.now()), stranger));
        forged.put("genuine claims, signature of another token",
                genuine.substring(0, genuine.lastIndexOf('.') + 1)
                        + SignedJWT.parse(Accounts.accessToken(DemoUsers.next())).getSignature());
        forged.put("alg none", new PlainJWT(claimsOf(a, issuer, Instant.now())).serialize());
        forged.put("HS256 keyed with the published public key", hs256WithPublicKey(claimsOf(a, issuer, Instant.now()),
                kid, publicKey));
        forged.put("unknown kid", es256(claimsOf(a, issuer, Instant.now()),
                new ECKeyGenerator(Curve.P_256).keyID("unknown-" + UUID.randomUUID()).generate()));
        forged.put("expired", IssuerKey.sign(claimsOf(a, issuer, Instant.now().minus(Duration.ofHours(1)))));
        forged.put("another issuer", IssuerKey.sign(claimsOf(a, "https://issuer.example.invalid", Instant.now())));
        forged.put("not a JWT", "abc.def.ghi");

        // the signing key the forgeries of exp and iss use is the issuer's own: a genuine token made with it passes
        String control = IssuerKey.sign(claimsOf(a, issuer, Instant.now()));
        assertThat(send("/api/points", tokenOfA, control, "GET", null).status()).as("control").isEqualTo(200);

        for (Map.Entry<String, String> forgery : forged.entrySet()) {
            for (String[] route : List.of(new String[] {"GET", "/api/points", null},
                    new String[] {"POST", "/api/points/charges", "{\"amount\":1}"},
                    new String[] {"POST", "/api/queue/tokens", "{}"})) {
                Response refused = send(route[1], tokenOfA, forgery.getValue(), route[0], route[2]);
                assertThat(refused.status()).as("%s on %s: %s", forgery.getKey(), route[1], refused).isEqualTo(401);
                assertProblem(refused, 401, "ACCESS_TOKEN_INVALID");
                assertThat(refused.header("WWW-Authenticate")).startsWith("Bearer");
            }
        }
        assertThat(get("/api/points", tokenOfA).number("balance")).as("no charge reached user-point")
                .isEqualTo(balanceBefore);
        assertThat(get("/api/points/history", tokenOfA).number("total")).isEqualTo(historyBefore);
    }

    @Test
    void aNewUserSignsUpLogsInAndTakesAQueueToken() throws ParseException {
        String username = "it-" + UUID.randomUUID().toString().substring(0, 8);
        String password = "correct horse " + UUID.randomUUID();

        assertProblem(Accounts.signUp("x", password), 400, "INVALID_REQUEST");
        assertProblem(Accounts.signUp("no spaces allowed", password), 400, "INVALID_REQUEST");
        assertProblem(Accounts.signUp(username, "short"), 400, "PASSWORD_REJECTED");
        assertProblem(Accounts.signUp(username, username.toUpperCase()), 400, "PASSWORD_REJECTED");
        Response created = Accounts.signUp(username, password);
        assertThat(created.status()).as("%s", created).isEqualTo(201);
        assertThat(created.text("username")).isEqualTo(username);
        assertThat(created.raw()).doesNotContain(password);
        long userId = created.number("userId");
        assertProblem(Accounts.signUp(username.toUpperCase(), "another password"), 409, "USERNAME_TAKEN");

        Response login = Accounts.login(username, password);
        assertThat(login.status()).as("%s", login).isEqualTo(200);
        assertThat(login.text("tokenType")).isEqualTo("Bearer");
        assertThat(login.number("expiresIn")).isPositive();
        String accessToken = login.text("accessToken");
        JWTClaimsSet claims = SignedJWT.parse(accessToken).getJWTClaimsSet();
        assertThat(claims.getSubject()).isEqualTo(Long.toString(userId));
        assertThat(claims.getStringListClaim("roles")).containsExactly("USER");

        Response issued = issue(accessToken, "{}");
        assertThat(issued.status()).as("%s", issued).isEqualTo(201);
        assertThat(issued.number("userId")).isEqualTo(userId);
        Response points = send("/api/points", issued.text("token"), accessToken, "GET", null);
        assertThat(points.status()).as("%s", points).isEqualTo(200);
        assertThat(points.number("userId")).isEqualTo(userId);
        assertThat(points.number("balance")).isZero();
    }

    @Test
    void aWrongPasswordAndAnUnknownUserGetTheSameAnswer() {
        Response wrongPassword = Accounts.login(Accounts.username(DemoUsers.next()), "not-the-password");
        Response unknownUser = Accounts.login("nobody-" + UUID.randomUUID().toString().substring(0, 8),
                "not-the-password");

        assertProblem(wrongPassword, 401, "INVALID_CREDENTIALS");
        assertProblem(unknownUser, 401, "INVALID_CREDENTIALS");
        assertThat(unknownUser.body()).isEqualTo(wrongPassword.body());
        assertThat(unknownUser.header("WWW-Authenticate")).isEqualTo(wrongPassword.header("WWW-Authenticate"));
    }

    @Test
    void twentyWrongPasswordsThrottleThatUserUntilTheWindowEndsAndNoOtherUser() {
        long guessed = DemoUsers.next();
        long other = DemoUsers.next();

        List<Integer> statuses = new ArrayList<>();
        for (int i = 1; i <= 20; i++) {
            Response refused = Accounts.login(Accounts.username(guessed), "guess-number-" + i);
            assertThat(refused.code()).as("attempt %d: %s", i, refused).isIn("INVALID_CREDENTIALS", "RATE_LIMITED");
            statuses.add(refused.status());
        }
        assertThat(statuses.getFirst()).isEqualTo(401);
        Response throttled = Accounts.login(Accounts.username(guessed), Accounts.DEMO_PASSWORD);
        assertProblem(throttled, 429, "RATE_LIMITED");
        long retryAfter = Long.parseLong(throttled.header("Retry-After"));
        assertThat(retryAfter).isPositive();

        Response otherLogin = Accounts.logIn(other);
        assertThat(otherLogin.status()).as("another user is not slowed: %s", otherLogin).isEqualTo(200);

        assertThat(retryAfter).as("bin/test exports a short AUTH_LOGIN_FAILURE_WINDOW so this test can wait it out")
                .isLessThanOrEqualTo(60);
        Gateway.sleep(retryAfter * 1000 + 500);
        Response afterTheWindow = Accounts.logIn(guessed);
        assertThat(afterTheWindow.status()).as("%s", afterTheWindow).isEqualTo(200);
    }

    // ---- helpers

    private static Response issue(String accessToken, String body) {
        return send("/api/queue/tokens", null, accessToken, "POST", body);
    }

    private static Response me(String token, long owner) {
        return send("/api/queue/tokens/me", token, Accounts.accessToken(owner), "GET", null);
    }

    private static Response send(String path, String token, String accessToken, String method, String body) {
        HttpRequest.Builder request = Gateway.request(path, token, accessToken);
        if (body == null) {
            return Gateway.send(request.method(method, HttpRequest.BodyPublishers.noBody()).build());
        }
        return Gateway.send(request.header("Content-Type", "application/json")
                .header("Idempotency-Key", UUID.randomUUID().toString())
                .method(method, HttpRequest.BodyPublishers.ofString(body)).build());
    }

    /** Everything of A's (and B's balance) that a misdirected request could change, read with A's credentials. */
    private static Map<String, JsonNode> stateOf(String tokenOfA, String tokenOfB, long[] concertAndDate, long held,
            long paymentId, long freeSeat) {
        Map<String, JsonNode> state = new LinkedHashMap<>();
        state.put("balance of A", get("/api/points", tokenOfA).body());
        state.put("history of A", get("/api/points/history?page=0&size=100", tokenOfA).body());
        state.put("hold of A", get("/api/reservations/" + held, tokenOfA).body());
        state.put("payment of A", get("/api/payments/" + paymentId, tokenOfA).body());
        state.put("free seat", Gateway.JSON.getNodeFactory().textNode(TicketingFlowSystemTest.seatStatus(
                get(TicketingFlowSystemTest.seatsPath(concertAndDate) + "?all=true", tokenOfA), freeSeat)));
        state.put("balance of B", get("/api/points", tokenOfB).body());
        state.put("history of B", get("/api/points/history?page=0&size=100", tokenOfB).body());
        return state;
    }

    private static boolean isAvailable(String token, long[] concertAndDate, long seatId) {
        return "AVAILABLE".equals(TicketingFlowSystemTest.seatStatus(
                get(TicketingFlowSystemTest.seatsPath(concertAndDate) + "?all=true", token), seatId));
    }

    private static long holdAny(String token, long[] concertAndDate, List<JsonNode> seats, int from) {
        for (int i = from; i < seats.size(); i++) {
            Response held = Gateway.post("/api/reservations", token, """
                    {"concertId":%d,"dateId":%d,"seatId":%d}""".formatted(concertAndDate[0], concertAndDate[1],
                    seats.get(i).get("seatId").asLong()));
            if (held.status() == 201) {
                return held.number("reservationId");
            }
            assertThat(held.code()).as("%s", held).isEqualTo("SEAT_NOT_AVAILABLE");
        }
        throw new AssertionError("No seat could be held");
    }

    static JWTClaimsSet claimsOf(long userId, String issuer, Instant issuedAt) {
        return new JWTClaimsSet.Builder().subject(Long.toString(userId)).issuer(issuer)
                .issueTime(Date.from(issuedAt)).expirationTime(Date.from(issuedAt.plus(Duration.ofMinutes(15))))
                .claim("roles", List.of("USER")).claim("preferred_username", Accounts.username(userId)).build();
    }

    private static String es256(JWTClaimsSet claims, ECKey key) throws JOSEException {
        SignedJWT jwt = new SignedJWT(new JWSHeader.Builder(JWSAlgorithm.ES256).keyID(key.getKeyID())
                .type(JOSEObjectType.JWT).build(), claims);
        jwt.sign(new ECDSASigner(key));
        return jwt.serialize();
    }

    /** The classic key-confusion forgery: the public key's text used as an HMAC secret. */
    private static String hs256WithPublicKey(JWTClaimsSet claims, String kid, JWK publicKey) throws JOSEException {
        SignedJWT jwt = new SignedJWT(new JWSHeader.Builder(JWSAlgorithm.HS256).keyID(kid).type(JOSEObjectType.JWT)
                .build(), claims);
        jwt.sign(new MACSigner(publicKey.toJSONString().getBytes(StandardCharsets.UTF_8)));
        return jwt.serialize();
    }
}
