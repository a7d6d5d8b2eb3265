package dev.ticketing.userpoint.api;

import dev.ticketing.userpoint.application.HistoryPage;
import dev.ticketing.userpoint.domain.TransactionType;
import java.time.Instant;
import java.util.List;

/** A page of the ledger, newest first; {@code page} counts from 0 and {@code total} is the number of all items. */
public record HistoryResponse(List<Item> items, int page, int size, long total) {

    public record Item(long transactionId, TransactionType type, long amount, long balanceAfter, Instant createdAt) {
    }

    static HistoryResponse of(HistoryPage page) {
        return new HistoryResponse(page.items().stream()
                .map(t -> new Item(t.id(), t.type(), t.amount(), t.balanceAfter(), t.createdAt()))
                .toList(), page.page(), page.size(), page.total());
    }
}
