-- The test application is a service like the others: it converts the shared tables in its own next version.
-- Every time column is DATETIME(6) holding UTC (docs/conventions.md, "Time columns"). Never edit after landing.
-- A TIMESTAMP is read in the session's time zone while its column changes type: UTC here, so each DATETIME gets the UTC
-- wall time of the instant its TIMESTAMP held. The session's zone is put back at the end (Flyway's connection goes
-- back to the pool).
SET @time_zone_before_migration = @@session.time_zone;
SET time_zone = '+00:00';

-- common-events' outbox and inbox (its V0_1 created them): changed by each service whose database holds them, in the
-- service's own next version, since they share the service's Flyway history (docs/conventions.md, "Time columns")
ALTER TABLE outbox_event
    MODIFY created_at   DATETIME(6) NOT NULL,
    MODIFY published_at DATETIME(6) NULL;

ALTER TABLE processed_event
    MODIFY processed_at DATETIME(6) NOT NULL;

SET time_zone = @time_zone_before_migration;
