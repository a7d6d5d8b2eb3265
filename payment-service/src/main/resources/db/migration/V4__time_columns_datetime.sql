-- Every time column is DATETIME(6) holding UTC (docs/conventions.md, "Time columns"). Never edit after landing.
-- A TIMESTAMP is read in the session's time zone while its column changes type: UTC here, so each DATETIME gets the UTC
-- wall time of the instant its TIMESTAMP held. The session's zone is put back at the end (Flyway's connection goes
-- back to the pool).
SET @time_zone_before_migration = @@session.time_zone;
SET time_zone = '+00:00';

ALTER TABLE reservation_view
    MODIFY hold_expires_at DATETIME(6) NULL,
    MODIFY updated_at      DATETIME(6) NOT NULL;

ALTER TABLE unknown_reservation_request
    MODIFY first_asked_at DATETIME(6) NOT NULL;

ALTER TABLE payment
    MODIFY created_at   DATETIME(6) NOT NULL,
    MODIFY attempted_at DATETIME(6) NOT NULL,
    MODIFY completed_at DATETIME(6) NULL,
    MODIFY refunded_at  DATETIME(6) NULL;

ALTER TABLE refund
    MODIFY next_try_at  DATETIME(6) NOT NULL,
    MODIFY created_at   DATETIME(6) NOT NULL,
    MODIFY completed_at DATETIME(6) NULL;

-- service-support's Idempotency-Key store
ALTER TABLE idempotent_request
    MODIFY lease_until  DATETIME(6) NOT NULL,
    MODIFY created_at   DATETIME(6) NOT NULL,
    MODIFY completed_at DATETIME(6) NULL,
    MODIFY expires_at   DATETIME(6) NOT NULL;

-- common-events' outbox and inbox (its V0_1 created them): changed by each service whose database holds them, in the
-- service's own next version, since they share the service's Flyway history (docs/conventions.md, "Time columns")
ALTER TABLE outbox_event
    MODIFY created_at   DATETIME(6) NOT NULL,
    MODIFY published_at DATETIME(6) NULL;

ALTER TABLE processed_event
    MODIFY processed_at DATETIME(6) NOT NULL;

SET time_zone = @time_zone_before_migration;
