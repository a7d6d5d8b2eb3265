-- Load-test users (profile "loadtest", on top of the demo users; bin/load-test turns it on for a crowd larger than the
-- demo users): users 2001..5100, named user-2001 ..., logging in as user2001 ... user5100 with the password
-- demo-password, each starting with 200,000 points recorded as a charge (more than the dearest seat, 150,000). 3,100
-- users: TicketOpeningSimulation's 3,000-user opening takes its users from 2001..5080 and its 20 warm-up users from
-- 5081..5100 (bin/load-test passes -DfirstUser=2001 -DlastUser=5100). The ids stay clear of the demo users (1..1000),
-- the operator (1001) and the ids of users who sign up (from 1,000,001).
-- Idempotent like the demo users: rows that exist are left alone, whatever happened to them since (credentials are
-- only given to a user who has none, and only when nobody else holds the username). Times are UTC_TIMESTAMP(6): the
-- columns hold UTC (docs/conventions.md, "Time columns").
--
-- LOAD-TEST DATA ONLY: every user here shares the demo users' one precomputed bcrypt hash (one salt) of demo-password,
-- because hashing 3,100 passwords at start-up would take minutes. Real users get a hash of their own.

CREATE TEMPORARY TABLE loadtest_user_id (id BIGINT NOT NULL PRIMARY KEY);
INSERT INTO loadtest_user_id (id)
SELECT 2001 + units.n + 10 * tens.n + 100 * hundreds.n + 1000 * thousands.n
FROM (SELECT 0 AS n UNION ALL SELECT 1 UNION ALL SELECT 2 UNION ALL SELECT 3 UNION ALL SELECT 4
      UNION ALL SELECT 5 UNION ALL SELECT 6 UNION ALL SELECT 7 UNION ALL SELECT 8 UNION ALL SELECT 9) units
CROSS JOIN (SELECT 0 AS n UNION ALL SELECT 1 UNION ALL SELECT 2 UNION ALL SELECT 3 UNION ALL SELECT 4
      UNION ALL SELECT 5 UNION ALL SELECT 6 UNION ALL SELECT 7 UNION ALL SELECT 8 UNION ALL SELECT 9) tens
CROSS JOIN (SELECT 0 AS n UNION ALL SELECT 1 UNION ALL SELECT 2 UNION ALL SELECT 3 UNION ALL SELECT 4
      UNION ALL SELECT 5 UNION ALL SELECT 6 UNION ALL SELECT 7 UNION ALL SELECT 8 UNION ALL SELECT 9) hundreds
CROSS JOIN (SELECT 0 AS n UNION ALL SELECT 1 UNION ALL SELECT 2 UNION ALL SELECT 3) thousands
WHERE units.n + 10 * tens.n + 100 * hundreds.n + 1000 * thousands.n < 3100;

INSERT INTO users (id, name, created_at)
SELECT l.id, CONCAT('user-', l.id), UTC_TIMESTAMP(6)
FROM loadtest_user_id l
WHERE NOT EXISTS (SELECT 1 FROM users u WHERE u.id = l.id);

-- bcrypt (cost 10) of demo-password, the demo users' hash; see the note at the top
UPDATE users u
JOIN loadtest_user_id l ON l.id = u.id
LEFT JOIN users holder ON holder.username_key = CONCAT('user', l.id)
SET u.username = CONCAT('user', l.id), u.username_key = CONCAT('user', l.id),
    u.password_hash = '{bcrypt}$2a$10$EV3yor81hNRHoW6S3o0ik.9zCHSfSbmQNuP8QlTi2kzQ0pS1YiwVC', u.roles = 'USER'
WHERE u.username_key IS NULL AND u.password_hash IS NULL AND holder.id IS NULL;

-- The starting charge only for users that have no balance yet: a second run changes nothing.
INSERT INTO point_transaction (user_id, type, amount, balance_after, created_at)
SELECT l.id, 'CHARGE', 200000, 200000, UTC_TIMESTAMP(6)
FROM loadtest_user_id l
WHERE NOT EXISTS (SELECT 1 FROM point_balance b WHERE b.user_id = l.id);

INSERT INTO point_balance (user_id, balance, updated_at)
SELECT l.id, 200000, UTC_TIMESTAMP(6)
FROM loadtest_user_id l
WHERE NOT EXISTS (SELECT 1 FROM point_balance b WHERE b.user_id = l.id);

DROP TEMPORARY TABLE loadtest_user_id;
