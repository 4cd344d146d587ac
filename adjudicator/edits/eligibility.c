/* Eligibility and code validity on the date of service (docs/adjudication.md): member
 * known (31), covered on the date (26 before, 27 after); code valid on the
 * date (181). Pure. */
#include "edits/edit.h"

bool adj_edit_eligibility(const AdjEditIn *in, AdjEditOut *out)
{
    const AdjMemberRow *m = in->member;
    if (m == NULL)
        return adj_edit_fail(out, ADJ_EDIT_MEMBER_UNKNOWN, "edit.eligibility.member_unknown",
                             "the member is not in the plan's member file");
    char d[11];
    if (in->dos < m->effective_from) {
        adj_date_format_iso(m->effective_from, d, sizeof(d));
        return adj_edit_fail(out, ADJ_EDIT_BEFORE_COVERAGE, "edit.eligibility.before_coverage",
                             "the date of service is before coverage began on %s", d);
    }
    if (m->effective_to != ADJ_DATE_NONE && in->dos > m->effective_to) {
        adj_date_format_iso(m->effective_to, d, sizeof(d));
        return adj_edit_fail(out, ADJ_EDIT_AFTER_COVERAGE, "edit.eligibility.after_coverage",
                             "the date of service is after coverage ended on %s", d);
    }
    return adj_edit_pass(out, "edit.eligibility.covered");
}

bool adj_edit_validity(const AdjEditIn *in, AdjEditOut *out)
{
    const AdjValidity *v = in->ci != NULL ? in->ci->validity : NULL;
    if (v == NULL)
        return adj_edit_pass(out, NULL);
    char d[11];
    if (v->from != ADJ_DATE_NONE && in->dos < v->from) {
        adj_date_format_iso(v->from, d, sizeof(d));
        return adj_edit_fail(out, ADJ_EDIT_CODE_INVALID, "edit.validity.not_yet_valid",
                             "%s is valid only from %s", in->line->code, d);
    }
    if (v->to != ADJ_DATE_NONE && in->dos > v->to) {
        adj_date_format_iso(v->to, d, sizeof(d));
        return adj_edit_fail(out, ADJ_EDIT_CODE_INVALID, "edit.validity.discontinued",
                             "%s is not valid after %s", in->line->code, d);
    }
    return adj_edit_pass(out, "edit.validity.ok");
}
