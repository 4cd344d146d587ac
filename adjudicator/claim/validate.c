/* Front-end validation of a claim; see validate.h. Pure: no I/O. Messages
 * name the element, the loop and the value, except member IDs and
 * diagnosis codes, which never appear in a message (they reach logs). */
#include <ctype.h>
#include <stdio.h>
#include <string.h>

#include "claim/validate.h"
#include "core/npi.h"

static bool alnum_str(const char *s, size_t from)
{
    for (size_t i = from; s[i] != '\0'; i++)
        if (!isalnum((unsigned char)s[i]))
            return false;
    return true;
}

static bool digits_str(const char *s, size_t from, size_t min, size_t max)
{
    /* one pass: shorter than from, a non-digit after it or too long is
     * false whatever the rest */
    for (size_t i = 0; i < from; i++)
        if (s[i] == '\0')
            return false;
    size_t i = from;
    for (; s[i] != '\0'; i++)
        if (!isdigit((unsigned char)s[i]) || i - from >= max)
            return false;
    return i - from >= min;
}

bool adj_claim_dx_shape_ok(const char *q, const char *code)
{
    size_t n = strlen(code);
    /* the qualifier compared in line: this runs for every code */
    if (q[0] == 'A' && q[1] == 'B' && (q[2] == 'K' || q[2] == 'F') && q[3] == '\0') {
        /* ICD-10-CM: A00-Z99 category, then up to four characters, no dot */
        return n >= 3 && n <= 7 && isupper((unsigned char)code[0]) &&
               isdigit((unsigned char)code[1]) &&
               (isdigit((unsigned char)code[2]) || isupper((unsigned char)code[2])) &&
               alnum_str(code, 3);
    }
    if (q[0] == 'B' && (q[1] == 'K' || q[1] == 'F') && q[2] == '\0') {
        if (code[0] == 'V')
            return digits_str(code, 1, 2, 4);
        if (code[0] == 'E')
            return digits_str(code, 1, 3, 4);
        return digits_str(code, 0, 3, 5);
    }
    return false;
}

static void check_npi(AdjClaim *c, const char *npi, uint32_t seg, const char *loop,
                      AdjProblemKind kind, const char *who, bool required)
{
    if (npi[0] == '\0') {
        if (required)
            adj_claim_problem(c, seg ? seg : c->segment, "NM1", loop, "NM109", kind,
                              "%s NPI is missing", who);
        return;
    }
    size_t n = strlen(npi);
    if (n != 10 || !digits_str(npi, 0, 10, 10))
        adj_claim_problem(c, seg, "NM1", loop, "NM109", kind, "%s NPI '%s' is not 10 digits",
                          who, npi);
    else if (!adj_npi_valid(npi, n))
        adj_claim_problem(c, seg, "NM1", loop, "NM109", kind,
                          "%s NPI '%s' fails the NPI check digit", who, npi);
}

static void check_pos(AdjClaim *c, const char *pos, uint32_t seg, const char *seg_id,
                      const char *element, const char *loop, const char *what)
{
    if (pos[0] != '\0' && !digits_str(pos, 0, 2, 2))
        adj_claim_problem(c, seg, seg_id, loop, element, ADJ_PROBLEM_OTHER,
                          "%s place of service '%s' is not two digits", what, pos);
}

static void fmt_date(AdjDate d, char buf[16])
{
    adj_date_format_iso(d, buf, 16);
}

