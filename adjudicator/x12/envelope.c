/* The X12 envelope, in two passes per interchange. Pass 1 checks every
 * count and control number (ISA/IEA, GS/GE, ST/SE, versions) and records
 * which sets are accepted; pass 2 walks the accepted sets again and hands
 * them to the loop builder. Claims therefore never leave the reader before
 * the trailers that close them check out (DESIGN 9). No allocation except
 * the verdict bitmap (one bit per set). */
#include <ctype.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/arena.h"
#include "core/date.h"
#include "x12/x12_int.h"


static X12SetInfo *set_info(X12Reader *r, uint64_t i)
{
    if (i >= r->sets_cap) {
        size_t cap = r->sets_cap ? r->sets_cap : 16;
        while (cap <= i)
            cap *= 2;
        r->sets = adj_xrealloc(r->sets, cap * sizeof(X12SetInfo));
        memset(r->sets + r->sets_cap, 0, (cap - r->sets_cap) * sizeof(X12SetInfo));
        r->sets_cap = cap;
    }
    return &r->sets[i];
}

static AdjX12GroupAck *group_info(X12Reader *r)
{
    if (r->ngroups >= r->groups_cap) {
        r->groups_cap = r->groups_cap ? r->groups_cap * 2 : 8;
        r->groups = adj_xrealloc(r->groups, r->groups_cap * sizeof(AdjX12GroupAck));
    }
    AdjX12GroupAck *g = &r->groups[r->ngroups++];
    memset(g, 0, sizeof(*g));
    return g;
}

typedef enum SegKind { SEG_OTHER, SEG_ISA, SEG_GS, SEG_ST, SEG_SE, SEG_GE, SEG_IEA } SegKind;

static SegKind classify(const char *id)
{
    switch (id[0]) {
    case 'S':
        if (id[2] != '\0')
            return SEG_OTHER;
        return id[1] == 'T' ? SEG_ST : id[1] == 'E' ? SEG_SE : SEG_OTHER;
    case 'G':
        if (id[2] != '\0')
            return SEG_OTHER;
        return id[1] == 'S' ? SEG_GS : id[1] == 'E' ? SEG_GE : SEG_OTHER;
    case 'I':
        if (id[1] == 'E' && id[2] == 'A')
            return SEG_IEA;
        if (id[1] == 'S' && id[2] == 'A')
            return SEG_ISA;
        return SEG_OTHER;
    default:
        return SEG_OTHER;
    }
}

typedef struct Env {
    X12Reader *r;
    X12Seps seps;
    char isa13[10];
    uint64_t segno; /* within the interchange, ISA = 1 */
    bool ok;
    uint64_t nsets;  /* ST segments seen */
    uint64_t ngroups;
    bool in_group, group_ok;
    char gs06[10];
    uint64_t group_first, group_sets;
    bool in_set, set_ok;
    char st02[10];
    uint64_t set_count; /* segments of the set so far, ST = 1 */
    uint32_t set_claims;
    bool stray_reported;
} Env;

/* The current group's record (the last one started). */
static AdjX12GroupAck *cur_group(Env *e)
{
    return &e->r->groups[e->r->ngroups - 1];
}

/* The first reason a group or a set is rejected is the one the 999 gives. */
static void group_reason(Env *e, const char *code)
{
    AdjX12GroupAck *g = cur_group(e);
    if (g->ak905[0] == '\0')
        snprintf(g->ak905, sizeof(g->ak905), "%s", code);
}

static void set_reason(Env *e, const char *code)
{
    X12SetInfo *info = set_info(e->r, e->nsets - 1);
    if (info->ik502[0] == '\0')
        snprintf(info->ik502, sizeof(info->ik502), "%s", code);
}

static void note(Env *e, const char *code)
{
    if (e->r->ix.ta105[0] == '\0')
        snprintf(e->r->ix.ta105, sizeof(e->r->ix.ta105), "%s", code);
}

static void set_end(Env *e, bool ok)
{
    set_info(e->r, e->nsets - 1)->ok = ok && e->set_ok;
    e->in_set = false;
}

