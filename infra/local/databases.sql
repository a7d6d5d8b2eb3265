-- One database and one user per service: no service can read another's tables. Local passwords only; k8s uses Secrets.
CREATE DATABASE IF NOT EXISTS user_point CHARACTER SET utf8mb4 COLLATE utf8mb4_unicode_ci;
CREATE DATABASE IF NOT EXISTS concert CHARACTER SET utf8mb4 COLLATE utf8mb4_unicode_ci;
CREATE DATABASE IF NOT EXISTS payment CHARACTER SET utf8mb4 COLLATE utf8mb4_unicode_ci;

CREATE USER IF NOT EXISTS 'user_point'@'127.0.0.1' IDENTIFIED BY 'user_point';
CREATE USER IF NOT EXISTS 'user_point'@'localhost' IDENTIFIED BY 'user_point';
CREATE USER IF NOT EXISTS 'concert'@'127.0.0.1' IDENTIFIED BY 'concert';
CREATE USER IF NOT EXISTS 'concert'@'localhost' IDENTIFIED BY 'concert';
CREATE USER IF NOT EXISTS 'payment'@'127.0.0.1' IDENTIFIED BY 'payment';
CREATE USER IF NOT EXISTS 'payment'@'localhost' IDENTIFIED BY 'payment';
GRANT ALL PRIVILEGES ON user_point.* TO 'user_point'@'127.0.0.1', 'user_point'@'localhost';
GRANT ALL PRIVILEGES ON concert.* TO 'concert'@'127.0.0.1', 'concert'@'localhost';
GRANT ALL PRIVILEGES ON payment.* TO 'payment'@'127.0.0.1', 'payment'@'localhost';

-- The test harness creates and drops a database per test class (named it_*), and the system check reads all three.
CREATE USER IF NOT EXISTS 'ticketing_test'@'127.0.0.1' IDENTIFIED BY 'ticketing_test';
CREATE USER IF NOT EXISTS 'ticketing_test'@'localhost' IDENTIFIED BY 'ticketing_test';
GRANT ALL PRIVILEGES ON *.* TO 'ticketing_test'@'127.0.0.1', 'ticketing_test'@'localhost';
FLUSH PRIVILEGES;