static void check_claim_level(AdjClaim *c)
{
    uint32_t clm = c->segment;
    if (c->claim_id[0] == '\0' && !(c->unread & ADJ_UNREAD_CLAIM_ID))
        adj_claim_problem(c, clm, "CLM", "2300", "CLM01", ADJ_PROBLEM_OTHER, "claim ID is missing");
    if (c->member_id[0] == '\0' && !(c->unread & ADJ_UNREAD_MEMBER))
        adj_claim_problem(c, c->subscriber_segment ? c->subscriber_segment : clm, "NM1",
                          "2010BA", "NM109", ADJ_PROBLEM_SUBSCRIBER, "subscriber member ID is missing");
    if (!(c->unread & ADJ_UNREAD_BILLING_NPI))
        check_npi(c, c->billing_npi, c->billing_segment, "2010AA", ADJ_PROBLEM_BILLING_NPI, "billing provider",
                  true);
    if (!(c->unread & ADJ_UNREAD_RENDERING_NPI))
        check_npi(c, c->rendering_npi, c->rendering_segment, "2310B", ADJ_PROBLEM_RENDERING_NPI,
                  "rendering provider", false);
    if (c->patient_is_dependent && !(c->unread & ADJ_UNREAD_PATIENT)) {
        if (c->patient_first[0] == '\0')
            adj_claim_problem(c, c->patient_segment ? c->patient_segment : clm, "NM1", "2010CA",
                              "NM104", ADJ_PROBLEM_PATIENT, "dependent patient first name is missing");
        if (c->patient_birth == ADJ_DATE_NONE)
            adj_claim_problem(c, c->patient_segment ? c->patient_segment : clm, "DMG", "2010CA",
                              "DMG02", ADJ_PROBLEM_PATIENT, "dependent patient birth date is missing");
    }
    if (!(c->unread & ADJ_UNREAD_POS)) {
        if (c->pos[0] == '\0')
            adj_claim_problem(c, clm, "CLM", "2300", "CLM05-1", ADJ_PROBLEM_OTHER,
                              "place of service is missing");
        else
            check_pos(c, c->pos, clm, "CLM", "CLM05-1", "2300", "claim");
    }
    if (!(c->unread & ADJ_UNREAD_FREQ)) {
        if (c->freq[0] == '\0')
            adj_claim_problem(c, clm, "CLM", "2300", "CLM05-3", ADJ_PROBLEM_OTHER,
                              "claim frequency code is missing (1, 7 or 8)");
        else if (strcmp(c->freq, "1") != 0 && strcmp(c->freq, "7") != 0 &&
                 strcmp(c->freq, "8") != 0)
            adj_claim_problem(c, clm, "CLM", "2300", "CLM05-3", ADJ_PROBLEM_OTHER,
                              "claim frequency code '%s' is not 1, 7 or 8", c->freq);
        else if (c->freq[0] != '1' && c->original_ref[0] == '\0' &&
                 !(c->unread & ADJ_UNREAD_REF))
            adj_claim_problem(c, clm, "CLM", "2300", "REF02", ADJ_PROBLEM_OTHER,
                              "frequency %s claim has no REF*F8 original claim reference",
                              c->freq);
    }
    if (!(c->unread & ADJ_UNREAD_CHARGE) && c->total_charge < 0)
        adj_claim_problem(c, clm, "CLM", "2300", "CLM02", ADJ_PROBLEM_CLAIM_CHARGE, "total charge is negative");
}

static void check_dx(AdjClaim *c)
{
    if (c->ndx == 0) {
        if (!(c->unread & ADJ_UNREAD_DX))
            adj_claim_problem(c, c->segment, "CLM", "2300", "HI01-2", ADJ_PROBLEM_DIAGNOSIS,
                              "no diagnosis code (HI ABK or BK) on the claim");
        return;
    }
    for (int i = 0; i < c->ndx; i++) {
        const char *q = c->dx_qual[i];
        if (c->dx[i][0] == '\0') {
            if (!(c->unread & ADJ_UNREAD_DX))
                adj_claim_problem(c, c->dx_segment[i], "HI", "2300", "HI", ADJ_PROBLEM_DIAGNOSIS,
                                  "diagnosis code at HI position %d is missing", i + 1);
            continue;
        }
        if (!adj_claim_dx_shape_ok(q, c->dx[i]))
            adj_claim_problem(c, c->dx_segment[i], "HI", "2300", "HI", ADJ_PROBLEM_DIAGNOSIS,
                              "diagnosis code at HI position %d is not shaped like an %s code",
                              i + 1,
                              q[0] == 'A' ? "ICD-10-CM (ABK/ABF)" : "ICD-9-CM (BK/BF)");
    }
    const char *q0 = c->dx_qual[0];
    if (q0[0] != '\0' && strcmp(q0, "ABK") != 0 && strcmp(q0, "BK") != 0)
        adj_claim_problem(c, c->dx_segment[0], "HI", "2300", "HI01-1", ADJ_PROBLEM_DIAGNOSIS,
                          "principal diagnosis (HI position 1) qualifier %s is not ABK or BK",
                          q0);
}

