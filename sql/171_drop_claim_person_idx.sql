-- Write amplification (issue 20): no query looks claims up by person key
-- (the worker takes claims by claim_pk, history by member from
-- history_event, the console by member_id, replacements by billing NPI and
-- CLM01; docs/architecture.md "Performance" shows the plans), so its index
-- only cost an entry per stored claim. Lookups of decisions by person key
-- keep decision_person_month_idx.
DROP INDEX IF EXISTS claim_person_idx;