/* seg is NULL at the end of the file */
static void missing_se(Env *e, const X12Seg *seg)
{
    if (seg != NULL)
        x12_diag(e->r, e->segno, seg->id, NULL,
                 "transaction set %s has no SE before this %s: the set is rejected", e->st02,
                 seg->id[0] ? seg->id : "segment");
    else
        x12_diag(e->r, e->segno, "", NULL,
                 "transaction set %s has no SE: the file ends first; the set is rejected",
                 e->st02);
    set_reason(e, "2");
    set_end(e, false);
}

static void reject_group_sets(Env *e)
{
    cur_group(e)->ok = false;
    for (uint64_t i = e->group_first; i < e->nsets; i++)
        set_info(e->r, i)->ok = false;
}

static void missing_ge(Env *e, const X12Seg *seg)
{
    x12_diag(e->r, e->segno, seg ? seg->id : "", NULL,
             "functional group %s has no GE before %s: its %llu transaction set(s) are "
             "rejected",
             e->gs06, seg ? (seg->id[0] ? seg->id : "the next segment") : "the end of the file",
             (unsigned long long)e->group_sets);
    group_reason(e, "3");
    cur_group(e)->nsets = (uint32_t)e->group_sets;
    reject_group_sets(e);
    e->in_group = false;
}

static void on_gs(Env *e, const X12Seg *seg)
{
    if (e->in_set)
        missing_se(e, seg);
    if (e->in_group)
        missing_ge(e, seg);
    X12Elems el;
    x12_split(seg, &e->seps, &el);
    e->in_group = true;
    e->group_ok = true;
    e->group_first = e->nsets;
    e->group_sets = 0;
    x12_copy(e->gs06, sizeof(e->gs06), x12_el(&el, 6));
    AdjX12GroupAck *g = group_info(e->r);
    g->ok = true;
    x12_copy(g->gs01, sizeof(g->gs01), x12_el(&el, 1));
    x12_copy(g->gs02, sizeof(g->gs02), x12_el(&el, 2));
    x12_copy(g->gs03, sizeof(g->gs03), x12_el(&el, 3));
    x12_copy(g->gs06, sizeof(g->gs06), x12_el(&el, 6));
    x12_copy(g->gs08, sizeof(g->gs08), x12_el(&el, 8));
    X12Slice d = x12_el(&el, 4);
    AdjDate date;
    if (x12_el(&el, 6).n == 0 || x12_el(&el, 6).n > 9) {
        x12_diag(e->r, e->segno, "GS", NULL,
                 "GS06 group control number is missing or longer than 9 digits: the group is "
                 "rejected");
        group_reason(e, "6");
        e->group_ok = false;
    } else if (!adj_date_parse_x12(d.p, d.n, &date)) {
        x12_diag(e->r, e->segno, "GS", NULL,
                 "GS04 '%.*s' is not a valid CCYYMMDD date: group %s is rejected", (int)(d.n > 20 ? 20 : d.n),
                 d.p, e->gs06);
        group_reason(e, "6");
        e->group_ok = false;
    }
}

static void on_st(Env *e, const X12Seg *seg, X12Slice gs08)
{
    if (e->in_set)
        missing_se(e, seg);
    e->nsets++;
    e->in_set = true;
    e->set_ok = true;
    e->set_count = 1;
    X12Elems el;
    x12_split(seg, &e->seps, &el);
    x12_copy(e->st02, sizeof(e->st02), x12_el(&el, 2));
    e->set_claims = 0;
    X12SetInfo *info = set_info(e->r, e->nsets - 1);
    *info = (X12SetInfo){.ok = false, .group = e->in_group ? (uint32_t)(e->r->ngroups - 1)
                                                             : UINT32_MAX};
    x12_copy(info->st01, sizeof(info->st01), x12_el(&el, 1));
    x12_copy(info->st02, sizeof(info->st02), x12_el(&el, 2));
    x12_copy(info->st03, sizeof(info->st03), x12_el(&el, 3).n ? x12_el(&el, 3) : gs08);
    if (!e->in_group) {
        x12_diag(e->r, 1, "ST", NULL,
                 "transaction set %s is outside a functional group (no GS before it): the "
                 "set is rejected",
                 e->st02);
        e->set_ok = false;
        return;
    }
    e->group_sets++;
    if (!e->group_ok)
        e->set_ok = false;
    X12Slice st01 = x12_el(&el, 1);
    X12Slice ver = x12_el(&el, 3).n ? x12_el(&el, 3) : gs08;
    if (!x12_eq(st01, "837") || !x12_version_ok(ver)) {
        x12_diag(e->r, 1, "ST", NULL,
                 "transaction set %s rejected: type %.*s version %.*s is %s (accepted: 837 "
                 "005010X222A1, 005010X222A2, 005010X222)",
                 e->st02, (int)(st01.n > 6 ? 6 : st01.n), st01.p, (int)(ver.n > 20 ? 20 : ver.n),
                 ver.p,
                 !x12_eq(st01, "837") && x12_version_ok(ver) ? "not an 837 claim set"
                                                               : x12_version_why(ver));
        set_reason(e, x12_eq(st01, "837") ? "I6" : "1");
        e->set_ok = false;
    }
    if (x12_el(&el, 2).n == 0 || x12_el(&el, 2).n > 9) {
        x12_diag(e->r, 1, "ST", NULL, "ST02 control number is missing or longer than 9 "
                                      "characters: the set is rejected");
        set_reason(e, "7");
        e->set_ok = false;
    }
}

