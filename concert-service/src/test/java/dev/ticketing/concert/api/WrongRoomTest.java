package dev.ticketing.concert.api;

import static dev.ticketing.testsupport.ProblemMatchers.expectProblem;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import com.jayway.jsonpath.JsonPath;
import dev.ticketing.concert.support.ConcertTestConfiguration;
import dev.ticketing.concert.support.TestCatalog;
import dev.ticketing.support.web.IdentityHeaders;
import dev.ticketing.testsupport.RealInfrastructure;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.webmvc.test.autoconfigure.AutoConfigureMockMvc;
import org.springframework.context.annotation.Import;
import org.springframework.http.MediaType;
import org.springframework.test.context.ActiveProfiles;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.ResultActions;
import org.springframework.test.web.servlet.request.MockHttpServletRequestBuilder;

/**
 * An admission is for one concert's room (X-Admitted-Room, set by the gateway): another concert's dates, seats and
 * holds are 403 WRONG_ROOM, and nothing is held. Holds are made on concert 2 of the demo catalogue.
 */
@SpringBootTest(properties = "concert.release.interval=1h")
@AutoConfigureMockMvc
@ActiveProfiles("demo")
@RealInfrastructure(kafka = true)
@Import(ConcertTestConfiguration.class)
class WrongRoomTest {

    private static final AtomicLong USER_IDS = new AtomicLong(3_000_000);

    @Autowired
    MockMvc mvc;
    @Autowired
    TestCatalog catalog;

    @Test
    void anotherConcertsDatesSeatsAndHoldsAreTheWrongRoom() throws Exception {
        long user = USER_IDS.incrementAndGet();
        expectProblem(as(user, "1", get("/api/concerts/2/dates")), 403, "WRONG_ROOM");
        expectProblem(as(user, "1", get("/api/concerts/2/dates/4/seats")), 403, "WRONG_ROOM");
        expectProblem(hold(user, "1", 2, 4, catalog.seatId(4, 31)), 403, "WRONG_ROOM");
        // a garbage room is no concert's room
        expectProblem(as(user, "2 ", get("/api/concerts/2/dates")), 403, "WRONG_ROOM");

        // the seat was not held: its own room's admission gets it
        hold(user, "2", 2, 4, catalog.seatId(4, 31)).andExpect(status().isCreated());
    }

    @Test
    void aReservationIsReadInItsConcertsRoomOnly() throws Exception {
        long user = USER_IDS.incrementAndGet();
        String body = hold(user, "2", 2, 4, catalog.seatId(4, 32)).andExpect(status().isCreated())
                .andReturn().getResponse().getContentAsString();
        long reservationId = ((Number) JsonPath.read(body, "$.reservationId")).longValue();

        expectProblem(as(user, "1", get("/api/reservations/" + reservationId)), 403, "WRONG_ROOM");
        as(user, "2", get("/api/reservations/" + reservationId)).andExpect(status().isOk());
    }

    @Test
    void theDefaultRoomAndNoRoomAtAllAreNotTiedToAConcert() throws Exception {
        long user = USER_IDS.incrementAndGet();
        as(user, "default", get("/api/concerts/2/dates")).andExpect(status().isOk());
        as(user, null, get("/api/concerts/2/dates/4/seats")).andExpect(status().isOk());
        // the list of concerts is for choosing a room: whatever the admission
        as(user, "1", get("/api/concerts")).andExpect(status().isOk());
    }

    private ResultActions as(long userId, String room, MockHttpServletRequestBuilder request) throws Exception {
        request.header(IdentityHeaders.USER_ID, userId);
        if (room != null) {
            request.header(IdentityHeaders.ADMITTED_ROOM, room);
        }
        return mvc.perform(request);
    }

    private ResultActions hold(long userId, String room, long concertId, long dateId, long seatId) throws Exception {
        return as(userId, room, post("/api/reservations").contentType(MediaType.APPLICATION_JSON)
                .content("{\"concertId\": %d, \"dateId\": %d, \"seatId\": %d}".formatted(concertId, dateId, seatId)));
    }
}
