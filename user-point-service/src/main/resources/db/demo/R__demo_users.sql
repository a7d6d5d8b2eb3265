-- Demo users 1..1000, named user-0001 ..., each starting with 200,000 points recorded as a charge, so that their
-- history sums to their balance like everyone else's; they log in as user1 ... user1000 with the password
-- demo-password. User 1001 is the operator (operator / operator-password, roles USER and OPERATOR), with no points.
-- Idempotent: rows that exist are left alone, whatever happened to them since (credentials are only given to a demo
-- user who has none, and only when nobody else holds the username). Times are UTC_TIMESTAMP(6): the columns hold UTC
-- (docs/conventions.md, "Time columns"), whatever the server's or the session's zone.
--
-- DEMO DATA ONLY: every demo user shares one precomputed bcrypt hash (one salt) of demo-password, because hashing
-- 1000 passwords at start-up would take minutes. Real users get a hash of their own, with a salt of their own.

CREATE TEMPORARY TABLE demo_user_id (id BIGINT NOT NULL PRIMARY KEY);
INSERT INTO demo_user_id (id)
SELECT 1 + units.n + 10 * tens.n + 100 * hundreds.n
FROM (SELECT 0 AS n UNION ALL SELECT 1 UNION ALL SELECT 2 UNION ALL SELECT 3 UNION ALL SELECT 4
      UNION ALL SELECT 5 UNION ALL SELECT 6 UNION ALL SELECT 7 UNION ALL SELECT 8 UNION ALL SELECT 9) units
CROSS JOIN (SELECT 0 AS n UNION ALL SELECT 1 UNION ALL SELECT 2 UNION ALL SELECT 3 UNION ALL SELECT 4
      UNION ALL SELECT 5 UNION ALL SELECT 6 UNION ALL SELECT 7 UNION ALL SELECT 8 UNION ALL SELECT 9) tens
CROSS JOIN (SELECT 0 AS n UNION ALL SELECT 1 UNION ALL SELECT 2 UNION ALL SELECT 3 UNION ALL SELECT 4
      UNION ALL SELECT 5 UNION ALL SELECT 6 UNION ALL SELECT 7 UNION ALL SELECT 8 UNION ALL SELECT 9) hundreds;

INSERT INTO users (id, name, created_at)
SELECT d.id, CONCAT('user-', LPAD(d.id, 4, '0')), UTC_TIMESTAMP(6)
FROM demo_user_id d
WHERE NOT EXISTS (SELECT 1 FROM users u WHERE u.id = d.id);

-- bcrypt (cost 10) of demo-password; see the note at the top
UPDATE users u
JOIN demo_user_id d ON d.id = u.id
LEFT JOIN users holder ON holder.username_key = CONCAT('user', d.id)
SET u.username = CONCAT('user', d.id), u.username_key = CONCAT('user', d.id),
    u.password_hash = '{bcrypt}$2a$10$EV3yor81hNRHoW6S3o0ik.9zCHSfSbmQNuP8QlTi2kzQ0pS1YiwVC', u.roles = 'USER'
WHERE u.username_key IS NULL AND u.password_hash IS NULL AND holder.id IS NULL;

-- the operator; bcrypt (cost 10) of operator-password
INSERT INTO users (id, name, created_at, username, username_key, password_hash, roles)
SELECT 1001, 'operator', UTC_TIMESTAMP(6), 'operator', 'operator',
       '{bcrypt}$2a$10$jbPCTpZthSfLKNDazvn6EOtkAfCZ5bvme4z9.eNcJ3u40ER/wgONS', 'USER,OPERATOR'
WHERE NOT EXISTS (SELECT 1 FROM users u WHERE u.id = 1001 OR u.username_key = 'operator');

INSERT INTO point_balance (user_id, balance, updated_at)
SELECT u.id, 0, UTC_TIMESTAMP(6)
FROM users u
WHERE u.id = 1001 AND NOT EXISTS (SELECT 1 FROM point_balance b WHERE b.user_id = u.id);

-- The starting charge only for demo users that have no balance yet: a second run changes nothing.
INSERT INTO point_transaction (user_id, type, amount, balance_after, created_at)
SELECT d.id, 'CHARGE', 200000, 200000, UTC_TIMESTAMP(6)
FROM demo_user_id d
WHERE NOT EXISTS (SELECT 1 FROM point_balance b WHERE b.user_id = d.id);

INSERT INTO point_balance (user_id, balance, updated_at)
SELECT d.id, 200000, UTC_TIMESTAMP(6)
FROM demo_user_id d
WHERE NOT EXISTS (SELECT 1 FROM point_balance b WHERE b.user_id = d.id);

DROP TEMPORARY TABLE demo_user_id;
