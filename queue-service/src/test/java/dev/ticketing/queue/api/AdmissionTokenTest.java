package dev.ticketing.queue.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.header;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import com.nimbusds.jose.JWSObject;
import com.nimbusds.jose.crypto.ECDSAVerifier;
import com.nimbusds.jwt.SignedJWT;
import dev.ticketing.queue.CleanRedis;
import dev.ticketing.queue.RedisOnly;
import dev.ticketing.queue.application.QueueProperties;
import dev.ticketing.queue.domain.QueueToken;
import dev.ticketing.queue.domain.RoomId;
import dev.ticketing.queue.infrastructure.RedisQueueStore;
import dev.ticketing.support.web.IdentityHeaders;
import dev.ticketing.testsupport.MutableClock;
import dev.ticketing.testsupport.RealInfrastructure;
import dev.ticketing.testsupport.TestClockConfiguration;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.SecureRandom;
import java.security.interfaces.ECPublicKey;
import java.security.spec.ECGenParameterSpec;
import java.time.temporal.ChronoUnit;
import java.util.Base64;
import java.util.HashSet;
import java.util.Set;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.webmvc.test.autoconfigure.AutoConfigureMockMvc;
import org.springframework.context.annotation.Import;
import org.springframework.data.redis.core.StringRedisTemplate;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.ResultActions;
import tools.jackson.databind.json.JsonMapper;

/** The ACTIVE answer's signed admission token, and the waiting answer's advice on when to poll again. */
@SpringBootTest(properties = {RedisOnly.NO_SCHEDULER, RedisOnly.NO_PAYMENT_LISTENER, RedisOnly.NO_TOPIC_CREATION,
        "ticketing.queue.capacity=1", "ticketing.admission.issuer=test-queue"})
@AutoConfigureMockMvc
@RealInfrastructure(database = false)
@Import(TestClockConfiguration.class)
class AdmissionTokenTest {

    private static final SecureRandom RANDOM = new SecureRandom();
    private static final KeyPair KEY = ecKeyPair();

    @DynamicPropertySource
    static void signingKey(DynamicPropertyRegistry registry) {
        registry.add("ticketing.admission.keys[0].id", () -> "test-admission-1");
        registry.add("ticketing.admission.keys[0].public-key", () -> pem("PUBLIC KEY", KEY.getPublic().getEncoded()));
        registry.add("ticketing.admission.keys[0].private-key",
                () -> pem("PRIVATE KEY", KEY.getPrivate().getEncoded()));
    }

    @Autowired
    MockMvc http;
    @Autowired
    RedisQueueStore store;
    @Autowired
    StringRedisTemplate redis;
    @Autowired
    MutableClock clock;
    @Autowired
    QueueProperties properties;

    @BeforeEach
    @AfterEach
    void emptyWaitingRoom() {
        CleanRedis.deleteKeysUnder(redis, store.keys().prefix());
    }

    @Test
    void activeAnswerCarriesASignedAdmissionTokenOfTheUserAndRoom() throws Exception {
        QueueToken token = issue(7);
        store.tick(RoomId.DEFAULT, clock.instant(), false);

        String body = me(token.value(), 7)
                .andExpect(status().isOk())
                .andExpect(jsonPath("$.status").value("ACTIVE"))
                .andExpect(header().doesNotExist("Retry-After"))
                .andExpect(jsonPath("$.refreshAfterSeconds").doesNotExist())
                .andReturn().getResponse().getContentAsString();
        String admission = JsonMapper.builder().build().readTree(body).get("admissionToken").asString();

        SignedJWT jwt = SignedJWT.parse(admission);
        assertThat(jwt.verify(new ECDSAVerifier((ECPublicKey) KEY.getPublic()))).isTrue();
        assertThat(jwt.getHeader().getAlgorithm().getName()).isEqualTo("ES256");
        assertThat(jwt.getHeader().getKeyID()).isEqualTo("test-admission-1");
        assertThat(jwt.getHeader().getType().getType()).isEqualTo("admission+jwt");
        var claims = jwt.getJWTClaimsSet();
        assertThat(claims.getIssuer()).isEqualTo("test-queue");
        assertThat(claims.getSubject()).isEqualTo("7");
        assertThat(claims.getStringClaim("room")).isEqualTo("default");
        assertThat(claims.getJWTID()).isEqualTo(token.admissionId());
        var expiresAt = clock.instant().plus(properties.activeTtl()).truncatedTo(ChronoUnit.SECONDS);
        assertThat(claims.getExpirationTime().toInstant()).isEqualTo(expiresAt);
        assertThat(claims.getLongClaim("admittedAt")).isEqualTo(clock.instant().getEpochSecond());
        assertThat(claims.getIssueTime()).isNotNull();
    }

