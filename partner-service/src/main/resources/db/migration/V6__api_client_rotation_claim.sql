-- A rotation asks Keycloak outside any transaction; this claim keeps a second rotation of the same client from running
-- at the same time. A claim left by a crashed instance expires by itself.
ALTER TABLE api_client ADD COLUMN secret_rotation_claimed_until timestamptz;
