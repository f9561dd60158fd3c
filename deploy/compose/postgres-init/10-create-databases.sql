-- Runs once, on the first start of an empty data volume (docker-entrypoint-initdb.d).
-- One database per service and one for Keycloak, all owned by the POSTGRES_USER they connect as.
CREATE DATABASE beneficiary;
CREATE DATABASE partner;
CREATE DATABASE training;
CREATE DATABASE aid;
CREATE DATABASE webhook;
CREATE DATABASE keycloak;
