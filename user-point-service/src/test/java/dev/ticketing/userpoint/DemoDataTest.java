package dev.ticketing.userpoint;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ticketing.testsupport.RealInfrastructure;
import dev.ticketing.userpoint.application.PointService;
import dev.ticketing.userpoint.domain.PointOutcome;
import javax.sql.DataSource;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.core.io.ClassPathResource;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.datasource.init.ResourceDatabasePopulator;
import org.springframework.test.context.ActiveProfiles;

@SpringBootTest
@ActiveProfiles("demo")
@RealInfrastructure
class DemoDataTest {

    @Autowired
    JdbcClient jdbc;

    @Autowired
    DataSource dataSource;

    @Autowired
    PointService points;

    @Test
    void theDemoProfileGivesAThousandUsersTwoHundredThousandPointsEach() {
        assertThat(jdbc.sql("SELECT COUNT(*) FROM users").query(Long.class).single()).isEqualTo(1_000);
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

        assertThat(jdbc.sql("SELECT COUNT(*) FROM users").query(Long.class).single()).isEqualTo(1_000);
        assertThat(points.balance(1)).isEqualTo(150_000);
        assertUntouchedDemoUsers();
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