static void on_se(Env *e, const X12Seg *seg)
{
    if (!e->in_set) {
        x12_diag(e->r, e->segno, "SE", NULL, "SE without a matching ST");
        if (e->in_group)
            e->group_ok = false;
        return;
    }
    e->set_count++;
    X12SetInfo *info = set_info(e->r, e->nsets - 1);
    info->raw_end = seg->off + seg->len + (seg->terminated ? 1 : 0);
    info->claims = e->set_claims;
    X12Elems el;
    x12_split(seg, &e->seps, &el);
    X12Slice n = x12_el(&el, 1), ctl = x12_el(&el, 2);
    char buf[24];
    x12_copy(buf, sizeof(buf), n);
    char *endp = NULL;
    unsigned long long said = strtoull(buf, &endp, 10);
    bool ok = true;
    if (n.n == 0 || n.n > 10 || *endp != '\0' || !isdigit((unsigned char)buf[0])) {
        x12_diag(e->r, e->set_count, "SE", NULL,
                 "transaction set %s: SE01 '%s' is not a segment count: the set is rejected",
                 e->st02, buf);
        set_reason(e, "4");
        ok = false;
    } else if (said != e->set_count) {
        x12_diag(e->r, e->set_count, "SE", NULL,
                 "transaction set %s: SE01 says %llu segments, counted %llu: the set is "
                 "rejected",
                 e->st02, said, (unsigned long long)e->set_count);
        set_reason(e, "4");
        ok = false;
    }
    if (ok && !x12_ctl_eq(ctl, (X12Slice){e->st02, strlen(e->st02)})) {
        x12_diag(e->r, e->set_count, "SE", NULL,
                 "transaction set %s: SE02 '%.*s' does not match ST02: the set is rejected",
                 e->st02, (int)(ctl.n > 12 ? 12 : ctl.n), ctl.p);
        set_reason(e, "3");
        ok = false;
    }
    set_end(e, ok);
}

static void on_ge(Env *e, const X12Seg *seg)
{
    if (e->in_set)
        missing_se(e, seg);
    if (!e->in_group) {
        x12_diag(e->r, e->segno, "GE", NULL, "GE without a matching GS: interchange rejected");
        note(e, "024");
        e->ok = false;
        return;
    }
    X12Elems el;
    x12_split(seg, &e->seps, &el);
    X12Slice n = x12_el(&el, 1), ctl = x12_el(&el, 2);
    char buf[24];
    x12_copy(buf, sizeof(buf), n);
    char *endp = NULL;
    unsigned long long said = strtoull(buf, &endp, 10);
    bool ok = e->group_ok;
    if (n.n == 0 || n.n > 10 || *endp != '\0' || said != e->group_sets) {
        x12_diag(e->r, e->segno, "GE", NULL,
                 "group %s: GE01 '%s' does not match the %llu transaction set(s) counted: "
                 "every set of the group is rejected",
                 e->gs06, buf, (unsigned long long)e->group_sets);
        group_reason(e, "5");
        ok = false;
    } else if (!x12_ctl_eq(ctl, (X12Slice){e->gs06, strlen(e->gs06)})) {
        x12_diag(e->r, e->segno, "GE", NULL,
                 "group %s: GE02 '%.*s' does not match GS06: every set of the group is "
                 "rejected",
                 e->gs06, (int)(ctl.n > 12 ? 12 : ctl.n), ctl.p);
        group_reason(e, "4");
        ok = false;
    }
    cur_group(e)->nsets = (uint32_t)e->group_sets;
    if (!ok)
        reject_group_sets(e);
    e->in_group = false;
    e->ngroups++;
}

