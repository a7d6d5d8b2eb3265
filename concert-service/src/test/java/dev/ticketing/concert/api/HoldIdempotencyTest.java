package dev.ticketing.concert.api;

import static dev.ticketing.testsupport.ProblemMatchers.expectProblem;
import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.header;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import dev.ticketing.concert.support.ConcertTestConfiguration;
import dev.ticketing.concert.support.TestCatalog;
import dev.ticketing.support.web.IdentityHeaders;
import dev.ticketing.testsupport.Race;
import dev.ticketing.testsupport.RealInfrastructure;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.webmvc.test.autoconfigure.AutoConfigureMockMvc;
import org.springframework.context.annotation.Import;
import org.springframework.http.MediaType;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.mock.web.MockHttpServletResponse;
import org.springframework.test.json.JsonCompareMode;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.request.MockHttpServletRequestBuilder;

/** POST /api/reservations with an Idempotency-Key, on the real database: a retried hold is the user's own hold. */
@SpringBootTest(properties = "concert.release.interval=1h")
@AutoConfigureMockMvc
@RealInfrastructure(kafka = true)
@Import(ConcertTestConfiguration.class)
class HoldIdempotencyTest {

    private static final AtomicLong USER_IDS = new AtomicLong(3_000_000);

    @Autowired
    MockMvc mvc;
    @Autowired
    TestCatalog catalog;
    @Autowired
    JdbcTemplate jdbc;

    @Test
    void aRetriedHoldWithTheSameKeyAnswersTheFirst201AgainInsteadOfSeatNotAvailable() throws Exception {
        TestCatalog.Date date = catalog.concertWithSeats(2, 70_000);
        long user = USER_IDS.incrementAndGet();
        long seat = date.seatIds().getFirst();

        MockHttpServletResponse first = mvc.perform(hold(user, date, seat, "\"hold-1\""))
                .andExpect(status().isCreated())
                .andReturn().getResponse();
        mvc.perform(hold(user, date, seat, "\"hold-1\""))
                .andExpect(status().isCreated())
                .andExpect(header().string("Location", first.getHeader("Location")))
                .andExpect(header().string("Idempotent-Replayed", "true"))
                .andExpect(content().json(first.getContentAsString(), JsonCompareMode.STRICT));

        assertThat(catalog.reservationsOfSeat(seat)).isEqualTo(1);
        assertThat(catalog.seatStatus(seat)).isEqualTo("HELD");
    }

    @Test
    void withoutAKeyTheRetryIsRefusedAsBefore() throws Exception {
        TestCatalog.Date date = catalog.concertWithSeats(1, 70_000);
        long user = USER_IDS.incrementAndGet();
        long seat = date.seatIds().getFirst();

        mvc.perform(hold(user, date, seat, null)).andExpect(status().isCreated());
        expectProblem(mvc.perform(hold(user, date, seat, null)), 409, "SEAT_NOT_AVAILABLE");
    }

    @Test
    void theSameKeyForAnotherSeatIs422AndHoldsNothing() throws Exception {
        TestCatalog.Date date = catalog.concertWithSeats(2, 70_000);
        long user = USER_IDS.incrementAndGet();
        mvc.perform(hold(user, date, date.seatIds().get(0), "\"hold-2\"")).andExpect(status().isCreated());

        expectProblem(mvc.perform(hold(user, date, date.seatIds().get(1), "\"hold-2\"")), 422,
                "IDEMPOTENCY_KEY_REUSED");

        assertThat(catalog.seatStatus(date.seatIds().get(1))).isEqualTo("AVAILABLE");
    }

    @Test
    void keysArePerUser() throws Exception {
        TestCatalog.Date date = catalog.concertWithSeats(2, 70_000);

        mvc.perform(hold(USER_IDS.incrementAndGet(), date, date.seatIds().get(0), "\"same\""))
                .andExpect(status().isCreated());
        mvc.perform(hold(USER_IDS.incrementAndGet(), date, date.seatIds().get(1), "\"same\""))
                .andExpect(status().isCreated())
                .andExpect(header().doesNotExist("Idempotent-Replayed"));
    }

