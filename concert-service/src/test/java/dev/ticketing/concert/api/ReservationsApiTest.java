package dev.ticketing.concert.api;

import static dev.ticketing.testsupport.ProblemMatchers.expectProblem;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.hasKey;
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.nullValue;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.delete;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.header;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import com.jayway.jsonpath.JsonPath;
import dev.ticketing.concert.support.ConcertTestConfiguration;
import dev.ticketing.concert.support.TestCatalog;
import dev.ticketing.events.EventCodec;
import dev.ticketing.events.PaymentCompleted;
import dev.ticketing.events.Topics;
import dev.ticketing.support.web.IdentityHeaders;
import dev.ticketing.testsupport.RealInfrastructure;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.webmvc.test.autoconfigure.AutoConfigureMockMvc;
import org.springframework.context.annotation.Import;
import org.springframework.http.MediaType;
import org.springframework.kafka.core.KafkaTemplate;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.ResultActions;
import org.springframework.test.web.servlet.request.MockHttpServletRequestBuilder;

/**
 * The routes of issue 17 as the frontend sees them: several seats in one hold, my reservations, cancelling, and
 * every refusal with its RFC 9457 body.
 */
@SpringBootTest(properties = "concert.release.interval=1h")
@AutoConfigureMockMvc
@RealInfrastructure(kafka = true)
@Import(ConcertTestConfiguration.class)
class ReservationsApiTest {

    private static final AtomicLong USER_IDS = new AtomicLong(6_000_000);

    @Autowired
    MockMvc mvc;
    @Autowired
    TestCatalog catalog;
    @Autowired
    KafkaTemplate<String, String> kafka;
    @Autowired
    Clock clock;

    @Test
    void severalSeatsAreHeldInOneReservationPricedAsTheirTotal() throws Exception {
        TestCatalog.Date date = catalog.concertWithSeats(4, 70_000);
        List<Long> seats = date.seatIds();
        long userId = newUser();

        ResultActions created = hold(userId, date, seats.get(2), seats.get(0))
                .andExpect(status().isCreated())
                .andExpect(jsonPath("$.seatId").value(seats.get(0)))
                .andExpect(jsonPath("$.seatNumber").value(1))
                .andExpect(jsonPath("$.price").value(140_000))
                .andExpect(jsonPath("$.status").value("HELD"))
                .andExpect(jsonPath("$.seats", hasSize(2)))
                .andExpect(jsonPath("$.seats[0].seatId").value(seats.get(0)))
                .andExpect(jsonPath("$.seats[1].seatId").value(seats.get(2)))
                .andExpect(jsonPath("$.seats[1].seatNumber").value(3))
                .andExpect(jsonPath("$.seats[1].price").value(70_000));
        long reservationId = idOf(created);
        created.andExpect(header().string("Location", "/api/reservations/" + reservationId));

        expectProblem(hold(newUser(), date, seats.get(3), seats.get(2), seats.get(1)), 409, "SEAT_NOT_AVAILABLE")
                .andExpect(jsonPath("$.seatIds", contains(seats.get(2).intValue())))
                .andExpect(jsonPath("$.detail", containsString("Seat " + seats.get(2))));
        hold(newUser(), date, seats.get(3), seats.get(1)).andExpect(status().isCreated());
    }

    @Test
    void aTakenSingleSeatIsNamedToo() throws Exception {
        TestCatalog.Date date = catalog.concertWithSeats(1, 70_000);
        long seat = date.seatIds().getFirst();
        single(newUser(), date, seat).andExpect(status().isCreated());

        expectProblem(single(newUser(), date, seat), 409, "SEAT_NOT_AVAILABLE")
                .andExpect(jsonPath("$.seatIds", contains((int) seat)));
    }

