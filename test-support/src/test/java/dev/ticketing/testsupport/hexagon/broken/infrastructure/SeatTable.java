package dev.ticketing.testsupport.hexagon.broken.infrastructure;

public class SeatTable {
}