static void reject_interchange(Env *e, uint64_t segno, const char *seg_id, const char *why,
                               const char *ta105)
{
    note(e, ta105);
    x12_diag(e->r, segno, seg_id, NULL,
             "interchange %s rejected: %s; none of its %llu transaction set(s) is read", e->isa13,
             why, (unsigned long long)e->nsets);
    e->ok = false;
}

static void on_iea(Env *e, const X12Seg *seg)
{
    if (e->in_set)
        missing_se(e, seg);
    if (e->in_group)
        missing_ge(e, seg);
    X12Elems el;
    x12_split(seg, &e->seps, &el);
    X12Slice n = x12_el(&el, 1), ctl = x12_el(&el, 2);
    char buf[24], why[160];
    x12_copy(buf, sizeof(buf), n);
    char *endp = NULL;
    unsigned long long said = strtoull(buf, &endp, 10);
    if (n.n == 0 || n.n > 10 || *endp != '\0' || said != e->ngroups) {
        snprintf(why, sizeof(why), "IEA01 '%s' does not match the %llu functional group(s) counted",
                 buf, (unsigned long long)e->ngroups);
        reject_interchange(e, e->segno, "IEA", why, "021");
    } else if (!x12_ctl_eq(ctl, (X12Slice){e->isa13, 9})) {
        snprintf(why, sizeof(why), "IEA02 '%.*s' does not match ISA13 '%s'",
                 (int)(ctl.n > 12 ? 12 : ctl.n), ctl.p, e->isa13);
        reject_interchange(e, e->segno, "IEA", why, "001");
    }
}

size_t x12_envelope_check(X12Reader *r, size_t isa_off, bool *accepted, uint64_t *nsets)
{
    Env e = {.r = r, .ok = true, .segno = 1};
    char why[200];
    r->ngroups = 0;
    memset(&r->ix, 0, sizeof(r->ix));
    r->ix.file = r->name;
    x12_isa_fields(r->data, r->len, isa_off, &r->ix);
    if (!x12_isa_parse(r->data, r->len, isa_off, &e.seps, e.isa13, why, sizeof(why))) {
        x12_diag(r, 1, "ISA", NULL, "%s: interchange rejected", why);
        snprintf(r->ix.ta105, sizeof(r->ix.ta105), "%s", x12_isa_note(r->data, r->len, isa_off));
        *accepted = false;
        *nsets = 0;
        return isa_off + 3; /* the caller looks for the next ISA */
    }
    char gs08[16] = "";
    X12Scan s = {.data = r->data, .len = r->len, .seps = e.seps};
    s.pos = x12_skip_ws(r->data, r->len, isa_off + X12_ISA_LEN);
    x12_rewind(r, isa_off);
    X12Seg seg;
    size_t end = r->len;
    bool closed = false;
    for (;;) {
        if (e.in_set) {
            /* inside a set, segments other than ST, SE, GS, GE, ISA and
             * IEA are only counted (and CLM among them) */
            uint64_t clm;
            uint64_t n = x12_scan_skip_env(&s, &clm, &seg);
            e.segno += n;
            e.set_count += n;
            e.set_claims += (uint32_t)clm;
        }
        if (!x12_scan_next(&s, &seg))
            break;
        e.segno++;
        x12_release_maybe(r, seg.off);
        const char *id = seg.id;
        switch (classify(id)) {
        case SEG_OTHER:
            if (e.in_set) {
                e.set_count++;
                if (id[0] == 'C' && id[1] == 'L' && id[2] == 'M')
                    e.set_claims++;
            } else {
                if (!e.stray_reported)
                    x12_diag(r, e.segno, id, NULL,
                             "segment outside a transaction set (no ST before it): %s",
                             e.in_group ? "the group is rejected" : "the interchange is rejected");
                e.stray_reported = true;
                if (e.in_group) {
                    e.group_ok = false;
                    cur_group(&e)->ok = false;
                } else {
                    note(&e, "024");
                    e.ok = false;
                }
            }
            break;
        case SEG_ST: {
            X12Slice v = {gs08, strlen(gs08)};
            on_st(&e, &seg, v);
            break;
        }
        case SEG_SE:
            on_se(&e, &seg);
            break;
        case SEG_GS: {
            on_gs(&e, &seg);
            X12Elems el;
            x12_split(&seg, &e.seps, &el);
            x12_copy(gs08, sizeof(gs08), x12_el(&el, 8));
            break;
        }
        case SEG_GE:
            on_ge(&e, &seg);
            break;
        case SEG_IEA:
            on_iea(&e, &seg);
            end = seg.next;
            closed = true;
            break;
        case SEG_ISA:
            if (e.in_set)
                missing_se(&e, &seg);
            if (e.in_group)
                missing_ge(&e, &seg);
            reject_interchange(&e, e.segno, "ISA", "no IEA before the next ISA", "023");
            end = seg.off;
            closed = true;
            break;
        }
        if (closed)
            break;
        if (!seg.terminated)
            break;
    }
    if (!closed) {
        if (e.in_set)
            missing_se(&e, NULL);
        if (e.in_group)
            missing_ge(&e, NULL);
        reject_interchange(&e, e.segno, seg.id, "the file ends before IEA (truncated?)", "023");
    }
    *accepted = e.ok;
    *nsets = e.nsets;
    r->ix.ok = e.ok;
    r->ix.groups = r->groups;
    r->ix.ngroups = r->ngroups;
    r->ix.sets = r->sets;
    r->ix.nsets = e.nsets;
    return end;
}

