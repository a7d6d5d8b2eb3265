package dev.ticketing.events.outbox;

import dev.ticketing.events.DomainEvent;

/**
 * Where a service puts the events of a state change. The event is stored in the caller's database transaction and
 * published to Kafka by the relay once that transaction commits: committed means published (at least once), rolled
 * back means never published.
 */
public interface EventOutbox {

    /** @throws IllegalStateException when no transaction is active: an event must share its state change's fate */
    void add(DomainEvent event);
}