    @Test
    void morePerDateThanTheLimitIsRefused() throws Exception {
        TestCatalog.Date date = catalog.concertWithSeats(8, 70_000);
        List<Long> seats = date.seatIds();
        long userId = newUser();
        long pair = idOf(hold(userId, date, seats.get(0), seats.get(1)).andExpect(status().isCreated()));
        pay(userId, pair, seats.get(0), 140_000, 7_001);
        await().atMost(Duration.ofSeconds(30)).until(() -> catalog.reservationStatus(pair).equals("CONFIRMED"));

        expectProblem(hold(userId, date, seats.get(2), seats.get(3), seats.get(4)), 409, "PURCHASE_LIMIT_REACHED");
        hold(userId, date, seats.get(2), seats.get(3)).andExpect(status().isCreated());
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {
            "\"seatId\": %1$d, \"seatIds\": [%1$d]",
            "\"seatIds\": []",
            "\"seatIds\": [%1$d, %1$d]",
            "\"seatIds\": [%1$d, %2$d, %3$d, %4$d, %5$d]",
            "\"seatIds\": [%1$d, null]",
            "\"seatIds\": [%1$d, -1]",
            "\"seatIds\": null"})
    void aBadSeatListHoldsNothingAndIs400(String seatsPart) throws Exception {
        TestCatalog.Date date = catalog.concertWithSeats(5, 70_000);
        Object[] seats = date.seatIds().toArray();
        String body = "{\"concertId\": " + date.concertId() + ", \"dateId\": " + date.dateId() + ", "
                + seatsPart.formatted(seats) + "}";

        expectProblem(as(newUser(), post("/api/reservations").contentType(MediaType.APPLICATION_JSON).content(body)),
                400, "INVALID_REQUEST");
        date.seatIds().forEach(seat -> org.assertj.core.api.Assertions.assertThat(catalog.seatStatus(seat))
                .isEqualTo("AVAILABLE"));
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {
            "\"seatIds\": \"%1$d\"",
            "\"seatIds\": [\"%1$d\"]",
            "\"seatIds\": [%1$d.5]",
            "\"seatIds\": [%1$d], \"seatIds\": [%2$d]",
            "\"seatIds\": [%1$d,]"})
    void aSeatListThatIsNotStrictJsonIsMalformed(String seatsPart) throws Exception {
        TestCatalog.Date date = catalog.concertWithSeats(2, 70_000);
        Object[] seats = date.seatIds().toArray();
        String body = "{\"concertId\": " + date.concertId() + ", \"dateId\": " + date.dateId() + ", "
                + seatsPart.formatted(seats) + "}";

        expectProblem(as(newUser(), post("/api/reservations").contentType(MediaType.APPLICATION_JSON).content(body)),
                400, "MALFORMED_REQUEST");
    }

    @Test
    void aSeatOfAnotherDateInTheGroupIsNotFound() throws Exception {
        TestCatalog.Date date = catalog.concertWithSeats(2, 70_000);
        TestCatalog.Date other = catalog.concertWithSeats(1, 70_000);

        expectProblem(hold(newUser(), date, date.seatIds().getFirst(), other.seatIds().getFirst()), 404,
                "SEAT_NOT_FOUND");
        org.assertj.core.api.Assertions.assertThat(catalog.seatStatus(date.seatIds().getFirst()))
                .isEqualTo("AVAILABLE");
    }

