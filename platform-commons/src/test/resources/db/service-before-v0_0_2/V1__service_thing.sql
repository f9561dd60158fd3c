-- A service's own first migration, as every service has.
CREATE TABLE service_thing (id BIGINT PRIMARY KEY);
