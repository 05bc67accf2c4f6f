#!/usr/bin/env bash
# One PostgreSQL database and one login role per service, each role owning only its own database.
#
# The postgres image runs this once, on its first start with an empty data volume (mounted into
# /docker-entrypoint-initdb.d by docker-compose.yml). It is idempotent: run it again by hand after
# adding a service or to reset a role's password to the value in the environment:
#
#   docker compose exec postgres bash /docker-entrypoint-initdb.d/10-init-databases.sh
#
# Needs <SERVICE>_DB_PASSWORD for every service (RECEPTION_DB_PASSWORD, HOUSING_DB_PASSWORD, ...).
# Arguments, when given, replace the list of services. Connection: the usual libpq variables
# (PGHOST, PGPORT, PGUSER...); inside the postgres image the local socket as $POSTGRES_USER.
set -euo pipefail

services=("$@")
if [ ${#services[@]} -eq 0 ]; then
  services=(reception housing education employment council)
fi

# Check every password first, so that a missing one creates nothing.
for service in "${services[@]}"; do
  var="$(printf '%s' "$service" | tr '[:lower:]' '[:upper:]')_DB_PASSWORD"
  if [ -z "${!var:-}" ]; then
    echo "init-databases: $var is not set; it is the password of the '$service' database role" >&2
    exit 1
  fi
done

for service in "${services[@]}"; do
  var="$(printf '%s' "$service" | tr '[:lower:]' '[:upper:]')_DB_PASSWORD"
  echo "init-databases: role and database '$service'"
  # The password travels in the environment (\getenv), not on the command line.
  DB_PASSWORD="${!var}" psql -v ON_ERROR_STOP=1 --no-psqlrc \
    --username "${POSTGRES_USER:-${PGUSER:-postgres}}" --dbname "${POSTGRES_DB:-postgres}" \
    -v service="$service" <<'SQL'
\getenv password DB_PASSWORD
SELECT format('CREATE ROLE %I LOGIN', :'service')
 WHERE NOT EXISTS (SELECT FROM pg_roles WHERE rolname = :'service') \gexec
SELECT format('ALTER ROLE %I WITH LOGIN PASSWORD %L', :'service', :'password') \gexec
SELECT format('CREATE DATABASE %I OWNER %I', :'service', :'service')
 WHERE NOT EXISTS (SELECT FROM pg_database WHERE datname = :'service') \gexec
SELECT format('REVOKE ALL ON DATABASE %I FROM PUBLIC', :'service') \gexec
SELECT format('GRANT ALL ON DATABASE %I TO %I', :'service', :'service') \gexec
SQL
done
