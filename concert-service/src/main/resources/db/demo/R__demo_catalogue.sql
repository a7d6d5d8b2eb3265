-- Demo catalogue (profile "demo"): 3 concerts x 3 dates x 50 seats in three price tiers. Repeatable and idempotent:
-- fixed ids and INSERT IGNORE, so a re-run (after an edit of this file) adds what is missing and never resets a seat
-- that was held or sold meanwhile. Dates are fixed in 2027 and stored in UTC (19:00 or 18:00 in Seoul).

INSERT IGNORE INTO concert (id, title, artist) VALUES
    (1, 'IU - The Golden Hour', 'IU'),
    (2, 'BTS - Yet To Come', 'BTS'),
    (3, 'NewJeans - Bunnies Camp', 'NewJeans');

INSERT IGNORE INTO concert_date (id, concert_id, starts_at) VALUES
    (1, 1, '2027-03-13 10:00:00'),
    (2, 1, '2027-03-14 09:00:00'),
    (3, 1, '2027-03-20 10:00:00'),
    (4, 2, '2027-04-10 10:00:00'),
    (5, 2, '2027-04-11 09:00:00'),
    (6, 2, '2027-04-17 10:00:00'),
    (7, 3, '2027-05-08 10:00:00'),
    (8, 3, '2027-05-09 09:00:00'),
    (9, 3, '2027-05-15 10:00:00');

-- Seats 1-10 VIP 150,000, 11-30 R 120,000, 31-50 S 80,000 points. The digit cross join yields 1..50 on MySQL and
-- MariaDB alike.
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
WHERE d.id BETWEEN 1 AND 9;
