-- A front-end problem is stored by its kind (claim/claim.h AdjProblemKind:
-- billing_npi, procedure, ...), not by a RARC: the codes a reject carries
-- for a kind are ruleset data (frontend_problems), read when the claim is
-- decided. Rows stored before carry the RARC the reader chose then; each
-- becomes the kind that RARC (or its element and loop) stood for.
ALTER TABLE claim_problem RENAME COLUMN rarc TO kind;
UPDATE claim_problem SET kind = CASE
    WHEN kind = 'N257' THEN 'billing_npi'
    WHEN kind = 'N290' THEN 'rendering_npi'
    WHEN kind = 'M51' THEN 'procedure'
    WHEN kind = 'MA63' OR segment_id = 'HI' THEN 'diagnosis'
    WHEN element = 'CLM02' THEN 'claim_charge'
    WHEN element = 'SV102' THEN 'line_charge'
    WHEN segment_id = 'DTP' OR element LIKE 'DTP%' THEN 'service_date'
    WHEN loop = '2010BA' THEN 'subscriber'
    WHEN loop = '2010CA' THEN 'patient'
    ELSE 'other' END;
