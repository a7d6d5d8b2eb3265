package dev.ticketing.load;

import static io.gatling.javaapi.core.CoreDsl.StringBody;
import static io.gatling.javaapi.core.CoreDsl.exec;
import static io.gatling.javaapi.core.CoreDsl.jsonPath;
import static io.gatling.javaapi.http.HttpDsl.http;
import static io.gatling.javaapi.http.HttpDsl.status;

import io.gatling.javaapi.core.ChainBuilder;
import io.gatling.javaapi.core.Session;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Function;

/**
 * What an admitted user does in both opening simulations: list the concert's dates ({@code concertId} in the
 * session), then the seats of the date {@code pickDate} chooses, hold the seat {@code pickSeat} chooses, charge the
 * price and pay, asking again while payment answers 409 (the hold not yet seen by payment-service). A user who finds
 * no date with seats leaves.
 */
final class BookingSteps {

    /** Until admitted, a user's requests carry both credentials: who they are and their place in line. */
    static final Map<String, String> WAITING = Map.of("Authorization", "Bearer #{accessToken}",
            "X-Queue-Token", "#{token}");
    /** Once admitted, the booking routes take the signed admission token instead of the waiting token. */
    static final Map<String, String> ADMITTED = Map.of("Authorization", "Bearer #{accessToken}",
            "X-Queue-Token", "#{admissionToken}");

    /** The outcomes a simulation reports after the run. */
    record Outcomes(AtomicLong holdsWon, AtomicLong holdsRefused, AtomicLong soldOut, AtomicLong paymentsCompleted) {

        Outcomes() {
            this(new AtomicLong(), new AtomicLong(), new AtomicLong(), new AtomicLong());
        }
    }

    private BookingSteps() {
    }

    /**
     * Logging in ahead, which is not what a run measures (silent), as user {@code #{username}} with
     * {@code #{password}}: a login turned away (503 from a busy user-point-service, 429) is asked again after 2 s, up
     * to 30 times, as a client honouring Retry-After would; each retry is counted in {@code retries}. The access token
     * goes to {@code accessTokens} under {@code #{userId}} (Gatling sessions do not cross scenarios); a user never let
     * in is counted in {@code refused}.
     */
    static ChainBuilder logInPatiently(Map<Long, String> accessTokens, AtomicLong refused, AtomicLong retries) {
        return exec(session -> session.set("loginStatus", 0).set("attempts", 0))
                .asLongAs(session -> session.getInt("loginStatus") != 200 && session.getInt("attempts") < 30).on(
                        exec(http("0 log in").post("/api/auth/login")
                                .body(StringBody("{\"username\":\"#{username}\",\"password\":\"#{password}\"}"))
                                .check(status().saveAs("loginStatus"),
                                        jsonPath("$.accessToken").optional().saveAs("accessToken")).silent())
                        .exec(session -> {
                            if (session.getInt("attempts") > 0) {
                                retries.incrementAndGet();
                            }
                            return session.set("attempts", session.getInt("attempts") + 1);
                        })
                        .doIf(session -> session.getInt("loginStatus") != 200)
                        .then(exec(session -> session).pause(Duration.ofSeconds(2))))
                .exec(session -> {
                    if (session.contains("accessToken")) {
                        accessTokens.put(session.getLong("userId"), session.getString("accessToken"));
                    } else {
                        refused.incrementAndGet();
                    }
                    return session;
                });
    }

    /** A queue-service without a signing key hands out none: the booking routes then take the waiting token. */
    static Session admissionOrWaitingToken(Session session) {
        return session.contains("admissionToken") ? session
                : session.set("admissionToken", session.getString("token"));
    }

    /** The first of the listed dates with seats left (the earliest). */
    static Session firstDate(Session session) {
        return session.set("dateId", session.getList("dateIds").getFirst());
    }

    /** One of the listed dates with seats left, at random: a crowd spread over a tour of many dates. */
    static Session anyDate(Session session) {
        List<Object> dates = session.getList("dateIds");
        return session.set("dateId", dates.get(ThreadLocalRandom.current().nextInt(dates.size())));
    }

    /**
     * From the dates to the payment; {@code pickDate} sets {@code dateId} from the listed {@code dateIds} (earliest
     * first, only dates with seats left), {@code pickSeat} sets {@code seatId} from the listed {@code seatIds}.
     */
    static ChainBuilder book(Function<Session, Session> pickDate, Function<Session, Session> pickSeat,
            Outcomes outcomes) {
        return exec(http("4 available dates").get("/api/concerts/#{concertId}/dates").headers(ADMITTED)
                .check(status().is(200), jsonPath("$[*].dateId").findAll().optional().saveAs("dateIds")))
                .doIfOrElse(session -> session.contains("dateIds")).then(
                        exec(pickDate)
                        .exec(http("5 available seats").get("/api/concerts/#{concertId}/dates/#{dateId}/seats")
                                .headers(ADMITTED)
                                .check(status().is(200),
                                        jsonPath("$[*].seatId").findAll().optional().saveAs("seatIds")))
                        .doIf(session -> session.contains("seatIds")).then(
                                exec(pickSeat)
                                .exec(http("6 hold seat").post("/api/reservations").headers(ADMITTED)
                                        .body(StringBody("{\"concertId\":#{concertId},\"dateId\":#{dateId},"
                                                + "\"seatId\":#{seatId}}"))
                                        .check(status().in(201, 409).saveAs("holdStatus"),
                                                jsonPath("$.reservationId").optional().saveAs("reservationId"),
                                                jsonPath("$.price").optional().saveAs("price")))
                                // an answer other than 201/409 is a failed request already: that user leaves here
                                .exitHereIfFailed()
                                .exec(session -> {
                                    (session.getInt("holdStatus") == 201 ? outcomes.holdsWon()
                                            : outcomes.holdsRefused()).incrementAndGet();
                                    return session;
                                })
                                .doIf(session -> session.getInt("holdStatus") == 201).then(chargeAndPay(outcomes))))
                .orElse(exec(session -> {
                    outcomes.soldOut().incrementAndGet();
                    return session;
                }));
    }

    private static ChainBuilder chargeAndPay(Outcomes outcomes) {
        return exec(http("7 charge points").post("/api/points/charges").headers(ADMITTED)
                .body(StringBody("{\"amount\":#{price}}")).check(status().is(200)))
                .exec(session -> session.set("payStatus", 409))
                .asLongAsDuring(session -> session.getInt("payStatus") == 409, Duration.ofSeconds(20)).on(
                        exec(http("8 pay").post("/api/payments").headers(ADMITTED)
                                .body(StringBody("{\"reservationId\":#{reservationId}}"))
                                .check(status().in(200, 201, 409).saveAs("payStatus")))
                        .doIf(session -> session.getInt("payStatus") == 409).then(
                                exec(session -> session).pause(Duration.ofMillis(300))))
                .exec(session -> {
                    if (session.getInt("payStatus") == 201) {
                        outcomes.paymentsCompleted().incrementAndGet();
                    }
                    return session;
                });
    }
}
