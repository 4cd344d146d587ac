-- Staff accounts of the web console (issue 17): a login, a role (viewer
-- reads; analyst also works pended lines; supervisor also commits re-runs),
-- a PBKDF2-HMAC-SHA256 hash (never the password), and the lock after
-- repeated failed sign-ins. Managed with `adjudicator staff add|disable|passwd`.
CREATE TABLE staff_account (
    login        text PRIMARY KEY CHECK (login ~ '^[a-z][a-z0-9._-]{1,62}$'),
    role         text NOT NULL CHECK (role IN ('viewer', 'analyst', 'supervisor')),
    pw_hash      text NOT NULL CHECK (pw_hash LIKE 'pbkdf2-sha256$%'),
    disabled     boolean NOT NULL DEFAULT false,
    failures     int NOT NULL DEFAULT 0,
    locked_until timestamptz,
    created_at   timestamptz NOT NULL DEFAULT now(),
    changed_at   timestamptz NOT NULL DEFAULT now()
);
GRANT SELECT, UPDATE (failures, locked_until) ON staff_account TO adj_staff;
