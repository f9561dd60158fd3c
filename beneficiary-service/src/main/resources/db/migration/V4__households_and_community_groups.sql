-- Households (by KK number, sealed and hashed like a person's) and community groups coached by a partner.
CREATE TABLE household (
    id            UUID PRIMARY KEY,
    kk_hash       TEXT        NOT NULL,
    kk_cipher     TEXT        NOT NULL,
    kk_key_id     TEXT        NOT NULL,
    registered_at TIMESTAMPTZ NOT NULL,
    version       BIGINT      NOT NULL DEFAULT 0,
    CONSTRAINT household_kk_hash_unique UNIQUE (kk_hash)
);

CREATE TABLE household_member (
    household_id   UUID NOT NULL REFERENCES household (id),
    beneficiary_id UUID NOT NULL REFERENCES beneficiary (id),
    relationship   TEXT NOT NULL CHECK (relationship IN ('HEAD', 'SPOUSE', 'CHILD', 'PARENT', 'SIBLING', 'GRANDCHILD', 'OTHER_RELATIVE', 'OTHER')),
    PRIMARY KEY (household_id, beneficiary_id),
    CONSTRAINT household_member_one_household UNIQUE (beneficiary_id)
);
CREATE UNIQUE INDEX household_one_head ON household_member (household_id) WHERE relationship = 'HEAD';

CREATE TABLE community_group (
    id                 UUID PRIMARY KEY,
    name               TEXT        NOT NULL,
    description        TEXT,
    coaching_partner_id UUID       NOT NULL,
    coordinator_id     UUID        NOT NULL REFERENCES beneficiary (id),
    province_code      TEXT,
    regency_code       TEXT,
    registered_at      TIMESTAMPTZ NOT NULL,
    version            BIGINT      NOT NULL DEFAULT 0
);
CREATE INDEX community_group_partner ON community_group (coaching_partner_id);

CREATE TABLE community_group_member (
    group_id       UUID        NOT NULL REFERENCES community_group (id),
    beneficiary_id UUID        NOT NULL REFERENCES beneficiary (id),
    joined_at      TIMESTAMPTZ NOT NULL,
    PRIMARY KEY (group_id, beneficiary_id)
);
CREATE INDEX community_group_member_beneficiary ON community_group_member (beneficiary_id);
