-- Reference data the engine reads: plans, members, providers.
-- Loaded by `adjudicator load` (upsert); see DESIGN.md 3.2.

CREATE TABLE plan (
    plan_id          text PRIMARY KEY,
    name             text NOT NULL,
    bh_administrator text,                -- NULL: behavioral health carved in
    coinsurance_pct  numeric(6,3) NOT NULL CHECK (coinsurance_pct >= 0 AND coinsurance_pct <= 100),
    copay_cents      bigint NOT NULL CHECK (copay_cents >= 0),
    updated_at       timestamptz NOT NULL DEFAULT now()
);

CREATE TABLE member (
    member_id      text NOT NULL,
    effective_from date NOT NULL,
    effective_to   date,                  -- NULL: open
    plan_id        text NOT NULL REFERENCES plan,
    updated_at     timestamptz NOT NULL DEFAULT now(),
    PRIMARY KEY (member_id, effective_from),
    CHECK (effective_to IS NULL OR effective_to >= effective_from)
);

CREATE TABLE provider (
    npi        char(10) PRIMARY KEY,
    name       text NOT NULL,
    kind       text NOT NULL CHECK (kind IN ('medical', 'behavioral')),
    taxonomy   text NOT NULL DEFAULT '',
    zips       text[] NOT NULL DEFAULT '{}',
    updated_at timestamptz NOT NULL DEFAULT now()
);
