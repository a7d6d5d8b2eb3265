package dev.ticketing.concert.api;

import static dev.ticketing.testsupport.ProblemMatchers.expectProblem;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.everyItem;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.hasKey;
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.is;
import static org.hamcrest.Matchers.not;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.header;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import com.jayway.jsonpath.JsonPath;
import dev.ticketing.concert.support.ConcertTestConfiguration;
import dev.ticketing.concert.support.TestCatalog;
import dev.ticketing.support.web.IdentityHeaders;
import dev.ticketing.testsupport.MutableClock;
import dev.ticketing.testsupport.RealInfrastructure;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
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
 * The public API as the frontend sees it (through the gateway, which sets X-User-Id), on the demo catalogue: every
 * route, every error branch and bad input, with the RFC 9457 body of docs/conventions.md.
 *
 * <p>Concert 1 (dates 1-3) is only read; holds are made on concert 2 (dates 4-6); concert 3 is changed by the tests of
 * sold-out and past dates.
 */
@SpringBootTest(properties = "concert.release.interval=1h")
@AutoConfigureMockMvc
@ActiveProfiles("demo")
@RealInfrastructure(kafka = true)
@Import(ConcertTestConfiguration.class)
class ConcertApiTest {

    private static final AtomicLong USER_IDS = new AtomicLong(2_000_000);

    @Autowired
    MockMvc mvc;
    @Autowired
    TestCatalog catalog;
    @Autowired
    MutableClock clock;

    // ---- reads

    @Test
    void listsTheDemoConcerts() throws Exception {
        as(newUser(), get("/api/concerts"))
                .andExpect(status().isOk())
                .andExpect(jsonPath("$", hasSize(3)))
                .andExpect(jsonPath("$[0].id").value(1))
                .andExpect(jsonPath("$[0].title").value("IU - The Golden Hour"))
                .andExpect(jsonPath("$[0].artist").value("IU"));
    }

    @Test
    void listsTheDatesOfAConcertWithTheirAvailableSeats() throws Exception {
        as(newUser(), get("/api/concerts/1/dates"))
                .andExpect(status().isOk())
                .andExpect(jsonPath("$", hasSize(3)))
                .andExpect(jsonPath("$[0].dateId").value(1))
                .andExpect(jsonPath("$[0].concertId").value(1))
                .andExpect(jsonPath("$[0].startsAt").value("2027-03-13T10:00:00Z"))
                .andExpect(jsonPath("$[*].availableSeats", everyItem(is(50))));
    }

    @Test
    void soldOutAndPastDatesAreNotListed() throws Exception {
        catalog.setStatusOfAllSeats(9, "SOLD");
        long past = catalog.addDate(3, clock.instant().minus(Duration.ofHours(1)));
        catalog.addSeats(past, 10, 80_000);

        as(newUser(), get("/api/concerts/3/dates"))
                .andExpect(status().isOk())
                .andExpect(jsonPath("$[*].dateId", is(List.of(7, 8))));
        expectProblem(hold(newUser(), 3, past, catalog.seatId(past, 1)), 409, "SEAT_NOT_AVAILABLE");
    }

    @Test
    void availableDatesOfAnUnknownConcertAreNotFound() throws Exception {
        expectProblem(as(newUser(), get("/api/concerts/999/dates")), 404, "CONCERT_NOT_FOUND");
    }

    @Test
    void listsAvailableSeatsInNumberOrderWithTheirPriceTiers() throws Exception {
        as(newUser(), get("/api/concerts/1/dates/1/seats"))
                .andExpect(status().isOk())
                .andExpect(jsonPath("$", hasSize(50)))
                .andExpect(jsonPath("$[0].seatNumber").value(1))
                .andExpect(jsonPath("$[0].price").value(150_000))
                .andExpect(jsonPath("$[10].price").value(120_000))
                .andExpect(jsonPath("$[49].seatNumber").value(50))
                .andExpect(jsonPath("$[49].price").value(80_000))
                .andExpect(jsonPath("$[*].status", everyItem(is("AVAILABLE"))));
    }

    @Test
    void aHeldSeatLeavesTheAvailableSeatsButStaysOnTheSeatMap() throws Exception {
        long seatId = catalog.seatId(5, 7);
        hold(newUser(), 2, 5, seatId).andExpect(status().isCreated());

        as(newUser(), get("/api/concerts/2/dates/5/seats"))
                .andExpect(jsonPath("$", hasSize(49)))
                .andExpect(jsonPath("$[*].seatId", not(hasItem((int) seatId))));
        as(newUser(), get("/api/concerts/2/dates/5/seats").param("all", "true"))
                .andExpect(jsonPath("$", hasSize(50)))
                .andExpect(jsonPath("$[6].seatId").value(seatId))
                .andExpect(jsonPath("$[6].status").value("HELD"))
                .andExpect(jsonPath("$[7].status").value("AVAILABLE"));
        as(newUser(), get("/api/concerts/2/dates"))
                .andExpect(jsonPath("$[1].dateId").value(5))
                .andExpect(jsonPath("$[1].availableSeats").value(49));
    }

