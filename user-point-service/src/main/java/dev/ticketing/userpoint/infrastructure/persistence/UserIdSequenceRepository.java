package dev.ticketing.userpoint.infrastructure.persistence;

import org.springframework.data.repository.Repository;

interface UserIdSequenceRepository extends Repository<UserIdSequenceEntity, Long> {

    UserIdSequenceEntity save(UserIdSequenceEntity next);
}
