package dev.ticketing.concert.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.everyItem;
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.is;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import dev.ticketing.concert.support.ConcertTestConfiguration;
import dev.ticketing.concert.support.TestCatalog;
import dev.ticketing.support.web.IdentityHeaders;
import dev.ticketing.testsupport.RealInfrastructure;
import java.util.List;
import java.util.stream.LongStream;
import javax.sql.DataSource;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.webmvc.test.autoconfigure.AutoConfigureMockMvc;
import org.springframework.context.annotation.Import;
import org.springframework.core.io.ClassPathResource;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.datasource.init.ResourceDatabasePopulator;
import org.springframework.test.context.ActiveProfiles;
import org.springframework.test.web.servlet.MockMvc;

/**
 * The load-test catalogue (profile loadtest, bin/load-test's crowd): concert 1 gets 60 more dates of 50 seats, after
 * the demo's three, and concerts 2 and 3 stay as in the demo.
 */
@SpringBootTest(properties = "concert.release.interval=1h")
@AutoConfigureMockMvc
@ActiveProfiles("loadtest")
@RealInfrastructure(kafka = true)
@Import(ConcertTestConfiguration.class)
class LoadTestCatalogueTest {

    private static final long USER = 4_000_001;

    @Autowired
    MockMvc mvc;
    @Autowired
    TestCatalog catalog;
    @Autowired
    JdbcClient jdbc;
    @Autowired
    DataSource dataSource;

    @Test
    void concertOneHasSixtyThreeDatesOfFiftySeatsEarliestFirst() throws Exception {
        mvc.perform(get("/api/concerts/1/dates").header(IdentityHeaders.USER_ID, USER))
                .andExpect(status().isOk())
                .andExpect(jsonPath("$", hasSize(63)))
                .andExpect(jsonPath("$[*].dateId", is(LongStream.concat(LongStream.of(1, 2, 3),
                        LongStream.rangeClosed(101, 160)).boxed().map(Long::intValue).toList())))
                .andExpect(jsonPath("$[3].startsAt").value("2027-03-21T10:00:00Z"))
                .andExpect(jsonPath("$[62].startsAt").value("2027-05-19T10:00:00Z"))
                .andExpect(jsonPath("$[*].availableSeats", everyItem(is(50))));
        mvc.perform(get("/api/concerts/1/dates/160/seats").header(IdentityHeaders.USER_ID, USER))
                .andExpect(status().isOk())
                .andExpect(jsonPath("$", hasSize(50)))
                .andExpect(jsonPath("$[0].price").value(150_000))
                .andExpect(jsonPath("$[10].price").value(120_000))
                .andExpect(jsonPath("$[49].price").value(80_000));
        mvc.perform(get("/api/concerts/2/dates").header(IdentityHeaders.USER_ID, USER))
                .andExpect(jsonPath("$[*].dateId", is(List.of(4, 5, 6))));
        assertThat(seatsOfConcertOne()).isEqualTo(3_150);
    }

    @Test
    void runningTheLoadTestCatalogueAgainChangesNothingAlreadyThere() {
        long held = catalog.seatId(101, 1);
        jdbc.sql("UPDATE seat SET status = 'HELD' WHERE id = ?").param(held).update();
        try {
            new ResourceDatabasePopulator(new ClassPathResource("db/loadtest/R__loadtest_catalogue.sql"))
                    .execute(dataSource);

            assertThat(catalog.seatStatus(held)).isEqualTo("HELD");
            assertThat(seatsOfConcertOne()).isEqualTo(3_150);
        } finally {
            // the other test counts 50 available seats on every date
            jdbc.sql("UPDATE seat SET status = 'AVAILABLE' WHERE id = ?").param(held).update();
        }
    }

    private long seatsOfConcertOne() {
        return jdbc.sql("SELECT COUNT(*) FROM seat s JOIN concert_date d ON d.id = s.concert_date_id"
                + " WHERE d.concert_id = 1").query(Long.class).single();
    }
}