AdjStatus x12_interchange_emit(X12Reader *r, size_t isa_off, size_t end_off, AdjError *err)
{
    X12Seps seps;
    char isa13[10], why[200];
    if (!x12_isa_parse(r->data, r->len, isa_off, &seps, isa13, why, sizeof(why)))
        return ADJ_OK; /* cannot happen: pass 1 accepted it */
    X12Scan s = {.data = r->data, .len = end_off, .seps = seps};
    s.pos = x12_skip_ws(r->data, end_off, isa_off + X12_ISA_LEN);
    x12_rewind(r, isa_off);
    AdjX12Set set = {.file = r->name};
    snprintf(set.isa13, sizeof(set.isa13), "%s", isa13);
    /* fixed-width ISA (pass 1 checked its length): ISA08 at 54, ISA15 at 102 */
    x12_receiver_usage(r->data + isa_off, set.isa08, sizeof(set.isa08), &set.usage);
    uint64_t idx = 0;
    X12Seg seg;
    while (x12_scan_next(&s, &seg)) {
        if (strcmp(seg.id, "GS") == 0) {
            X12Elems el;
            x12_split(&seg, &seps, &el);
            x12_copy(set.gs06, sizeof(set.gs06), x12_el(&el, 6));
            x12_copy(set.gs03, sizeof(set.gs03), x12_el(&el, 3));
            x12_copy(set.version, sizeof(set.version), x12_el(&el, 8));
            X12Slice d = x12_el(&el, 4);
            if (!adj_date_parse_x12(d.p, d.n, &set.gs_date))
                set.gs_date = ADJ_DATE_NONE;
        } else if (strcmp(seg.id, "ST") == 0) {
            const X12SetInfo *info = &r->sets[idx++];
            if (!info->ok)
                continue;
            X12Elems el;
            x12_split(&seg, &seps, &el);
            x12_copy(set.st02, sizeof(set.st02), x12_el(&el, 2));
            size_t raw_end = (size_t)info->raw_end;
            size_t after = x12_skip_ws(r->data, end_off, raw_end);
            set.claims = info->claims;
            set.raw = r->data + seg.off;
            set.raw_len = raw_end - seg.off;
            if (r->h->set != NULL) {
                AdjStatus st = r->h->set(r->h->ctx, &set, err);
                if (st != ADJ_OK)
                    return st;
            }
            AdjStatus st = x12_set_emit(r, &seps, &set, seg.off, raw_end, err);
            if (st != ADJ_OK)
                return st;
            s.pos = after;
            x12_release(r, raw_end);
        }
    }
    return ADJ_OK;
}
