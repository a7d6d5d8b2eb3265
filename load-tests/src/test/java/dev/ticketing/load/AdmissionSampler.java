package dev.ticketing.load;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * How many tokens each run of queue-service's admission scheduler let in during a load run, read from the service's
 * own Prometheus counters ({@code queue_admitted_total}, {@code queue_tick_seconds_count}) twice per tick interval.
 * A sample that saw exactly one new tick attributes the admitted delta to that tick; samples spanning more ticks
 * are kept as totals only.
 */
final class AdmissionSampler implements AutoCloseable {

    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(1)).build();
    private final URI prometheus;
    private final ScheduledExecutorService timer = Executors.newSingleThreadScheduledExecutor(runnable -> {
        Thread thread = new Thread(runnable, "admission-sampler");
        thread.setDaemon(true);
        return thread;
    });
    private final List<Long> admittedPerTick = new ArrayList<>();
    private double firstAdmitted = Double.NaN;
    private double firstTicks;
    private double lastAdmitted;
    private double lastTicks;

    AdmissionSampler(String queueUrl, Duration every) {
        this.prometheus = URI.create(queueUrl + "/actuator/prometheus");
        timer.scheduleAtFixedRate(this::sample, 0, every.toMillis(), TimeUnit.MILLISECONDS);
    }

    private synchronized void sample() {
        double admitted;
        double ticks;
        try {
            String text = http.send(HttpRequest.newBuilder(prometheus).timeout(Duration.ofSeconds(2)).build(),
                    HttpResponse.BodyHandlers.ofString()).body();
            admitted = metric(text, "queue_admitted_total");
            ticks = metric(text, "queue_tick_seconds_count");
        } catch (Exception unreachable) {
            return; // a missed sample widens the next one; it is not an admission figure
        }
        if (Double.isNaN(firstAdmitted)) {
            firstAdmitted = admitted;
            firstTicks = ticks;
        } else if (ticks - lastTicks == 1) {
            admittedPerTick.add(Math.round(admitted - lastAdmitted));
        }
        lastAdmitted = admitted;
        lastTicks = ticks;
    }

    private static double metric(String prometheusText, String name) {
        return prometheusText.lines().filter(line -> line.startsWith(name + "{") || line.startsWith(name + " "))
                .mapToDouble(line -> Double.parseDouble(line.substring(line.lastIndexOf(' ') + 1)))
                .sum();
    }

    /** One line for the report: ticks, total admitted, and the per-tick figures of the ticks that admitted anyone. */
    synchronized String summary() {
        if (Double.isNaN(firstAdmitted)) {
            return "no samples (queue-service's /actuator/prometheus was unreachable at " + prometheus + ")";
        }
        List<Long> admitting = admittedPerTick.stream().filter(n -> n > 0).sorted().toList();
        String perTick = admitting.isEmpty() ? "no tick admitted anyone"
                : "per admitting tick min %d / median %d / max %d (%d ticks)".formatted(admitting.getFirst(),
                        admitting.get(admitting.size() / 2), admitting.getLast(), admitting.size());
        return "%d ticks, %d admitted; %s".formatted(Math.round(lastTicks - firstTicks),
                Math.round(lastAdmitted - firstAdmitted), perTick);
    }

    @Override
    public void close() {
        timer.shutdownNow();
    }
}
