package dev.ticketing.userpoint.infrastructure.persistence;

import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.Instant;

/** A row of {@code users}: the user and, for those who can log in, their credentials. */
@Entity
@Table(name = "users")
class UserEntity {

    @Id
    private long id;
    private String name;
    private Instant createdAt;
    private String username;
    private String usernameKey;
    private String passwordHash;
    /** comma-separated role names, e.g. {@code USER,OPERATOR} */
    private String roles;

    protected UserEntity() {
    }

    long id() {
        return id;
    }

    String username() {
        return username;
    }

    String passwordHash() {
        return passwordHash;
    }

    String roles() {
        return roles;
    }
}
