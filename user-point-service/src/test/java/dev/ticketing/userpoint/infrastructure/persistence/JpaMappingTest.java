package dev.ticketing.userpoint.infrastructure.persistence;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.ticketing.testsupport.MicrosecondInstant;
import dev.ticketing.testsupport.NonUtcDefaultTimeZone;
import dev.ticketing.testsupport.RealInfrastructure;
import dev.ticketing.testsupport.TimeColumns;
import dev.ticketing.userpoint.TestUsers;
import dev.ticketing.userpoint.application.LoginAttemptStore;
import dev.ticketing.userpoint.application.PointLedger;
import dev.ticketing.userpoint.domain.TransactionType;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.TimeZone;
import javax.sql.DataSource;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * What moving from JdbcClient to JPA must not change: instants to the microsecond, one transaction for JPA and JDBC
 * writes on the same connection, and a duplicate key translated as JdbcClient translated it. The JVM runs in UTC+9
 * here, so a time bound or read in the JVM's zone instead of UTC would be nine hours off (docs/conventions.md, "Time
 * columns").
 */
@SpringBootTest
@RealInfrastructure
@ExtendWith(NonUtcDefaultTimeZone.class)
class JpaMappingTest {

    /** Whole seconds: the driver drops a bound value's fraction against MariaDB (MicrosecondInstant). */
    private static final Instant WHOLE_SECOND = MicrosecondInstant.VALUE.truncatedTo(ChronoUnit.SECONDS);
    private static final String WHOLE_SECOND_UTC = "2026-12-03 05:06:07.000000";

    @Autowired
    PointLedger ledger;

    @Autowired
    LoginAttemptStore loginAttempts;

    @Autowired
    PointOperationRepository operations;

    @Autowired
    TransactionTemplate transaction;

    @Autowired
    JdbcClient jdbc;

    @Autowired
    DataSource dataSource;

    @Test
    void everyTimeColumnOfTheSchemaIsDatetime6() {
        // user-point's own and the Idempotency-Key store's
        assertThat(TimeColumns.count(dataSource)).isEqualTo(9);
        assertThat(TimeColumns.notDatetime6(dataSource)).isEmpty();
    }

    /** Stored as SQL text: the driver would drop the fraction of a bound value (MicrosecondInstant). */
    @Test
    void anInstantWithMicrosecondsReadsBackUnchanged() {
        long user = new TestUsers(jdbc).create(0);
        transaction.executeWithoutResult(
                status -> ledger.append(user, TransactionType.CHARGE, 5, 5, MicrosecondInstant.VALUE));
        jdbc.sql("UPDATE point_transaction SET created_at = ? WHERE user_id = ?")
                .params(MicrosecondInstant.SQL_TEXT, user).update();
        jdbc.sql("INSERT INTO login_attempt (subject, window_start, attempts) VALUES ('user:micros', ?, 1)")
                .param(MicrosecondInstant.SQL_TEXT).update();

        assertThat(ledger.history(user, 0, 1).getFirst().createdAt()).isEqualTo(MicrosecondInstant.VALUE);
        assertThat(loginAttempts.find("user:micros").orElseThrow().windowStart()).isEqualTo(MicrosecondInstant.VALUE);
    }

    /** As the JDBC code binds its times (a UTC LocalDateTime), whatever the JVM's zone. */
    @Test
    void anInstantIsStoredAsItsUtcWallTimeAndReadBackUnchanged() {
        assertThat(TimeZone.getDefault()).isEqualTo(NonUtcDefaultTimeZone.ZONE);
        long user = new TestUsers(jdbc).create(0);

        transaction.executeWithoutResult(status -> ledger.append(user, TransactionType.CHARGE, 5, 5, WHOLE_SECOND));

        assertThat(jdbc.sql("SELECT CAST(created_at AS CHAR) FROM point_transaction WHERE user_id = ?").param(user)
                .query(String.class).single()).isEqualTo(WHOLE_SECOND_UTC);
        assertThat(ledger.history(user, 0, 1).getFirst().createdAt()).isEqualTo(WHOLE_SECOND);
    }

    @Test
    void aJpaChangeAndAJdbcWriteInOneTransactionCommitTogether() {
        long user = new TestUsers(jdbc).create(100);

        transaction.executeWithoutResult(status -> {
            ledger.debit(user, 30, Instant.now());
            // the JDBC side sees the JPA side's uncommitted change: one connection, one transaction
            assertThat(jdbc.sql("SELECT balance FROM point_balance WHERE user_id = ?").param(user)
                    .query(Long.class).single()).isEqualTo(70);
            jdbc.sql("UPDATE users SET name = 'renamed' WHERE id = ?").param(user).update();
        });

        assertThat(new TestUsers(jdbc).balance(user)).isEqualTo(70);
        assertThat(name(user)).isEqualTo("renamed");
    }

    @Test
    void aJpaChangeAndAJdbcWriteInOneTransactionRollBackTogether() {
        long user = new TestUsers(jdbc).create(100);

        assertThatThrownBy(() -> transaction.executeWithoutResult(status -> {
            ledger.debit(user, 30, Instant.now());
            jdbc.sql("UPDATE users SET name = 'renamed' WHERE id = ?").param(user).update();
            throw new IllegalStateException("the use case fails after both writes");
        })).isInstanceOf(IllegalStateException.class);

        assertThat(new TestUsers(jdbc).balance(user)).isEqualTo(100);
        assertThat(name(user)).isEqualTo("test-" + user);
    }

    @Test
    void aSecondOutcomeForOneKeyIsADuplicateKeyAsWithJdbcClient() {
        long user = new TestUsers(jdbc).create(0);
        transaction.executeWithoutResult(status -> operations.insert(user, "DEBIT", "pay-1", "INSUFFICIENT_BALANCE",
                10, null, 0L, Instant.now()));

        assertThatThrownBy(() -> transaction.executeWithoutResult(status -> operations.insert(user, "DEBIT",
                "pay-1", "INSUFFICIENT_BALANCE", 10, null, 0L, Instant.now())))
                .isInstanceOf(DuplicateKeyException.class);
    }

    private String name(long user) {
        return jdbc.sql("SELECT name FROM users WHERE id = ?").param(user).query(String.class).single();
    }
}
