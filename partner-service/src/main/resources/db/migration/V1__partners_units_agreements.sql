CREATE TABLE partner (
    id                       UUID PRIMARY KEY,
    type                     TEXT        NOT NULL,
    legal_name               TEXT        NOT NULL,
    short_name               TEXT,
    registration_number      TEXT,
    accreditation_grade      TEXT CHECK (accreditation_grade IN ('A', 'B', 'C')),
    accreditation_expires_on DATE,
    npwp                     VARCHAR(16),
    address_line             TEXT,
    province_code            VARCHAR(2)  NOT NULL,
    regency_code             VARCHAR(5),
    parent_id                UUID REFERENCES partner (id),
    status                   TEXT        NOT NULL,
    deactivation_reason      TEXT,
    deactivated_at           TIMESTAMPTZ,
    registered_at            TIMESTAMPTZ NOT NULL,
    updated_at               TIMESTAMPTZ NOT NULL,
    version                  BIGINT      NOT NULL DEFAULT 0
);

-- Registration numbers are compared without regard to case or surrounding spaces; many partners have none.
CREATE UNIQUE INDEX partner_registration_number_unique ON partner (upper(registration_number))
    WHERE registration_number IS NOT NULL;
CREATE INDEX partner_type_region ON partner (type, province_code, regency_code);
CREATE INDEX partner_parent ON partner (parent_id);

CREATE TABLE partner_contact (
    partner_id UUID    NOT NULL REFERENCES partner (id) ON DELETE CASCADE,
    position   INTEGER NOT NULL,
    name       TEXT    NOT NULL,
    role       TEXT,
    email      TEXT,
    phone      TEXT,
    PRIMARY KEY (partner_id, position)
);

CREATE TABLE partner_cluster (
    partner_id UUID NOT NULL REFERENCES partner (id) ON DELETE CASCADE,
    cluster    TEXT NOT NULL,
    PRIMARY KEY (partner_id, cluster)
);

CREATE TABLE service_unit (
    id                   UUID PRIMARY KEY,
    name                 TEXT        NOT NULL,
    kind                 TEXT        NOT NULL,
    province_code        VARCHAR(2)  NOT NULL,
    regency_code         VARCHAR(5),
    address_line         TEXT,
    residential_capacity INTEGER     NOT NULL CHECK (residential_capacity >= 0),
    registered_at        TIMESTAMPTZ NOT NULL,
    updated_at           TIMESTAMPTZ NOT NULL,
    version              BIGINT      NOT NULL DEFAULT 0
);

CREATE UNIQUE INDEX service_unit_name_unique ON service_unit (upper(name));

CREATE TABLE service_unit_cluster (
    service_unit_id UUID NOT NULL REFERENCES service_unit (id) ON DELETE CASCADE,
    cluster         TEXT NOT NULL,
    PRIMARY KEY (service_unit_id, cluster)
);

-- A unit's partner network: who works with it, since when, on what, and how that went.
CREATE TABLE partner_link (
    service_unit_id UUID        NOT NULL REFERENCES service_unit (id),
    partner_id      UUID        NOT NULL REFERENCES partner (id),
    since           DATE        NOT NULL,
    focus           TEXT        NOT NULL,
    notes           TEXT,
    linked_at       TIMESTAMPTZ NOT NULL,
    PRIMARY KEY (service_unit_id, partner_id)
);

CREATE INDEX partner_link_partner ON partner_link (partner_id);

CREATE TABLE agreement (
    id                 UUID PRIMARY KEY,
    number             TEXT        NOT NULL,
    title              TEXT        NOT NULL,
    kind               TEXT        NOT NULL,
    status             TEXT        NOT NULL,
    starts_on          DATE        NOT NULL,
    ends_on            DATE        NOT NULL,
    signed_on          DATE,
    termination_reason TEXT,
    created_at         TIMESTAMPTZ NOT NULL,
    updated_at         TIMESTAMPTZ NOT NULL,
    version            BIGINT      NOT NULL DEFAULT 0,
    CHECK (ends_on >= starts_on)
);

