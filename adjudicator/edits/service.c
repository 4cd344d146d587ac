/* Service edits (docs/adjudication.md): a place of service the CMS table assigns
 * (every line: 58/M77); on CoCM/BHI lines: place of service not
 * inpatient/ED (5), a behavioral diagnosis among those the line points to
 * (11), a monthly service within one calendar month (267/N74), minutes at
 * least the code's threshold when SV103 = MJ (151). Pure. */
#include <stdio.h>
#include <string.h>

#include "edits/edit.h"

bool adj_edit_pos_valid(const AdjEditIn *in, AdjEditOut *out)
{
    const char *pos = adj_line_pos(in->claim, in->line);
    AdjPosType t = adj_ruleset_pos_type(in->rs, pos);
    if (t == ADJ_POS_FACILITY || t == ADJ_POS_NON_FACILITY)
        return adj_edit_pass(out, NULL);
    return adj_edit_fail(out, ADJ_EDIT_POS_INVALID, "edit.pos.invalid",
                         "place of service '%.2s' is %s in the CMS place-of-service table", pos,
                         t == ADJ_POS_UNASSIGNED ? "unassigned" : "not a code");
}

bool adj_edit_pos(const AdjEditIn *in, AdjEditOut *out)
{
    const char *pos = adj_line_pos(in->claim, in->line);
    if (adj_ruleset_pos_denied(in->rs, pos))
        return adj_edit_fail(out, ADJ_EDIT_POS, "edit.pos.not_allowed",
                             "%s is not payable at place of service %s", in->line->code, pos);
    return adj_edit_pass(out, "edit.pos.ok");
}

bool adj_edit_diagnosis(const AdjEditIn *in, AdjEditOut *out)
{
    const AdjClaim *c = in->claim;
    const AdjLine *l = in->line;
    if (l->ndx_ptr > 0) {
        for (int i = 0; i < l->ndx_ptr; i++) {
            int p = l->dx_ptr[i];
            if (p >= 1 && p <= c->ndx && adj_ruleset_bh_dx(in->rs, c->dx[p - 1]))
                return adj_edit_pass(out, "edit.diagnosis.behavioral");
        }
    } else {
        for (int i = 0; i < c->ndx; i++)
            if (adj_ruleset_bh_dx(in->rs, c->dx[i]))
                return adj_edit_pass(out, "edit.diagnosis.behavioral");
    }
    return adj_edit_fail(out, ADJ_EDIT_DIAGNOSIS, "edit.diagnosis.none",
                         "no behavioral diagnosis (%s-%s%s) is linked to the line",
                         in->rs->bh_dx_from, in->rs->bh_dx_to,
                         in->rs->nbh_dx_extra > 0 ? " or the ruleset's additions" : "");
}

bool adj_edit_span(const AdjEditIn *in, AdjEditOut *out)
{
    if (!adj_code_is(in->ci, ADJ_CODES_MONTHLY))
        return adj_edit_pass(out, NULL);
    AdjDate to = in->line->dos_to != ADJ_DATE_NONE ? in->line->dos_to : in->dos;
    if (adj_date_month(to) != in->month) {
        char a[11], b[11];
        adj_date_format_iso(in->dos, a, sizeof(a));
        adj_date_format_iso(to, b, sizeof(b));
        return adj_edit_fail(out, ADJ_EDIT_SPAN_MONTHS, "edit.span.two_months",
                             "the service dates %s to %s span two calendar months", a, b);
    }
    return adj_edit_pass(out, "edit.span.one_month");
}

bool adj_edit_minutes(const AdjEditIn *in, AdjEditOut *out)
{
    const AdjMinutes *m = in->ci != NULL ? in->ci->minutes : NULL;
    if (m == NULL || !adj_line_is_mj(in->line))
        return adj_edit_pass(out, NULL);
    int64_t minutes = in->line->units_milli / 1000;
    if (minutes < m->min) {
        if (m->per_unit > 0)
            return adj_edit_fail(out, ADJ_EDIT_MINUTES, "edit.minutes.below_threshold",
                                 "%lld minutes beyond the base code's time; %s needs at least %d "
                                 "(then one unit per further %d)",
                                 (long long)minutes, in->line->code, m->min, m->per_unit);
        return adj_edit_fail(out, ADJ_EDIT_MINUTES, "edit.minutes.below_threshold",
                             "%lld minutes; %s needs at least %d", (long long)minutes,
                             in->line->code, m->min);
    }
    return adj_edit_pass(out, "edit.minutes.met");
}
