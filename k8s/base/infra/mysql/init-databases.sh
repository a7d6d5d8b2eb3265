#!/bin/bash
# Runs once, when MySQL starts on an empty data directory (/docker-entrypoint-initdb.d): one database and one user per
# service, each user limited to its own database, passwords from the services' Secrets. Changing a password later is
# an ALTER USER by hand (k8s/README.md), not a restart.
set -euo pipefail

sql_string() {
    local value=${1//\\/\\\\}
    printf "'%s'" "${value//\'/\'\'}"
}

{
    for prefix in USER_POINT CONCERT PAYMENT; do
        database=$(tr '[:upper:]' '[:lower:]' <<< "$prefix")
        user_var="${prefix}_DB_USER"
        password_var="${prefix}_DB_PASSWORD"
        user=$(sql_string "${!user_var}")
        password=$(sql_string "${!password_var}")
        echo "CREATE DATABASE IF NOT EXISTS \`${database}\` CHARACTER SET utf8mb4 COLLATE utf8mb4_0900_ai_ci;"
        echo "CREATE USER IF NOT EXISTS ${user}@'%' IDENTIFIED BY ${password};"
        echo "GRANT ALL PRIVILEGES ON \`${database}\`.* TO ${user}@'%';"
    done
} | MYSQL_PWD="$MYSQL_ROOT_PASSWORD" mysql --protocol=socket --user=root
echo "init-databases: user_point, concert and payment created"