    @Test
    void myReservationsListOnlyMineNewestFirstAndFilterByStatus() throws Exception {
        TestCatalog.Date date = catalog.concertWithSeats(4, 70_000);
        List<Long> seats = date.seatIds();
        long userId = newUser();
        long first = idOf(single(userId, date, seats.get(0)));
        long second = idOf(hold(userId, date, seats.get(1), seats.get(2)));
        single(newUser(), date, seats.get(3)).andExpect(status().isCreated());
        as(userId, delete("/api/reservations/" + first)).andExpect(status().isOk());

        as(userId, get("/api/reservations"))
                .andExpect(status().isOk())
                .andExpect(jsonPath("$.total").value(2))
                .andExpect(jsonPath("$.page").value(0))
                .andExpect(jsonPath("$.size").value(20))
                .andExpect(jsonPath("$.items[*].reservationId", contains((int) second, (int) first)))
                .andExpect(jsonPath("$.items[0].concertId").value(date.concertId()))
                .andExpect(jsonPath("$.items[0].concertTitle", containsString("Test concert")))
                .andExpect(jsonPath("$.items[0].dateId").value(date.dateId()))
                .andExpect(jsonPath("$.items[0].startsAt").value("2027-06-01T10:00:00Z"))
                .andExpect(jsonPath("$.items[0].seats[*].seatId", contains(seats.get(1).intValue(),
                        seats.get(2).intValue())))
                .andExpect(jsonPath("$.items[0].price").value(140_000))
                .andExpect(jsonPath("$.items[0].status").value("HELD"))
                .andExpect(jsonPath("$.items[0].holdExpiresAt").exists())
                .andExpect(jsonPath("$.items[0].paymentId", nullValue()))
                .andExpect(jsonPath("$.items[1].status").value("RELEASED"))
                .andExpect(jsonPath("$.items[1].releaseReason").value("CANCELLED"));
        as(userId, get("/api/reservations?status=RELEASED"))
                .andExpect(jsonPath("$.total").value(1))
                .andExpect(jsonPath("$.items[*].reservationId", contains((int) first)));
        as(userId, get("/api/reservations?page=1&size=1"))
                .andExpect(jsonPath("$.items[*].reservationId", contains((int) first)));
        as(newUser(), get("/api/reservations"))
                .andExpect(status().isOk())
                .andExpect(jsonPath("$.items", hasSize(0)))
                .andExpect(jsonPath("$.total").value(0));
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"status=held", "status=%20HELD", "status=EXPIRED", "status=", "size=0", "size=101",
            "page=-1", "page=100001", "size=1e1", "page=%EF%BC%91", "size=ten"})
    void badListParametersAre400(String query) throws Exception {
        expectProblem(as(newUser(), get("/api/reservations?" + query)), 400, "INVALID_REQUEST");
    }

    @Test
    void cancellingReleasesAtOnceAnswersTheSameTwiceAndRefusesPaidAndOthers() throws Exception {
        TestCatalog.Date date = catalog.concertWithSeats(3, 70_000);
        List<Long> seats = date.seatIds();
        long userId = newUser();
        long group = idOf(hold(userId, date, seats.get(0), seats.get(1)));

        expectProblem(as(newUser(), delete("/api/reservations/" + group)), 404, "RESERVATION_NOT_FOUND");
        String first = as(userId, delete("/api/reservations/" + group))
                .andExpect(status().isOk())
                .andExpect(jsonPath("$.reservationId").value(group))
                .andExpect(jsonPath("$.status").value("RELEASED"))
                .andExpect(jsonPath("$.releaseReason").value("CANCELLED"))
                .andReturn().getResponse().getContentAsString();
        as(userId, delete("/api/reservations/" + group))
                .andExpect(status().isOk())
                .andExpect(result -> org.assertj.core.api.Assertions.assertThat(
                        result.getResponse().getContentAsString()).isEqualTo(first));
        single(newUser(), date, seats.get(1)).andExpect(status().isCreated());

        long paid = idOf(single(userId, date, seats.get(2)));
        pay(userId, paid, seats.get(2), 70_000, 7_002);
        await().atMost(Duration.ofSeconds(30)).until(() -> catalog.reservationStatus(paid).equals("CONFIRMED"));
        expectProblem(as(userId, delete("/api/reservations/" + paid)), 409, "RESERVATION_ALREADY_PAID");
        as(userId, get("/api/reservations/" + paid)).andExpect(jsonPath("$.paymentId").value(7_002));

        expectProblem(as(userId, delete("/api/reservations/999999999")), 404, "RESERVATION_NOT_FOUND");
        expectProblem(as(userId, delete("/api/reservations/first")), 400, "INVALID_REQUEST");
        expectProblem(mvc.perform(delete("/api/reservations/" + group)), 401, "UNAUTHENTICATED");
    }

    @Test
    void openApiDocumentsTheNewRoutes() throws Exception {
        mvc.perform(get("/v3/api-docs"))
                .andExpect(status().isOk())
                .andExpect(jsonPath("$.paths['/api/reservations'].get.responses", hasKey("200")))
                .andExpect(jsonPath("$.paths['/api/reservations'].get.security[0].queueToken").exists())
                .andExpect(jsonPath("$.paths['/api/reservations/{reservationId}'].delete.responses", hasKey("409")))
                .andExpect(jsonPath("$.components.schemas.HoldRequest.properties", hasKey("seatIds")));
    }

    // ---- helpers

    private static long newUser() {
        return USER_IDS.incrementAndGet();
    }

    private static long idOf(ResultActions created) throws Exception {
        return ((Number) JsonPath.read(created.andReturn().getResponse().getContentAsString(), "$.reservationId"))
                .longValue();
    }

    private ResultActions as(long userId, MockHttpServletRequestBuilder request) throws Exception {
        return mvc.perform(request.header(IdentityHeaders.USER_ID, userId));
    }

    private ResultActions hold(long userId, TestCatalog.Date date, Long... seatIds) throws Exception {
        String ids = List.of(seatIds).stream().map(String::valueOf).collect(Collectors.joining(", "));
        return as(userId, post("/api/reservations").contentType(MediaType.APPLICATION_JSON)
                .content("{\"concertId\": %d, \"dateId\": %d, \"seatIds\": [%s]}".formatted(date.concertId(),
                        date.dateId(), ids)));
    }

    private ResultActions single(long userId, TestCatalog.Date date, long seatId) throws Exception {
        return as(userId, post("/api/reservations").contentType(MediaType.APPLICATION_JSON)
                .content("{\"concertId\": %d, \"dateId\": %d, \"seatId\": %d}".formatted(date.concertId(),
                        date.dateId(), seatId)));
    }

    private void pay(long userId, long reservationId, long seatId, long amount, long paymentId) {
        PaymentCompleted event = PaymentCompleted.of(clock, paymentId, reservationId, userId, seatId, amount, null);
        kafka.send(Topics.PAYMENT_EVENTS, event.key(), EventCodec.toJson(event)).join();
    }
}