static void check_line(AdjClaim *c, AdjLine *l)
{
    char d1[16], d2[16];
    uint32_t sv1 = l->sv1_segment ? l->sv1_segment : l->segment;
    if (l->sv1_segment == 0) {
        adj_claim_problem(c, l->segment, "LX", "2400", "SV101-2", ADJ_PROBLEM_PROCEDURE,
                          "line %d has no SV1 (procedure, charge, units)", l->lx);
        return;
    }
    if (!(l->unread & ADJ_UNREAD_CODE)) {
        if (strcmp(l->qualifier, "HC") != 0)
            adj_claim_problem(c, sv1, "SV1", "2400", "SV101-1", ADJ_PROBLEM_PROCEDURE,
                              "line %d procedure code qualifier '%s' is not HC (CPT/HCPCS)",
                              l->lx, l->qualifier);
        else if (l->code[0] == '\0')
            adj_claim_problem(c, sv1, "SV1", "2400", "SV101-2", ADJ_PROBLEM_PROCEDURE,
                              "line %d procedure code is missing", l->lx);
        else if (strlen(l->code) != 5 || !alnum_str(l->code, 0))
            adj_claim_problem(c, sv1, "SV1", "2400", "SV101-2", ADJ_PROBLEM_PROCEDURE,
                              "line %d procedure code '%s' is not a 5-character CPT/HCPCS code",
                              l->lx, l->code);
    }
    if (!(l->unread & ADJ_UNREAD_CHARGE) && l->charge < 0)
        adj_claim_problem(c, sv1, "SV1", "2400", "SV102", ADJ_PROBLEM_LINE_CHARGE, "line %d charge is negative",
                          l->lx);
    if (!(l->unread & ADJ_UNREAD_UNIT_BASIS) && strcmp(l->unit_basis, "UN") != 0 &&
        strcmp(l->unit_basis, "MJ") != 0)
        adj_claim_problem(c, sv1, "SV1", "2400", "SV103", ADJ_PROBLEM_OTHER,
                          "line %d unit basis '%s' is not UN or MJ", l->lx, l->unit_basis);
    if (!(l->unread & ADJ_UNREAD_UNITS) && l->units_milli <= 0)
        adj_claim_problem(c, sv1, "SV1", "2400", "SV104", ADJ_PROBLEM_OTHER,
                          "line %d units are missing or zero", l->lx);
    if (!(l->unread & ADJ_UNREAD_POS))
        check_pos(c, l->pos, sv1, "SV1", "SV105", "2400", "line");
    for (int i = 0; i < l->ndx_ptr; i++)
        if (l->dx_ptr[i] < 1 || l->dx_ptr[i] > c->ndx)
            adj_claim_problem(c, sv1, "SV1", "2400", "SV107", ADJ_PROBLEM_OTHER,
                              "line %d diagnosis pointer %d points at no diagnosis (the claim "
                              "has %d)",
                              l->lx, l->dx_ptr[i], c->ndx);
    if (!(l->unread & ADJ_UNREAD_DOS)) {
        uint32_t dtp = l->dtp_segment ? l->dtp_segment : l->segment;
        if (l->dos_from == ADJ_DATE_NONE) {
            adj_claim_problem(c, dtp, l->dtp_segment ? "DTP" : "LX", "2400", "DTP03", ADJ_PROBLEM_SERVICE_DATE,
                              "line %d has no service date (DTP*472)", l->lx);
        } else if (l->dos_to < l->dos_from) {
            fmt_date(l->dos_from, d1);
            fmt_date(l->dos_to, d2);
            adj_claim_problem(c, dtp, "DTP", "2400", "DTP03", ADJ_PROBLEM_SERVICE_DATE,
                              "line %d service date range %s to %s ends before it starts",
                              l->lx, d1, d2);
        } else if (c->interchange_date != ADJ_DATE_NONE && l->dos_to > c->interchange_date) {
            fmt_date(l->dos_to, d1);
            fmt_date(c->interchange_date, d2);
            adj_claim_problem(c, dtp, "DTP", "2400", "DTP03", ADJ_PROBLEM_SERVICE_DATE,
                              "line %d date of service %s is after the interchange date %s "
                              "(GS04)",
                              l->lx, d1, d2);
        }
    }
    if (!(l->unread & ADJ_UNREAD_RENDERING_NPI))
        check_npi(c, l->rendering_npi, l->rendering_segment, "2420A", ADJ_PROBLEM_RENDERING_NPI,
                  "line rendering provider", false);
}

static void check_total(AdjClaim *c)
{
    if (c->unread & ADJ_UNREAD_CHARGE)
        return;
    AdjMoney sum = 0;
    for (int i = 0; i < c->nlines; i++) {
        if (c->lines[i].unread & ADJ_UNREAD_CHARGE || c->lines[i].sv1_segment == 0)
            return;
        if (__builtin_add_overflow(sum, c->lines[i].charge, &sum)) {
            adj_claim_problem(c, c->segment, "CLM", "2300", "CLM02", ADJ_PROBLEM_CLAIM_CHARGE,
                              "the line charges overflow when summed");
            return;
        }
    }
    if (c->nlines > 0 && sum != c->total_charge) {
        char a[ADJ_MONEY_FMT_MAX], b[ADJ_MONEY_FMT_MAX];
        adj_money_format(c->total_charge, a, sizeof(a));
        adj_money_format(sum, b, sizeof(b));
        adj_claim_problem(c, c->segment, "CLM", "2300", "CLM02", ADJ_PROBLEM_CLAIM_CHARGE,
                          "total charge %s does not equal the sum of the line charges (SV102) %s",
                          a, b);
    }
}

void adj_claim_validate(AdjClaim *c)
{
    check_claim_level(c);
    check_dx(c);
    if (c->nlines == 0)
        adj_claim_problem(c, c->last_segment ? c->last_segment : c->segment, "CLM", "2400",
                          "LX01", ADJ_PROBLEM_PROCEDURE, "the claim has no service line (LX/SV1)");
    for (int i = 0; i < c->nlines; i++)
        check_line(c, &c->lines[i]);
    check_total(c);
}
