package dev.ticketing.userpoint.infrastructure.persistence;

import java.time.Instant;
import java.util.Optional;
import org.springframework.data.jpa.repository.Modifying;
import org.springframework.data.jpa.repository.Query;
import org.springframework.data.repository.Repository;
import org.springframework.transaction.annotation.Transactional;

interface UserRepository extends Repository<UserEntity, Long> {

    Optional<UserEntity> findByUsernameKeyAndPasswordHashIsNotNull(String usernameKey);

    // The unique key on username_key refuses the second of two sign-ups of one name, whatever its letter case.
    @Modifying
    @Transactional
    @Query(nativeQuery = true, value = """
            INSERT INTO users (id, name, created_at, username, username_key, password_hash, roles)
            VALUES (:id, :username, :at, :username, :usernameKey, :passwordHash, :roles)""")
    void insert(long id, String username, String usernameKey, String passwordHash, String roles, Instant at);

    @Modifying
    @Transactional
    @Query("update UserEntity u set u.passwordHash = :passwordHash where u.id = :id")
    void changePasswordHash(long id, String passwordHash);
}
