package dev.ticketing.userpoint.api;

import static org.hamcrest.Matchers.containsString;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.header;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import dev.ticketing.testsupport.RealInfrastructure;
import dev.ticketing.userpoint.TestUsers;
import org.junit.jupiter.api.BeforeEach;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.webmvc.test.autoconfigure.AutoConfigureMockMvc;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.ResultActions;

/**
 * API tests through MockMvc on a database of their own, with small limits so that they are easy to reach: at most
 * 1,000 points per charge and a balance of at most 5,000.
 */
@SpringBootTest(properties = {"points.max-charge=1000", "points.max-balance=5000"})
@AutoConfigureMockMvc
@RealInfrastructure
abstract class ApiTestBase {

    @Autowired
    MockMvc mvc;

    @Autowired
    JdbcClient jdbc;

    TestUsers users;

    @BeforeEach
    void createUsersInThisDatabase() {
        users = new TestUsers(jdbc);
    }

    /** The answer is the problem detail of docs/conventions.md for {@code code}. */
    static ResultActions expectProblem(ResultActions result, int status, String code) throws Exception {
        return result
                .andExpect(status().is(status))
                .andExpect(header().string("Content-Type", containsString("application/problem+json")))
                .andExpect(jsonPath("$.status").value(status))
                .andExpect(jsonPath("$.code").value(code))
                .andExpect(jsonPath("$.type").value("https://ticketing.dev/problems/"
                        + code.toLowerCase().replace('_', '-')))
                .andExpect(jsonPath("$.title").isString())
                .andExpect(jsonPath("$.detail").isString());
    }
}
