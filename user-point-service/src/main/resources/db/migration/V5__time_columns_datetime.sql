-- Every time column is DATETIME(6) holding UTC (docs/conventions.md, "Time columns"). Never edit after landing.
-- A TIMESTAMP is read in the session's time zone while its column changes type: UTC here, so each DATETIME gets the UTC
-- wall time of the instant its TIMESTAMP held. The session's zone is put back at the end (Flyway's connection goes
-- back to the pool).
SET @time_zone_before_migration = @@session.time_zone;
SET time_zone = '+00:00';

-- point_transaction is the largest table: MySQL and MariaDB copy it to change the type, so this runs for a while on a
-- big ledger (with the service stopped, as every migration here)
ALTER TABLE users
    MODIFY created_at DATETIME(6) NOT NULL;

ALTER TABLE point_balance
    MODIFY updated_at DATETIME(6) NOT NULL;

ALTER TABLE point_transaction
    MODIFY created_at DATETIME(6) NOT NULL;

ALTER TABLE point_operation
    MODIFY created_at DATETIME(6) NOT NULL;

ALTER TABLE login_attempt
    MODIFY window_start DATETIME(6) NOT NULL;

-- service-support's Idempotency-Key store
ALTER TABLE idempotent_request
    MODIFY lease_until  DATETIME(6) NOT NULL,
    MODIFY created_at   DATETIME(6) NOT NULL,
    MODIFY completed_at DATETIME(6) NULL,
    MODIFY expires_at   DATETIME(6) NOT NULL;

SET time_zone = @time_zone_before_migration;
