package dev.ticketing.support.web;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ticketing.support.json.StrictJsonTest;
import java.io.IOException;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;

/**
 * Over a real Tomcat: what the container answers itself comes out in the problem format, and numbers in paths and
 * query parameters are read as strictly as in bodies.
 */
@SpringBootTest(classes = StrictJsonTest.App.class, webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class ContainerErrorsTest {

    @LocalServerPort
    int port;

    @Test
    void traceIsAMethodNotAllowedProblem() throws IOException {
        String response = send("TRACE /items/1 HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: close\r\n\r\n");

        assertThat(response).startsWith("HTTP/1.1 405").contains("application/problem+json")
                .contains("\"code\":\"METHOD_NOT_ALLOWED\"");
    }

    @ParameterizedTest
    @ValueSource(strings = {"CONNECT 127.0.0.1:443 HTTP/1.1", "CONNECT /items/1 HTTP/1.1", "GET /items/1%00 HTTP/1.1",
            "GET /items/%00/x HTTP/1.1", "GET /items/1 HTTP/9.9", "GET items HTTP/1.1"})
    void whatTomcatRefusesItselfIsAProblemNotAnHtmlPage(String requestLine) throws IOException {
        String response = send(requestLine + "\r\nHost: 127.0.0.1\r\nConnection: close\r\n\r\n");

        assertThat(response).as(requestLine).matches("(?s)HTTP/1.1 4\\d\\d.*")
                .contains("application/problem+json").contains("\"code\":").doesNotContain("<html");
    }

    @Test
    void connectIsAMethodNotAllowedProblem() throws IOException {
        for (String target : new String[] {"127.0.0.1:443", "/items/1"}) {
            String response = send("CONNECT " + target + " HTTP/1.1\r\nHost: 127.0.0.1\r\n"
                    + "Connection: close\r\n\r\n");

            assertThat(response).as(target).startsWith("HTTP/1.1 405").contains("Allow: GET")
                    .contains("\"code\":\"METHOD_NOT_ALLOWED\"").contains("\"status\":405");
        }
    }

    @Test
    void anUnmappedPathIsANotFoundProblem() throws IOException {
        String response = send("GET /nothing/here HTTP/1.1\r\nHost: 127.0.0.1\r\nAccept: text/html\r\n"
                + "Connection: close\r\n\r\n");

        assertThat(response).startsWith("HTTP/1.1 404").contains("\"code\":\"NOT_FOUND\"");
    }

    @ParameterizedTest
    @ValueSource(strings = {"/items/%EF%BC%91", "/items/%201", "/items/1%20", "/items/+1", "/items/1.0",
            "/items/1e3", "/items/99999999999999999999", "/items/%D9%A1", "/items/1?size=%EF%BC%92",
            "/items/1?size=%202", "/items/1?size=3000000000"})
    void aNumberInThePathOrQueryThatIsNotPlainAsciiDigitsIsABadRequest(String target) throws IOException {
        String response = send("GET " + target + " HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: close\r\n\r\n");

        assertThat(response).as(target).startsWith("HTTP/1.1 400").contains("\"code\":\"INVALID_REQUEST\"");
    }

    @Test
    void plainDigitsAreRead() throws IOException {
        String response = send("GET /items/-7?size=2 HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: close\r\n\r\n");

        assertThat(response).startsWith("HTTP/1.1 200").contains("\"reservationId\":-5");
    }

    private String send(String request) throws IOException {
        try (Socket socket = new Socket("127.0.0.1", port)) {
            socket.setSoTimeout(10_000);
            socket.getOutputStream().write(request.getBytes(StandardCharsets.US_ASCII));
            return new String(socket.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        }
    }
}
