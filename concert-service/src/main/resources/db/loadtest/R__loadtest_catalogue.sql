-- Load-test catalogue (profile "loadtest", on top of the demo catalogue; bin/load-test turns it on for a crowd larger
-- than the demo users): 60 more dates of concert 1, ids 101..160, daily at 10:00 UTC from 2027-03-21 (after the demo's
-- three), 50 seats each in the demo's price tiers, so concert 1 has 63 dates and 3,150 seats: a 3,000-user opening
-- finds seats to hold all through the run, and every seat list is as long as the demo's. Concerts 2 and 3 are as in
-- the demo. Repeatable and idempotent like the demo catalogue: fixed ids and INSERT IGNORE, a re-run adds what is
-- missing and never resets a seat that was held or sold. Runs after R__demo_catalogue (Flyway applies repeatable
-- scripts in the order of their descriptions), which creates concert 1.

INSERT IGNORE INTO concert_date (id, concert_id, starts_at)
SELECT 101 + n.n, 1, TIMESTAMPADD(DAY, n.n, '2027-03-21 10:00:00')
FROM (SELECT tens.n * 10 + ones.n AS n
      FROM (SELECT 0 AS n UNION ALL SELECT 1 UNION ALL SELECT 2 UNION ALL SELECT 3 UNION ALL SELECT 4
            UNION ALL SELECT 5) tens
      CROSS JOIN (SELECT 0 AS n UNION ALL SELECT 1 UNION ALL SELECT 2 UNION ALL SELECT 3 UNION ALL SELECT 4
                  UNION ALL SELECT 5 UNION ALL SELECT 6 UNION ALL SELECT 7 UNION ALL SELECT 8
                  UNION ALL SELECT 9) ones) n;

-- Seats 1-10 VIP 150,000, 11-30 R 120,000, 31-50 S 80,000 points, as in the demo catalogue.
INSERT IGNORE INTO seat (concert_date_id, seat_number, price, status)
SELECT d.id,
       n.seat_number,
       CASE WHEN n.seat_number <= 10 THEN 150000 WHEN n.seat_number <= 30 THEN 120000 ELSE 80000 END,
       'AVAILABLE'
FROM concert_date d
CROSS JOIN (SELECT tens.n * 10 + ones.n + 1 AS seat_number
            FROM (SELECT 0 AS n UNION ALL SELECT 1 UNION ALL SELECT 2 UNION ALL SELECT 3 UNION ALL SELECT 4) tens
            CROSS JOIN (SELECT 0 AS n UNION ALL SELECT 1 UNION ALL SELECT 2 UNION ALL SELECT 3 UNION ALL SELECT 4
                        UNION ALL SELECT 5 UNION ALL SELECT 6 UNION ALL SELECT 7 UNION ALL SELECT 8
                        UNION ALL SELECT 9) ones) n
WHERE d.id BETWEEN 101 AND 160;
