package dev.ticketing.userpoint;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ticketing.testsupport.RealInfrastructure;
import dev.ticketing.userpoint.application.LoginService;
import dev.ticketing.userpoint.application.PointService;
import dev.ticketing.userpoint.domain.PointOutcome;
import dev.ticketing.userpoint.identity.TestKeys;
import javax.sql.DataSource;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.core.io.ClassPathResource;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.datasource.init.ResourceDatabasePopulator;
import org.springframework.test.context.ActiveProfiles;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/** The load-test data set (profile loadtest, bin/load-test's crowd): the demo users, the operator, users 2001..5100. */
@SpringBootTest
@ActiveProfiles("loadtest")
@RealInfrastructure
class LoadTestDataTest {

    private static final TestKeys KEY = TestKeys.generate("loadtest-test-key");

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
    void theLoadTestProfileAddsUsers2001To5100ToTheDemoUsersWithTwoHundredThousandPointsEach() {
        assertThat(jdbc.sql("SELECT COUNT(*) FROM users").query(Long.class).single()).isEqualTo(1_001 + 3_100);
        assertThat(jdbc.sql("SELECT MIN(id), MAX(id), COUNT(*) FROM users WHERE id > 1001")
                .query((row, n) -> row.getLong(1) + ".." + row.getLong(2) + " " + row.getLong(3)).single())
                .isEqualTo("2001..5100 3100");
        assertThat(untouchedLoadTestUsers()).isEqualTo(3_099);
        assertThat(points.balance(1000)).as("a demo user").isEqualTo(200_000);
    }

    @Test
    void loadTestUsersLogInAsUserNWithTheDemoPassword() {
        assertThat(login.login("user2001", "demo-password", "203.0.113.2"))
                .isInstanceOf(LoginService.Result.LoggedIn.class);
        assertThat(login.login("user5100", "demo-password", "203.0.113.2"))
                .isInstanceOf(LoginService.Result.LoggedIn.class);
        assertThat(login.login("user5101", "demo-password", "203.0.113.2"))
                .isInstanceOf(LoginService.Result.InvalidCredentials.class);
        assertThat(login.login("operator", "operator-password", "203.0.113.2"))
                .isInstanceOf(LoginService.Result.LoggedIn.class);
    }

    @Test
    void runningTheLoadTestDataAgainChangesNothingAlreadyThere() {
        assertThat(points.debit(2001, 150_000, "loadtest-rerun")).isInstanceOf(PointOutcome.Applied.class);

        new ResourceDatabasePopulator(new ClassPathResource("db/loadtest/R__loadtest_users.sql")).execute(dataSource);

        assertThat(jdbc.sql("SELECT COUNT(*) FROM users").query(Long.class).single()).isEqualTo(1_001 + 3_100);
        assertThat(points.balance(2001)).isEqualTo(50_000);
        assertThat(untouchedLoadTestUsers()).isEqualTo(3_099);
    }

    /**
     * Load-test users 2002..5100 (user 2001 is the one a test spends from) with their credentials and 200,000 points
     * recorded as their one charge.
     */
    private long untouchedLoadTestUsers() {
        return jdbc.sql("""
                        SELECT COUNT(*) FROM users u
                        JOIN point_balance b ON b.user_id = u.id
                        WHERE u.id BETWEEN 2002 AND 5100 AND b.balance = 200000
                          AND u.username_key = CONCAT('user', u.id) AND u.roles = 'USER'
                          AND (SELECT COUNT(*) FROM point_transaction t WHERE t.user_id = u.id) = 1
                          AND (SELECT SUM(t.amount) FROM point_transaction t
                               WHERE t.user_id = u.id AND t.type = 'CHARGE') = 200000""")
                .query(Long.class).single();
    }
}
