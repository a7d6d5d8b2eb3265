-- Demo users 1..1000, named user-0001 ..., each starting with 200,000 points recorded as a charge, so that their
-- history sums to their balance like everyone else's. Idempotent: rows that exist are left alone, whatever happened
-- to them since.

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
SELECT d.id, CONCAT('user-', LPAD(d.id, 4, '0')), CURRENT_TIMESTAMP(6)
FROM demo_user_id d
WHERE NOT EXISTS (SELECT 1 FROM users u WHERE u.id = d.id);

-- The starting charge only for demo users that have no balance yet: a second run changes nothing.
INSERT INTO point_transaction (user_id, type, amount, balance_after, created_at)
SELECT d.id, 'CHARGE', 200000, 200000, CURRENT_TIMESTAMP(6)
FROM demo_user_id d
WHERE NOT EXISTS (SELECT 1 FROM point_balance b WHERE b.user_id = d.id);

INSERT INTO point_balance (user_id, balance, updated_at)
SELECT d.id, 200000, CURRENT_TIMESTAMP(6)
FROM demo_user_id d
WHERE NOT EXISTS (SELECT 1 FROM point_balance b WHERE b.user_id = d.id);

DROP TEMPORARY TABLE demo_user_id;
