package dev.ticketing.queue;

/**
 * Properties for integration tests that need Redis but no Kafka broker and drive the ticks themselves: the payment
 * listener and topic creation stay off, so nothing reaches for a broker.
 */
public final class RedisOnly {

    public static final String NO_SCHEDULER = "ticketing.queue.scheduler-enabled=false";
    public static final String NO_PAYMENT_LISTENER = "ticketing.queue.consume-payment-events=false";
    public static final String NO_TOPIC_CREATION = "spring.kafka.admin.auto-create=false";

    private RedisOnly() {
    }
}
