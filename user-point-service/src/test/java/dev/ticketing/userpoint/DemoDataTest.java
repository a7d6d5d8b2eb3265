package dev.ticketing.userpoint;

import static org.assertj.core.api.Assertions.assertThat;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.crypto.ECDSAVerifier;
import com.nimbusds.jwt.SignedJWT;
import dev.ticketing.testsupport.RealInfrastructure;
import dev.ticketing.userpoint.application.LoginService;
import dev.ticketing.userpoint.identity.TestKeys;
import dev.ticketing.userpoint.application.PointService;
import dev.ticketing.userpoint.domain.PointOutcome;
import java.security.interfaces.ECPublicKey;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.text.ParseException;
import java.util.List;
import java.util.Map;
import javax.sql.DataSource;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.core.io.ClassPathResource;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.datasource.init.ScriptUtils;
import org.springframework.jdbc.datasource.init.ResourceDatabasePopulator;
import org.springframework.test.context.ActiveProfiles;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

@SpringBootTest
@ActiveProfiles("demo")
@RealInfrastructure
class DemoDataTest {

    private static final TestKeys KEY = TestKeys.generate("demo-test-key");

    @DynamicPropertySource
    static void keys(DynamicPropertyRegistry registry) {
        TestKeys.register(registry, KEY);
    }

    @Autowired
    LoginService login;

    @Autowired
    JdbcClient jdbc;

    @Autowired
    DataSource dataSource;

    @Autowired
    PointService points;

    @Test
    void theDemoProfileGivesAThousandUsersTwoHundredThousandPointsEach() {
        assertThat(jdbc.sql("SELECT COUNT(*) FROM users").query(Long.class).single()).isEqualTo(1_001);
        assertUntouchedDemoUsers();
        assertThat(jdbc.sql("SELECT name FROM users WHERE id IN (1, 42, 1000) ORDER BY id").query(String.class).list())
                .containsExactly("user-0001", "user-0042", "user-1000");
        assertThat(points.balance(7)).isEqualTo(200_000);
    }

    @Test
    void runningTheDemoDataAgainChangesNothingAlreadyThere() {
        PointOutcome debit = points.debit(1, 50_000, "demo-rerun");
        assertThat(debit).isInstanceOf(PointOutcome.Applied.class);

        new ResourceDatabasePopulator(new ClassPathResource("db/demo/R__demo_users.sql")).execute(dataSource);

        assertThat(jdbc.sql("SELECT COUNT(*) FROM users").query(Long.class).single()).isEqualTo(1_001);
        assertThat(points.balance(1)).isEqualTo(150_000);
        assertUntouchedDemoUsers();
    }

    @Test
    void demoUsersLogInAsUserNWithTheDemoPasswordAndTheOperatorHasBothRoles() {
        assertThat(claims(login.login("user42", "demo-password", "203.0.113.1")))
                .containsEntry("sub", "42").containsEntry("roles", List.of("USER"))
                .containsEntry("preferred_username", "user42");
        assertThat(claims(login.login("USER1000", "demo-password", "203.0.113.1"))).containsEntry("sub", "1000");
        assertThat(claims(login.login("operator", "operator-password", "203.0.113.1")))
                .containsEntry("sub", "1001").containsEntry("roles", List.of("USER", "OPERATOR"));
        assertThat(login.login("user7", "operator-password", "203.0.113.1"))
                .isInstanceOf(LoginService.Result.InvalidCredentials.class);
        assertThat(jdbc.sql("SELECT COUNT(DISTINCT username_key) FROM users WHERE id BETWEEN 1 AND 1000")
                .query(Long.class).single()).isEqualTo(1_000);
        assertThat(points.balance(1001)).isZero();
    }

    @Test
    void credentialsAreOnlyGivenToDemoUsersWhoHaveNone() {
        jdbc.sql("UPDATE users SET password_hash = ? WHERE id = 3").param("{bcrypt}changed-by-the-user").update();

        new ResourceDatabasePopulator(new ClassPathResource("db/demo/R__demo_users.sql")).execute(dataSource);

        assertThat(jdbc.sql("SELECT password_hash FROM users WHERE id = 3").query(String.class).single())
                .isEqualTo("{bcrypt}changed-by-the-user");
    }

    /** The columns hold UTC (docs/conventions.md, "Time columns"): the script's times do not follow the session. */
    @Test
    void demoDataIsStampedInUtcWhateverTheSessionsTimeZone() throws SQLException {
        jdbc.sql("DELETE FROM point_transaction WHERE user_id = 1000").update();
        jdbc.sql("DELETE FROM point_balance WHERE user_id = 1000").update();
        jdbc.sql("DELETE FROM users WHERE id = 1000").update();

        try (Connection connection = dataSource.getConnection(); Statement session = connection.createStatement()) {
            session.execute("SET time_zone = '+09:00'");
            try {
                ScriptUtils.executeSqlScript(connection, new ClassPathResource("db/demo/R__demo_users.sql"));
            } finally {
                session.execute("SET time_zone = DEFAULT");
            }
        }

        assertThat(jdbc.sql("""
                        SELECT MAX(ABS(TIMESTAMPDIFF(SECOND, t, UTC_TIMESTAMP(6)))) FROM (
                            SELECT created_at AS t FROM users WHERE id = 1000
                            UNION ALL SELECT updated_at FROM point_balance WHERE user_id = 1000
                            UNION ALL SELECT created_at FROM point_transaction WHERE user_id = 1000) stamped""")
                .query(Long.class).single()).isLessThan(60);
    }

    private Map<String, Object> claims(LoginService.Result result) {
        assertThat(result).isInstanceOf(LoginService.Result.LoggedIn.class);
        try {
            SignedJWT jwt = SignedJWT.parse(((LoginService.Result.LoggedIn) result).token().value());
            assertThat(jwt.verify(new ECDSAVerifier((ECPublicKey) KEY.pair().getPublic()))).isTrue();
            return jwt.getJWTClaimsSet().getClaims();
        } catch (ParseException | JOSEException e) {
            throw new AssertionError(e);
        }
    }

    /** Demo users 2..1000 (user 1 is the one a test spends from): 200,000 points, recorded as one charge. */
    private void assertUntouchedDemoUsers() {
        assertThat(jdbc.sql("""
                        SELECT COUNT(*) FROM users u
                        JOIN point_balance b ON b.user_id = u.id
                        WHERE u.id BETWEEN 2 AND 1000 AND b.balance = 200000
                          AND (SELECT COUNT(*) FROM point_transaction t WHERE t.user_id = u.id) = 1
                          AND (SELECT SUM(t.amount) FROM point_transaction t
                               WHERE t.user_id = u.id AND t.type = 'CHARGE') = 200000""")
                .query(Long.class).single()).isEqualTo(999);
    }
}
