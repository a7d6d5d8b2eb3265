package dev.ticketing.concert.api;

import static dev.ticketing.testsupport.ProblemMatchers.expectProblem;
import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import dev.ticketing.concert.support.ConcertTestConfiguration;
import dev.ticketing.concert.support.TestCatalog;
import dev.ticketing.support.web.IdentityHeaders;
import dev.ticketing.testsupport.RealInfrastructure;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.webmvc.test.autoconfigure.AutoConfigureMockMvc;
import org.springframework.context.annotation.Import;
import org.springframework.http.MediaType;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.ResultActions;

/**
 * A hold body is read exactly as written (service-support's strict JSON): {@code "seatId":90.5} once held seat 90.
 * Each refused body leaves the seat available and no reservation behind; the same ids written plainly hold it.
 */
@SpringBootTest(properties = "concert.release.interval=1h")
@AutoConfigureMockMvc
@RealInfrastructure(kafka = true)
@Import(ConcertTestConfiguration.class)
class StrictHoldBodyTest {

    private static final long USER = 3_000_001;

    @Autowired
    MockMvc mvc;
    @Autowired
    TestCatalog catalog;
    @Autowired
    JdbcTemplate jdbc;

    @Test
    void aSeatIdWithAFractionAStringOrADuplicateKeyHoldsNothing() throws Exception {
        TestCatalog.Date date = catalog.concertWithSeats(2, 80_000);
        long seat = date.seatIds().getFirst();
        String ids = "\"concertId\":" + date.concertId() + ",\"dateId\":" + date.dateId();

        for (String body : List.of(
                "{" + ids + ",\"seatId\":" + seat + ".5}",
                "{" + ids + ",\"seatId\":" + seat + ".0}",
                "{" + ids + ",\"seatId\":\"" + seat + "\"}",
                "{" + ids + ",\"seatId\":\" " + seat + "\"}",
                "{" + ids + ",\"seatId\":\"" + fullWidth(seat) + "\"}",
                "{" + ids + ",\"seatId\":\"" + seat + "\\u0000\"}",
                "{" + ids + ",\"seatId\":" + date.seatIds().get(1) + ",\"seatId\":" + seat + "}",
                "{" + ids + ",\"seatId\":1e999999999}",
                "{" + ids + ",\"seatId\":99999999999999999999999}",
                "{" + ids + ",\"seatId\":" + seat + "} {}")) {
            expectProblem(hold(body), 400, "MALFORMED_REQUEST");
        }

        assertThat(catalog.seatStatus(seat)).isEqualTo("AVAILABLE");
        assertThat(catalog.seatStatus(date.seatIds().get(1))).isEqualTo("AVAILABLE");
        assertThat(jdbc.queryForObject("SELECT COUNT(*) FROM reservation WHERE user_id = ?", Long.class, USER))
                .isZero();

        hold("{" + ids + ",\"seatId\":" + seat + "}").andExpect(status().isCreated());
        assertThat(catalog.seatStatus(seat)).isEqualTo("HELD");
    }

    private ResultActions hold(String body) throws Exception {
        return mvc.perform(post("/api/reservations").header(IdentityHeaders.USER_ID, USER)
                .contentType(MediaType.APPLICATION_JSON).content(body));
    }

    static String fullWidth(long number) {
        StringBuilder digits = new StringBuilder();
        Long.toString(number).chars().forEach(digit -> digits.append((char) ('\uff10' + (digit - '0'))));
        return digits.toString();
    }
}