    @Test
    void aConcertsRoomSignsItsAdmissionForThatConcertOnlyAndEachRoomHasItsOwn() throws Exception {
        QueueToken inTwo = store.issue(RoomId.ofConcert(2), 7, QueueToken.generate(RANDOM), clock.instant()).token();
        QueueToken inThree = store.issue(RoomId.ofConcert(3), 7, QueueToken.generate(RANDOM), clock.instant()).token();
        store.tick(RoomId.ofConcert(2), clock.instant(), false);
        store.tick(RoomId.ofConcert(3), clock.instant(), false);

        var two = SignedJWT.parse(admissionToken(inTwo, 7)).getJWTClaimsSet();
        var three = SignedJWT.parse(admissionToken(inThree, 7)).getJWTClaimsSet();

        assertThat(two.getStringClaim("room")).isEqualTo("2");
        assertThat(three.getStringClaim("room")).isEqualTo("3");
        assertThat(two.getJWTID()).isNotEqualTo(three.getJWTID());
        me(inTwo.value(), 7).andExpect(jsonPath("$.concertId").value(2));
    }

    @Test
    void everyAdmissionHasItsOwnId() throws Exception {
        Set<String> ids = new HashSet<>();
        for (int user = 1; user <= 3; user++) {
            QueueToken token = issue(user);
            store.tick(RoomId.DEFAULT, clock.instant(), false);
            ids.add(SignedJWT.parse(admissionToken(token, user)).getJWTClaimsSet().getJWTID());
            CleanRedis.deleteKeysUnder(redis, store.keys().prefix());
        }
        assertThat(ids).hasSize(3);
    }

    @Test
    void waitingAnswerSaysWhenToPollAgainLaterForThoseFurtherBack() throws Exception {
        QueueToken admitted = issue(1);
        store.tick(RoomId.DEFAULT, clock.instant(), false);
        QueueToken next = issue(2);
        for (int user = 3; user < 400; user++) {
            issue(user);
        }
        QueueToken farBack = issue(400);

        long nearRefresh = refreshAfter(me(next.value(), 2));
        long farRefresh = refreshAfter(me(farBack.value(), 400));

        assertThat(nearRefresh).isBetween(1L, properties.admissionInterval().toSeconds());
        assertThat(farRefresh).isGreaterThan(nearRefresh).isLessThanOrEqualTo(60);
        me(admitted.value(), 1).andExpect(jsonPath("$.admissionToken").isString());
    }

    private long refreshAfter(ResultActions answer) throws Exception {
        var response = answer.andExpect(status().isOk()).andExpect(jsonPath("$.status").value("WAITING"))
                .andReturn().getResponse();
        long field = JsonMapper.builder().build().readTree(response.getContentAsString())
                .get("refreshAfterSeconds").asLong();
        assertThat(response.getHeader("Retry-After")).isEqualTo(Long.toString(field));
        return field;
    }

    private String admissionToken(QueueToken token, long userId) throws Exception {
        String body = me(token.value(), userId).andReturn().getResponse().getContentAsString();
        String admission = JsonMapper.builder().build().readTree(body).get("admissionToken").asString();
        assertThat(JWSObject.parse(admission).getState()).isEqualTo(JWSObject.State.SIGNED);
        return admission;
    }

    private ResultActions me(String token, long userId) throws Exception {
        return http.perform(get("/api/queue/tokens/me").header(IdentityHeaders.USER_ID, Long.toString(userId))
                .header(IdentityHeaders.QUEUE_TOKEN, token));
    }

    private QueueToken issue(long userId) {
        return store.issue(RoomId.DEFAULT, userId, QueueToken.generate(RANDOM), clock.instant()).token();
    }

    static KeyPair ecKeyPair() {
        try {
            KeyPairGenerator generator = KeyPairGenerator.getInstance("EC");
            generator.initialize(new ECGenParameterSpec("secp256r1"));
            return generator.generateKeyPair();
        } catch (java.security.GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    static String pem(String type, byte[] der) {
        return "-----BEGIN " + type + "-----\n" + Base64.getMimeEncoder().encodeToString(der) + "\n-----END " + type
                + "-----\n";
    }
}
