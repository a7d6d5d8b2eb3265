package dev.ticketing.userpoint.api;

import static dev.ticketing.testsupport.ProblemMatchers.expectProblem;
import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.header;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import dev.ticketing.testsupport.RealInfrastructure;
import dev.ticketing.userpoint.TestUsers;
import java.sql.Connection;
import java.sql.Statement;
import javax.sql.DataSource;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.webmvc.test.autoconfigure.AutoConfigureMockMvc;
import org.springframework.http.MediaType;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.ResultActions;

/**
 * A balance row held by a long transaction elsewhere (a stuck session, a manual fix in production): the service gives
 * up after the lock wait timeout, here shortened to one second, instead of hanging or answering 500.
 */
@SpringBootTest(properties = "spring.datasource.hikari.connection-init-sql=SET SESSION innodb_lock_wait_timeout = 1")
@AutoConfigureMockMvc
@RealInfrastructure
class LockedBalanceTest {

    @Autowired
    MockMvc mvc;

    @Autowired
    JdbcClient jdbc;

    @Autowired
    DataSource dataSource;

    @Test
    void aDebitOfALockedBalanceIsServiceUnavailableAppliesNothingAndCanBeSentAgain() throws Exception {
        TestUsers users = new TestUsers(jdbc);
        long user = users.create(1_000);

        try (Connection holder = dataSource.getConnection(); Statement statement = holder.createStatement()) {
            holder.setAutoCommit(false);
            statement.executeQuery("SELECT balance FROM point_balance WHERE user_id = " + user + " FOR UPDATE");

            expectProblem(debit(user, "pay-locked"), 503, "SERVICE_UNAVAILABLE")
                    .andExpect(header().string("Retry-After", "1"));

            holder.rollback();
        }

        assertThat(users.balance(user)).isEqualTo(1_000);
        assertThat(users.ledger(user)).hasSize(1);
        debit(user, "pay-locked").andExpect(status().isOk()).andExpect(jsonPath("$.balance").value(700));
    }

    private ResultActions debit(long user, String key) throws Exception {
        return mvc.perform(post("/internal/points/debits").contentType(MediaType.APPLICATION_JSON)
                .content("{\"userId\": %d, \"amount\": 300, \"idempotencyKey\": \"%s\"}".formatted(user, key)));
    }
}