    @Test
    void aMalformedKeyIs400AndHoldsNothing() throws Exception {
        TestCatalog.Date date = catalog.concertWithSeats(1, 70_000);

        expectProblem(mvc.perform(hold(USER_IDS.incrementAndGet(), date, date.seatIds().getFirst(), "\"open")), 400,
                "INVALID_REQUEST");

        assertThat(catalog.seatStatus(date.seatIds().getFirst())).isEqualTo("AVAILABLE");
    }

    @Test
    void aRefusedHoldReleasesTheKeySoThatTheSameRequestCanSucceedLater() throws Exception {
        TestCatalog.Date date = catalog.concertWithSeats(1, 70_000);
        long seat = date.seatIds().getFirst();
        long other = USER_IDS.incrementAndGet();
        long user = USER_IDS.incrementAndGet();
        mvc.perform(hold(other, date, seat, null)).andExpect(status().isCreated());

        expectProblem(mvc.perform(hold(user, date, seat, "\"later\"")), 409, "SEAT_NOT_AVAILABLE");
        jdbc.update("UPDATE reservation SET status = 'RELEASED' WHERE seat_id = ?", seat);
        jdbc.update("UPDATE seat SET status = 'AVAILABLE', reservation_id = NULL WHERE id = ?", seat);

        mvc.perform(hold(user, date, seat, "\"later\"")).andExpect(status().isCreated())
                .andExpect(header().doesNotExist("Idempotent-Replayed"));
        assertThat(catalog.reservationsOfSeat(seat)).isEqualTo(2);
        assertThat(catalog.seatStatus(seat)).isEqualTo("HELD");
    }

    @Test
    void thirtyParallelHoldsWithOneKeyHoldOnceAndEveryOtherAnswerIsTheReplayOrInUse() {
        TestCatalog.Date date = catalog.concertWithSeats(2, 70_000);
        long user = USER_IDS.incrementAndGet();
        long seat = date.seatIds().getFirst();

        List<Race.Outcome<MockHttpServletResponse>> outcomes = Race.run(30, i -> () ->
                mvc.perform(hold(user, date, seat, "\"double-click\"")).andReturn().getResponse());

        assertThat(outcomes).allMatch(Race.Outcome::succeeded);
        List<MockHttpServletResponse> created = outcomes.stream().map(Race.Outcome::value)
                .filter(response -> response.getStatus() == 201).toList();
        assertThat(created).isNotEmpty();
        assertThat(created.stream().map(MockHttpServletResponse::getContentAsByteArray).map(String::new).distinct())
                .hasSize(1);
        assertThat(outcomes.stream().map(Race.Outcome::value).filter(response -> response.getStatus() != 201))
                .allSatisfy(response -> {
                    assertThat(response.getStatus()).isEqualTo(409);
                    assertThat(response.getContentAsString()).contains("IDEMPOTENCY_KEY_IN_USE");
                    assertThat(response.getHeader("Retry-After")).isEqualTo("1");
                });
        assertThat(created.stream().filter(response -> response.getHeader("Idempotent-Replayed") == null))
                .hasSize(1);
        assertThat(catalog.reservationsOfSeat(seat)).isEqualTo(1);
    }

    private static MockHttpServletRequestBuilder hold(long user, TestCatalog.Date date, long seat, String key) {
        MockHttpServletRequestBuilder request = post("/api/reservations").header(IdentityHeaders.USER_ID, user)
                .contentType(MediaType.APPLICATION_JSON)
                .content("{\"concertId\": %d, \"dateId\": %d, \"seatId\": %d}".formatted(date.concertId(),
                        date.dateId(), seat));
        return key == null ? request : request.header("Idempotency-Key", key);
    }
}
