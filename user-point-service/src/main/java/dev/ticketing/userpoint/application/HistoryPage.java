package dev.ticketing.userpoint.application;

import dev.ticketing.userpoint.domain.PointTransaction;
import java.util.List;

/** One page of a user's ledger, newest first; {@code page} counts from 0. */
public record HistoryPage(List<PointTransaction> items, int page, int size, long total) {
}