    @Test
    void seatsOfAnUnknownConcertOrDateOrADateOfAnotherConcertAreNotFound() throws Exception {
        expectProblem(as(newUser(), get("/api/concerts/999/dates/1/seats")), 404, "CONCERT_NOT_FOUND");
        expectProblem(as(newUser(), get("/api/concerts/1/dates/999/seats")), 404, "CONCERT_DATE_NOT_FOUND");
        expectProblem(as(newUser(), get("/api/concerts/1/dates/4/seats")), 404, "CONCERT_DATE_NOT_FOUND");
    }

    // ---- holds

    @Test
    void holdingASeatAnswersTheReservationWithItsExpiry() throws Exception {
        long userId = newUser();
        long seatId = catalog.seatId(4, 1);

        ResultActions created = hold(userId, 2, 4, seatId)
                .andExpect(status().isCreated())
                .andExpect(jsonPath("$.concertId").value(2))
                .andExpect(jsonPath("$.dateId").value(4))
                .andExpect(jsonPath("$.seatId").value(seatId))
                .andExpect(jsonPath("$.seatNumber").value(1))
                .andExpect(jsonPath("$.price").value(150_000))
                .andExpect(jsonPath("$.status").value("HELD"))
                .andExpect(jsonPath("$.holdExpiresAt").value(clock.instant().plus(Duration.ofMinutes(5)).toString()));
        long reservationId = ((Number) JsonPath.read(created.andReturn().getResponse().getContentAsString(),
                "$.reservationId")).longValue();
        created.andExpect(header().string("Location", "/api/reservations/" + reservationId));

        as(userId, get("/api/reservations/" + reservationId))
                .andExpect(status().isOk())
                .andExpect(jsonPath("$.reservationId").value(reservationId))
                .andExpect(jsonPath("$.seatId").value(seatId))
                .andExpect(jsonPath("$.status").value("HELD"));
        expectProblem(as(newUser(), get("/api/reservations/" + reservationId)), 404, "RESERVATION_NOT_FOUND");
    }

    @Test
    void internalRouteAnswersAnyReservationWithItsHolderAndNotFoundForAnUnknownOne() throws Exception {
        long userId = newUser();
        long seatId = catalog.seatId(4, 4);
        String created = hold(userId, 2, 4, seatId).andExpect(status().isCreated())
                .andReturn().getResponse().getContentAsString();
        long reservationId = ((Number) JsonPath.read(created, "$.reservationId")).longValue();

        // no X-User-Id: payment-service asks on behalf of the system, inside the cluster
        mvc.perform(get("/internal/reservations/" + reservationId))
                .andExpect(status().isOk())
                .andExpect(jsonPath("$.reservationId").value(reservationId))
                .andExpect(jsonPath("$.userId").value(userId))
                .andExpect(jsonPath("$.concertId").value(2))
                .andExpect(jsonPath("$.dateId").value(4))
                .andExpect(jsonPath("$.seatId").value(seatId))
                .andExpect(jsonPath("$.seatNumber").value(4))
                .andExpect(jsonPath("$.price").value((Number) JsonPath.read(created, "$.price")))
                .andExpect(jsonPath("$.status").value("HELD"))
                .andExpect(jsonPath("$.holdExpiresAt").value(clock.instant().plus(Duration.ofMinutes(5)).toString()));
        expectProblem(mvc.perform(get("/internal/reservations/999999")), 404, "RESERVATION_NOT_FOUND");
        expectProblem(mvc.perform(get("/internal/reservations/0")), 400, "INVALID_REQUEST");
    }

    @Test
    void secondHolderOfTheSameSeatIsRefused() throws Exception {
        long seatId = catalog.seatId(4, 2);
        hold(newUser(), 2, 4, seatId).andExpect(status().isCreated());

        expectProblem(hold(newUser(), 2, 4, seatId), 409, "SEAT_NOT_AVAILABLE")
                .andExpect(jsonPath("$.detail", containsString("held by someone else or sold")));
    }

    @Test
    void holdingWhatDoesNotExistIsNotFound() throws Exception {
        long seatOfDate4 = catalog.seatId(4, 3);
        expectProblem(hold(newUser(), 999, 4, seatOfDate4), 404, "CONCERT_NOT_FOUND");
        expectProblem(hold(newUser(), 2, 999, seatOfDate4), 404, "CONCERT_DATE_NOT_FOUND");
        expectProblem(hold(newUser(), 1, 4, seatOfDate4), 404, "CONCERT_DATE_NOT_FOUND");
        expectProblem(hold(newUser(), 2, 4, 999_999), 404, "SEAT_NOT_FOUND");
        expectProblem(hold(newUser(), 2, 5, seatOfDate4), 404, "SEAT_NOT_FOUND");
        expectProblem(as(newUser(), get("/api/reservations/999999")), 404, "RESERVATION_NOT_FOUND");
    }

