package dev.ticketing.userpoint.domain;

/** What a user may do; every user is a USER, operators are USER and OPERATOR. */
public enum Role {
    USER,
    OPERATOR
}
