package dev.ticketing.support.web;

import java.io.IOException;
import java.io.Writer;
import java.util.LinkedHashMap;
import java.util.Map;
import org.apache.catalina.connector.Request;
import org.apache.catalina.connector.Response;
import org.apache.catalina.valves.ErrorReportValve;
import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import tools.jackson.databind.json.JsonMapper;

/**
 * What Tomcat answers before any servlet runs (a request it cannot parse, {@code CONNECT}, an encoded NUL in the path)
 * in the one problem format, instead of its HTML error page. Errors that reach Spring are answered there; this only
 * writes when nothing else has.
 */
public class ProblemErrorReportValve extends ErrorReportValve {

    private static final JsonMapper JSON = JsonMapper.builder().build();

    @Override
    protected void report(Request request, Response response, Throwable throwable) {
        int code = response.getStatus();
        if (code < 400 || response.getContentWritten() > 0 || !response.setErrorReported()) {
            return;
        }
        HttpStatus status = switch (code) {
            // Tomcat's answer to CONNECT: a method this API does not have
            case 501 -> HttpStatus.METHOD_NOT_ALLOWED;
            // an HTTP version it cannot speak: a request it cannot read
            case 505 -> HttpStatus.BAD_REQUEST;
            default -> HttpStatus.resolve(code) == null ? HttpStatus.BAD_REQUEST : HttpStatus.resolve(code);
        };
        ProblemDetail problem = ProblemErrorController.problemFor(status, String.valueOf(request.getMethod()));
        try {
            response.setStatus(problem.getStatus());
            if (problem.getStatus() == HttpStatus.METHOD_NOT_ALLOWED.value()) {
                response.setHeader("Allow", "GET, HEAD, POST, PUT, PATCH, DELETE, OPTIONS");
            }
            response.setContentType("application/problem+json");
            response.setCharacterEncoding("UTF-8");
            Writer writer = response.getReporter();
            if (writer != null) {
                writer.write(json(problem));
            }
            response.finishResponse();
        } catch (IOException | IllegalStateException e) {
            // the connection is gone or the answer already started: nothing more to say
        }
    }

    /** The problem's members in their usual order; Tomcat's valve runs outside Spring, so the mapper is its own. */
    private static String json(ProblemDetail problem) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("type", String.valueOf(problem.getType()));
        body.put("title", problem.getTitle());
        body.put("status", problem.getStatus());
        body.put("detail", problem.getDetail());
        body.put("code", problem.getProperties() == null ? null : problem.getProperties().get("code"));
        return JSON.writeValueAsString(body);
    }
}
