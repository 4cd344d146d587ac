/* libFuzzer entry for the 837P reader: any bytes through adj_x12_read_mem,
 * with a handler that reads every field of every claim and set so that the
 * sanitizers see any out-of-bounds or uninitialised value; then the same
 * bytes through the segment scanner alone, compared with a byte-at-a-time
 * reference (tests/unit/x12_scan_ref.h), its separators taken from the first
 * four bytes. */
#include <stddef.h>
#include <stdio.h>
#include <stdint.h>
#include <string.h>

#include "x12/x12.h"
#include "tests/unit/x12_scan_ref.h"
#include "tests/fuzz/fuzz_touch.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

static AdjStatus on_set(void *ctx, const AdjX12Set *s, AdjError *err)
{
    (void)ctx;
    (void)err;
    size_t h = T(s->isa13) + T(s->gs06) + T(s->st02) + T(s->version) + (size_t)s->gs_date;
    for (size_t i = 0; i < s->raw_len; i++)
        h += (unsigned char)s->raw[i];
    sink += h + s->claims;
    return ADJ_OK;
}

static AdjStatus on_claim(void *ctx, const AdjClaim *c, AdjError *err)
{
    (void)ctx;
    (void)err;
    size_t h = T(c->isa13) + T(c->gs06) + T(c->st02) + T(c->billing_npi) +
               T(c->billing_taxonomy) + T(c->billing_zip) + T(c->member_id) +
               T(c->patient_first) + T(c->claim_id) + T(c->pos) + T(c->freq) +
               T(c->original_ref) + T(c->rendering_npi) + T(c->facility_zip);
    h += (size_t)c->interchange_date + (size_t)c->subscriber_birth + (size_t)c->patient_birth +
         (size_t)c->total_charge + c->patient_is_dependent + c->segment;
    if (c->ndx < 0 || c->ndx > ADJ_MAX_DX || c->nlines < 0 || c->nlines > ADJ_MAX_LINES ||
        c->nproblems < 0 || c->nproblems > ADJ_MAX_PROBLEMS)
        __builtin_trap();
    for (int i = 0; i < c->ndx; i++)
        h += T(c->dx[i]) + T(c->dx_qual[i]);
    for (int i = 0; i < c->nlines; i++) {
        const AdjLine *l = &c->lines[i];
        h += T(l->qualifier) + T(l->code) + T(l->unit_basis) + T(l->pos) + T(l->rendering_npi);
        if (l->nmods < 0 || l->nmods > ADJ_MAX_MODS || l->ndx_ptr < 0 ||
            l->ndx_ptr > ADJ_MAX_DX_PTR)
            __builtin_trap();
        for (int m = 0; m < l->nmods; m++)
            h += T(l->mods[m]);
        for (int p = 0; p < l->ndx_ptr; p++)
            h += (size_t)l->dx_ptr[p];
        h += (size_t)l->charge + (size_t)l->units_milli + (size_t)l->dos_from +
             (size_t)l->dos_to + (size_t)l->lx + adj_line_units(l);
        h += touch_str(adj_line_pos(c, l), 3) + touch_str(adj_line_rendering_npi(c, l), 11);
    }
    for (int i = 0; i < c->nproblems; i++) {
        const AdjProblem *p = &c->problems[i];
        h += T(p->segment_id) + T(p->loop) + T(p->element) + p->kind + T(p->msg);
    }
    char key[256];
    h += adj_claim_person_key(c, key, sizeof(key));
    for (size_t i = 0; i < c->raw_len; i++)
        h += (unsigned char)c->raw[i];
    sink += h;
    return ADJ_OK;
}

static void on_diag(void *ctx, const AdjX12Diag *d)
{
    (void)ctx;
    char buf[1024];
    adj_x12_diag_format(d, buf, sizeof(buf));
    sink += strlen(buf);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    AdjX12Handler h = {.set = on_set, .claim = on_claim, .diag = on_diag};
    AdjX12Stats stats;
    AdjError err;
    /* libFuzzer's buffer is exactly size bytes: ASan catches any overread */
    adj_x12_read_mem("fuzz", (const char *)data, size, &h, &stats, &err);
    if (stats.claims_rejected > stats.claims || stats.sets_rejected > stats.sets)
        __builtin_trap();
    /* the scanner on its own: separators as the ISA parse would allow them */
    if (size >= 4) {
        X12Seps seps = {.term = (char)data[0], .elem = (char)data[1], .rep = (char)data[2],
                        .comp = ':', .has_rep = (data[3] & 1) != 0};
        if (seps.term == seps.elem || (seps.has_rep && (seps.rep == seps.term ||
                                                        seps.rep == seps.elem)))
            return 0;
        if (!seps.has_rep)
            seps.rep = '\0';
        const char *buf = (const char *)data + 4;
        size_t len = size - 4;
        char why[256];
        static const char *const markings[] = {"avx2", "sse2"};
        for (int m = 0; m < 2; m++) {
            if (!x12_scan_set_simd(markings[m]))
                continue;
            if (!ref_check(buf, len, 0, &seps, true, NULL, 0, why, sizeof(why)) ||
                !ref_check(buf, len, 0, &seps, false, "SGIC", 0, why, sizeof(why)) ||
                !ref_check(buf, len, len / 2, &seps, true, (data[3] & 2) ? "NH" : "S", 3, why,
                           sizeof(why))) {
                fprintf(stderr, "scanner (%s) differs from the reference: %s\n", markings[m], why);
                __builtin_trap();
            }
        }
    }
    return 0;
}