    @Test
    void aFifthLiveHoldOfOneUserIsRefused() throws Exception {
        long userId = newUser();
        for (int number = 11; number <= 14; number++) {
            hold(userId, 2, 6, catalog.seatId(6, number)).andExpect(status().isCreated());
        }

        expectProblem(hold(userId, 2, 6, catalog.seatId(6, 15)), 409, "HOLD_LIMIT_REACHED");
        hold(newUser(), 2, 6, catalog.seatId(6, 15)).andExpect(status().isCreated());
    }

    // ---- bad input

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', textBlock = """
            missing field        | {"concertId": 2, "dateId": 4}                             | INVALID_REQUEST
            null field           | {"concertId": 2, "dateId": 4, "seatId": null}             | INVALID_REQUEST
            negative id          | {"concertId": 2, "dateId": -4, "seatId": 1}               | INVALID_REQUEST
            text for a number    | {"concertId": 2, "dateId": "four", "seatId": 1}           | MALFORMED_REQUEST
            malformed JSON       | {"concertId": 2, "dateId": 4,                             | MALFORMED_REQUEST
            empty body           | ''                                                        | MALFORMED_REQUEST
            """)
    void badHoldRequestsAreRefusedWith400(String caseName, String body, String code) throws Exception {
        expectProblem(mvc.perform(post("/api/reservations").header(IdentityHeaders.USER_ID, newUser())
                .contentType(MediaType.APPLICATION_JSON).content(body)), 400, code);
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', textBlock = """
            non-numeric concert id   | /api/concerts/abc/dates
            non-numeric date id      | /api/concerts/1/dates/x/seats
            bad all flag             | /api/concerts/1/dates/1/seats?all=maybe
            non-numeric reservation  | /api/reservations/first
            """)
    void badPathsAndParametersAreRefusedWith400(String caseName, String path) throws Exception {
        expectProblem(as(newUser(), get(path)), 400, "INVALID_REQUEST");
    }

    @Test
    void callsWithoutAUserAreUnauthenticatedAndAMalformedUserIsRefused() throws Exception {
        expectProblem(mvc.perform(get("/api/concerts")), 401, "UNAUTHENTICATED");
        expectProblem(mvc.perform(post("/api/reservations").contentType(MediaType.APPLICATION_JSON)
                .content("{\"concertId\": 2, \"dateId\": 4, \"seatId\": 1}")), 401, "UNAUTHENTICATED");
        expectProblem(mvc.perform(get("/api/concerts").header(IdentityHeaders.USER_ID, "someone")), 400,
                "INVALID_REQUEST");
        expectProblem(mvc.perform(get("/api/concerts").header(IdentityHeaders.USER_ID, "0")), 400,
                "INVALID_REQUEST");
    }

    @Test
    void aHoldSentAsSomethingOtherThanJsonIsRefused() throws Exception {
        expectProblem(mvc.perform(post("/api/reservations").header(IdentityHeaders.USER_ID, newUser())
                .contentType(MediaType.TEXT_PLAIN).content("seat 1 please")), 415, "UNSUPPORTED_MEDIA_TYPE");
    }

    // ---- documentation

    @Test
    void openApiDocumentsEveryRoute() throws Exception {
        mvc.perform(get("/v3/api-docs"))
                .andExpect(status().isOk())
                .andExpect(jsonPath("$.paths", hasKey("/api/concerts")))
                .andExpect(jsonPath("$.paths", hasKey("/api/concerts/{concertId}/dates")))
                .andExpect(jsonPath("$.paths", hasKey("/api/concerts/{concertId}/dates/{dateId}/seats")))
                .andExpect(jsonPath("$.paths['/api/reservations'].post.responses", hasKey("409")))
                .andExpect(jsonPath("$.paths['/api/reservations/{reservationId}'].get.responses", hasKey("404")))
                // the gateway's Swagger UI can send the login's access token and the queue token
                .andExpect(jsonPath("$.components.securitySchemes.bearerAuth.bearerFormat").value("JWT"))
                .andExpect(jsonPath("$.paths['/api/concerts'].get.security[0].bearerAuth").exists())
                .andExpect(jsonPath("$.paths['/api/reservations'].post.security[0].queueToken").exists());
    }

    // ---- helpers

    private static long newUser() {
        return USER_IDS.incrementAndGet();
    }

    private ResultActions as(long userId, MockHttpServletRequestBuilder request) throws Exception {
        return mvc.perform(request.header(IdentityHeaders.USER_ID, userId));
    }

    private ResultActions hold(long userId, long concertId, long dateId, long seatId) throws Exception {
        return as(userId, post("/api/reservations").contentType(MediaType.APPLICATION_JSON)
                .content("{\"concertId\": %d, \"dateId\": %d, \"seatId\": %d}".formatted(concertId, dateId, seatId)));
    }
}
