package dev.ticketing.userpoint.api;

import dev.ticketing.testsupport.RealInfrastructure;
import dev.ticketing.userpoint.TestUsers;
import org.junit.jupiter.api.BeforeEach;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.webmvc.test.autoconfigure.AutoConfigureMockMvc;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.web.servlet.MockMvc;

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
}
