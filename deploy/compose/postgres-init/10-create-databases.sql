-- Runs once, on the first start of an empty data volume (docker-entrypoint-initdb.d).
-- One database per service, all owned by the POSTGRES_USER the services connect as.
CREATE DATABASE beneficiary;
CREATE DATABASE partner;
CREATE DATABASE training;
CREATE DATABASE aid;
