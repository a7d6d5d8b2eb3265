package dev.ticketing.system;

import static dev.ticketing.system.Gateway.get;
import static org.assertj.core.api.Assertions.assertThat;

import dev.ticketing.system.Gateway.Response;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * A waiting room per concert through the running system: the list of concerts needs a login only, a concert's
 * admission admits to that concert only (403 WRONG_ROOM elsewhere), a user waits in several rooms at once, and the
 * operator's controls are for the role OPERATOR only. Concert 3's room is left alone: the opening drill uses it.
 */
class RoomsSystemTest {

    private static final List<String[]> OPS_ROUTES = List.of(
            new String[] {"GET", "/api/ops/rooms/2", null},
            new String[] {"PATCH", "/api/ops/rooms/2", "{\"capacity\":100}"},
            new String[] {"POST", "/api/ops/rooms/2/pause", ""},
            new String[] {"POST", "/api/ops/rooms/2/resume", ""},
            new String[] {"PUT", "/api/ops/rooms/2/opens-at", "{\"opensAt\":\"2099-01-01T00:00:00Z\"}"},
            new String[] {"GET", "/api/ops/rooms/2/audit", null});

    @Test
    void aConcertsAdmissionAdmitsToThatConcertOnly() {
        long user = DemoUsers.next();
        String accessToken = Accounts.accessToken(user);
        Response list = Gateway.sendAs(accessToken, "GET", "/api/concerts", null);
        assertThat(list.status()).as("%s", list).isEqualTo(200);

        Response joined = Gateway.joinRoom(user, 2);
        assertThat(joined.status()).as("%s", joined).isIn(200, 201);
        assertThat(joined.number("concertId")).isEqualTo(2);
        String token = joined.text("token");
        Gateway.awaitActive(token, Duration.ofSeconds(120));

        assertThat(get("/api/concerts/2/dates", token).status()).isEqualTo(200);
        Response elsewhere = get("/api/concerts/1/dates", token);
        assertThat(elsewhere.status()).as("%s", elsewhere).isEqualTo(403);
        assertThat(elsewhere.code()).isEqualTo("WRONG_ROOM");
        Response hold = Gateway.post("/api/reservations", token, "{\"concertId\":1,\"dateId\":1,\"seatId\":1}");
        assertThat(hold.code()).isEqualTo("WRONG_ROOM");

        // the same user waits in concert 1's room too, with a token of its own
        Response other = Gateway.joinRoom(user, 1);
        assertThat(other.status()).as("%s", other).isIn(200, 201);
        assertThat(other.text("token")).isNotEqualTo(token);
        assertThat(other.number("concertId")).isEqualTo(1);
        // the room's public view
        Response room = Gateway.sendAs(accessToken, "GET", "/api/rooms/2", null);
        assertThat(room.status()).as("%s", room).isEqualTo(200);
        assertThat(room.text("status")).isIn("OPEN", "PAUSED");
    }

    @Test
    void theOperatorsControlsAreForTheOperatorRoleOnly() {
        String userToken = Accounts.accessToken(DemoUsers.next());
        for (String[] route : OPS_ROUTES) {
            Response refused = ops(route, userToken);
            assertThat(refused.status()).as("%s %s: %s", route[0], route[1], refused).isEqualTo(403);
            assertThat(refused.code()).isEqualTo("ACCESS_DENIED");
        }
        Response login = Accounts.login("operator", "operator-password");
        assertThat(login.status()).as("%s", login).isEqualTo(200);
        Response room = ops(OPS_ROUTES.getFirst(), login.text("accessToken"));
        assertThat(room.status()).as("%s", room).isEqualTo(200);
        assertThat(room.number("concertId")).isEqualTo(2);
        assertThat(room.body().has("capacity")).isTrue();
    }

    private static Response ops(String[] route, String accessToken) {
        return Gateway.sendAs(accessToken, route[0], route[1], route[2]);
    }
}
