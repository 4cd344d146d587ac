-- Benefits a plan administers (issue 13).
--
-- plan: the optional benefit columns of plans.csv (NULL = none).
ALTER TABLE plan
    ADD COLUMN deductible_cents        bigint CHECK (deductible_cents >= 0),
    ADD COLUMN family_deductible_cents bigint CHECK (family_deductible_cents >= 0),
    ADD COLUMN oop_max_cents           bigint CHECK (oop_max_cents >= 0),
    ADD COLUMN family_oop_max_cents    bigint CHECK (family_oop_max_cents >= 0),
    ADD COLUMN plan_year_start         text NOT NULL DEFAULT '01-01'
        CHECK (plan_year_start ~ '^[01][0-9]-[0-3][0-9]$'),
    ADD COLUMN timely_filing_days      int CHECK (timely_filing_days > 0),
    ADD COLUMN cob_method              text NOT NULL DEFAULT 'standard'
        CHECK (cob_method IN ('standard', 'non_duplication')),
    ADD COLUMN pricing                 text NOT NULL DEFAULT 'fee_table'
        CHECK (pricing IN ('fee_table', 'mpfs')),
    ADD COLUMN pct_of_medicare         numeric(7,3) NOT NULL DEFAULT 100
        CHECK (pct_of_medicare >= 0 AND pct_of_medicare <= 1000);

-- providers.csv: the optional MPFS locality (MAC + locality, "01112-05").
ALTER TABLE provider ADD COLUMN locality text CHECK (locality ~ '^[0-9]{5}-[0-9]{2}$');

-- benefits.csv: cost share per code or code family of a plan.
CREATE TABLE plan_benefit (
    plan_id            text NOT NULL REFERENCES plan,
    code_family        text NOT NULL DEFAULT '',
    code               text NOT NULL DEFAULT '',
    copay_cents        bigint NOT NULL CHECK (copay_cents >= 0),
    coinsurance_pct    numeric(6,3) NOT NULL CHECK (coinsurance_pct >= 0 AND coinsurance_pct <= 100),
    deductible_applies boolean NOT NULL,
    updated_at         timestamptz NOT NULL DEFAULT now(),
    PRIMARY KEY (plan_id, code_family, code),
    CHECK ((code = '') <> (code_family = ''))
);

-- members.csv: the enrolled persons a subscriber ID covers (first_name and
-- birth_date; a subscriber ID without any keeps covering whoever a claim
-- names) and the optional cob_order (this plan's place for the member).
CREATE TABLE member_person (
    member_id  text NOT NULL,
    first_name text NOT NULL,
    birth_date date NOT NULL,
    updated_at timestamptz NOT NULL DEFAULT now(),
    PRIMARY KEY (member_id, first_name, birth_date)
);
ALTER TABLE member ADD COLUMN cob_order char(1) CHECK (cob_order IN ('P', 'S', 'T'));

-- decision: the member share split and coordination of benefits, as one
-- chained value (store/chain.h ADJ_CF_COST_SHARE: "deductible coinsurance
-- copay cob_reduction primary_paid" in cents, '-' for no primary payment),
-- and the same as columns for readers (the 835 writer, reports).
ALTER TABLE decision
    ADD COLUMN cost_share text CHECK (cost_share ~ '^[0-9]+ [0-9]+ [0-9]+ [0-9]+ ([0-9]+|-)$'),
    ADD COLUMN deductible_cents bigint
        GENERATED ALWAYS AS (split_part(cost_share, ' ', 1)::bigint) STORED,
    ADD COLUMN coinsurance_cents bigint
        GENERATED ALWAYS AS (split_part(cost_share, ' ', 2)::bigint) STORED,
    ADD COLUMN copay_cents bigint
        GENERATED ALWAYS AS (split_part(cost_share, ' ', 3)::bigint) STORED,
    ADD COLUMN cob_reduction_cents bigint
        GENERATED ALWAYS AS (split_part(cost_share, ' ', 4)::bigint) STORED,
    ADD COLUMN primary_paid_cents bigint
        GENERATED ALWAYS AS (nullif(split_part(cost_share, ' ', 5), '-')::bigint) STORED;

GRANT SELECT ON plan_benefit, member_person TO adj_engine;
GRANT INSERT, UPDATE, DELETE ON plan_benefit, member_person TO adj_staff;
