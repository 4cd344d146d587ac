-- Provider relations (issue 17): the claim-read access log (the trust
-- issue's table shape: created here only when missing), the CARC/RARC texts
-- people read beside the codes and the list a manual decision's codes are
-- checked against, and the indexes of the `show` look-ups and the pend
-- queue (payer claim control number is UNIQUE already).

CREATE TABLE IF NOT EXISTS access_log (
    access_id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    at        timestamptz NOT NULL DEFAULT now(),
    db_login  text NOT NULL DEFAULT session_user,
    os_user   text,
    app_user  text,
    action    text NOT NULL,
    claim_pk  bigint,
    claim_key text,
    detail    text
);
GRANT SELECT, INSERT ON access_log TO adj_engine, adj_staff;

-- Claim adjustment reason codes and remittance advice remark codes: the
-- codes the shipped rulesets use and the ones staff deny with by hand, each
-- with a short plain-English text (abridged from the published X12 lists;
-- a plan adds rows with INSERT). `pend decide --deny` accepts only these.
CREATE TABLE reason_code (
    kind text NOT NULL CHECK (kind IN ('CARC', 'RARC')),
    code text NOT NULL CHECK (code ~ '^[A-Z0-9]{1,5}$'),
    text text NOT NULL,
    PRIMARY KEY (kind, code)
);
GRANT SELECT ON reason_code TO adj_engine, adj_staff, adj_reporting;

INSERT INTO reason_code (kind, code, text) VALUES
 ('CARC', '4', 'The procedure code is inconsistent with the modifier used.'),
 ('CARC', '5', 'The procedure code or bill type is inconsistent with the place of service.'),
 ('CARC', '11', 'The diagnosis is inconsistent with the procedure.'),
 ('CARC', '16', 'Claim or service lacks information or has submission/billing error(s).'),
 ('CARC', '18', 'Exact duplicate claim or service.'),
 ('CARC', '26', 'Expenses incurred prior to coverage.'),
 ('CARC', '27', 'Expenses incurred after coverage terminated.'),
 ('CARC', '29', 'The time limit for filing has expired.'),
 ('CARC', '31', 'Patient cannot be identified as our insured.'),
 ('CARC', '45', 'Charge exceeds fee schedule or maximum allowable amount.'),
 ('CARC', '50', 'These are non-covered services because this is not deemed a medical necessity by the payer.'),
 ('CARC', '58', 'Treatment was deemed by the payer to have been rendered in an inappropriate or invalid place of service.'),
 ('CARC', '96', 'Non-covered charge(s).'),
 ('CARC', '97', 'The benefit for this service is included in the payment or allowance for another service or procedure that has already been adjudicated.'),
 ('CARC', '107', 'The related or qualifying claim or service was not identified on this claim.'),
 ('CARC', '109', 'Claim or service not covered by this payer or contractor; send it to the correct payer or contractor.'),
 ('CARC', '119', 'Benefit maximum for this time period or occurrence has been reached.'),
 ('CARC', '151', 'Payment adjusted because the payer deems the information submitted does not support this many or this frequency of services.'),
 ('CARC', '170', 'Payment is denied when performed or billed by this type of provider.'),
 ('CARC', '181', 'Procedure code was invalid on the date of service.'),
 ('CARC', '204', 'This service, equipment or drug is not covered under the patient''s current benefit plan.'),
 ('CARC', '231', 'Mutually exclusive procedures cannot be done in the same day or setting.'),
 ('CARC', '234', 'This procedure is not paid separately.'),
 ('CARC', '236', 'This procedure or procedure/modifier combination is not compatible with another procedure or procedure/modifier combination provided on the same day according to the National Correct Coding Initiative or workers compensation state regulations or fee schedule requirements.'),
 ('CARC', '267', 'Claim or service spans multiple months.'),
 ('CARC', 'B7', 'This provider was not certified or eligible to be paid for this procedure or service on this date of service.'),
 ('CARC', 'B15', 'This service or procedure requires that a qualifying service or procedure be received and covered; the qualifying service or procedure has not been received or adjudicated.'),
 ('RARC', 'M51', 'Missing, incomplete or invalid procedure code(s).'),
 ('RARC', 'M76', 'Missing, incomplete or invalid diagnosis or condition.'),
 ('RARC', 'M77', 'Missing, incomplete or invalid place of service.'),
 ('RARC', 'M80', 'Not covered when performed during the same session or date as another procedure.'),
 ('RARC', 'M86', 'Service denied because payment already made for same or similar procedure within set time frame.'),
 ('RARC', 'MA63', 'Missing, incomplete or invalid principal diagnosis.'),
 ('RARC', 'MA130', 'Your claim contains incomplete and/or invalid information, and no appeal rights are afforded because the claim is unprocessable; submit a new claim with the complete or correct information.'),
 ('RARC', 'N20', 'Service not payable with other service rendered on the same date.'),
 ('RARC', 'N56', 'Procedure code billed is not correct or valid for the services billed or the date of service billed.'),
 ('RARC', 'N74', 'Resubmit with multiple claims, each claim covering services provided in only one calendar month.'),
 ('RARC', 'N95', 'This provider type or provider specialty may not bill this service.'),
 ('RARC', 'N111', 'No appeal right except duplicate claim or service issue; this service was included in a claim that has been previously billed and adjudicated.'),
 ('RARC', 'N122', 'Add-on code cannot be billed by itself.'),
 ('RARC', 'N130', 'Consult plan benefit documents or guidelines for information about restrictions for this service.'),
 ('RARC', 'N257', 'Missing, incomplete or invalid billing provider or supplier primary identifier.'),
 ('RARC', 'N290', 'Missing, incomplete or invalid rendering provider primary identifier.'),
 ('RARC', 'N362', 'The number of days or units of service exceeds our acceptable maximum.'),
 ('RARC', 'N522', 'Duplicate of a claim processed, or to be processed, as a crossover claim.');

-- show: a member's claims, and claim numbers whatever their case
CREATE INDEX claim_member_idx ON claim (member_id);
CREATE INDEX claim_upper_id_idx ON claim (upper(encode(claim_id, 'escape')));
-- the pend queue: pended rows; a later version of the line takes it out
CREATE INDEX decision_pend_idx ON decision (claim_pk, line_no, version) WHERE outcome = 'pend';
