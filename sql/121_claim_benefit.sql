-- The claim fields issue 13 reads from the 837P, in one value
-- (claim/claim.c adj_claim_benefit_encode): the subscriber's first name
-- (2010BA NM104), SBR01, the payer ID (2010BB NM109), the other payers'
-- payments (2320 AMT*D) and line adjudication (2430 SVD, CAS, DTP*573).
-- Empty for claims ingested before it: they read as before.
ALTER TABLE claim ADD COLUMN benefit bytea NOT NULL DEFAULT '';