CREATE UNIQUE INDEX agreement_number_unique ON agreement (upper(number));
CREATE INDEX agreement_status_ends_on ON agreement (status, ends_on);

CREATE TABLE agreement_party (
    agreement_id    UUID    NOT NULL REFERENCES agreement (id) ON DELETE CASCADE,
    position        INTEGER NOT NULL,
    partner_id      UUID REFERENCES partner (id),
    service_unit_id UUID REFERENCES service_unit (id),
    role            TEXT    NOT NULL,
    PRIMARY KEY (agreement_id, position),
    CHECK ((partner_id IS NULL) <> (service_unit_id IS NULL))
);

CREATE INDEX agreement_party_partner ON agreement_party (partner_id);

CREATE TABLE agreement_signatory (
    agreement_id   UUID    NOT NULL REFERENCES agreement (id) ON DELETE CASCADE,
    position       INTEGER NOT NULL,
    name           TEXT    NOT NULL,
    title          TEXT,
    party_id       UUID    NOT NULL,
    PRIMARY KEY (agreement_id, position)
);

CREATE TABLE agreement_service (
    agreement_id UUID NOT NULL REFERENCES agreement (id) ON DELETE CASCADE,
    service      TEXT NOT NULL,
    PRIMARY KEY (agreement_id, service)
);

CREATE TABLE agreement_cluster (
    agreement_id UUID NOT NULL REFERENCES agreement (id) ON DELETE CASCADE,
    cluster      TEXT NOT NULL,
    PRIMARY KEY (agreement_id, cluster)
);

CREATE TABLE agreement_region (
    agreement_id UUID NOT NULL REFERENCES agreement (id) ON DELETE CASCADE,
    region_code  TEXT NOT NULL,
    PRIMARY KEY (agreement_id, region_code)
);

CREATE TABLE agreement_service_unit (
    agreement_id    UUID NOT NULL REFERENCES agreement (id) ON DELETE CASCADE,
    service_unit_id UUID NOT NULL REFERENCES service_unit (id),
    PRIMARY KEY (agreement_id, service_unit_id)
);

CREATE TABLE agreement_commitment (
    agreement_id     UUID    NOT NULL REFERENCES agreement (id) ON DELETE CASCADE,
    position         INTEGER NOT NULL,
    partner_id       UUID    NOT NULL REFERENCES partner (id),
    kind             TEXT    NOT NULL CHECK (kind IN ('MONEY', 'IN_KIND')),
    amount_idr       BIGINT CHECK (amount_idr > 0),
    description      TEXT    NOT NULL,
    addendum_number  TEXT,
    PRIMARY KEY (agreement_id, position),
    CHECK ((kind = 'MONEY') = (amount_idr IS NOT NULL))
);

CREATE INDEX agreement_commitment_partner ON agreement_commitment (partner_id);

-- Each addendum keeps what it changed, so the agreement's history can be read back in order.
CREATE TABLE agreement_addendum (
    id                UUID PRIMARY KEY,
    agreement_id      UUID        NOT NULL REFERENCES agreement (id) ON DELETE CASCADE,
    number            TEXT        NOT NULL,
    title             TEXT        NOT NULL,
    signed_on         DATE        NOT NULL,
    summary           TEXT        NOT NULL,
    previous_ends_on  DATE        NOT NULL,
    ends_on           DATE        NOT NULL,
    added_amount_idr  BIGINT      NOT NULL DEFAULT 0,
    recorded_at       TIMESTAMPTZ NOT NULL
);

CREATE UNIQUE INDEX agreement_addendum_number_unique ON agreement_addendum (upper(number));
CREATE INDEX agreement_addendum_agreement ON agreement_addendum (agreement_id, recorded_at);

-- The first result of a creating call, replayed when the same caller retries with the same key.
CREATE TABLE idempotency_key (
    caller        TEXT        NOT NULL,
    key           TEXT        NOT NULL,
    operation     TEXT        NOT NULL,
    request_hash  TEXT        NOT NULL,
    resource_id   UUID,
    response_body TEXT,
    created_at    TIMESTAMPTZ NOT NULL DEFAULT now(),
    PRIMARY KEY (caller, key)
);
