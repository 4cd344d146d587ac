/* Billing provider edits (docs/adjudication.md "Who may bill a code"): a billing NPI
 * absent from the provider file fails every line kept on the medical
 * benefit (B7); a code the ruleset's billers table governs may be billed
 * only by the provider kinds and/or taxonomy prefixes it names (170/N95:
 * CoCM and 99484 by medical practices, G0323 by clinical psychologists and
 * social workers, G0511/G0512 by FQHCs and RHCs); CoCM/BHI lines are served
 * at one of the billing provider's credentialed ZIPs (58). Pure. */
#include <stdio.h>
#include <string.h>

#include "edits/edit.h"

bool adj_edit_provider_known(const AdjEditIn *in, AdjEditOut *out)
{
    if (in->billing == NULL)
        return adj_edit_fail(out, ADJ_EDIT_PROVIDER_UNKNOWN, "edit.provider.unknown",
                             "billing provider %s is not in the plan's provider file",
                             in->claim->billing_npi);
    return adj_edit_pass(out, NULL);
}

/* The provider file's taxonomy, else the claim's PRV03. */
static const char *taxonomy_of(const AdjEditIn *in)
{
    return in->billing->taxonomy[0] ? in->billing->taxonomy : in->claim->billing_taxonomy;
}

bool adj_edit_provider_kind(const AdjEditIn *in, AdjEditOut *out)
{
    const AdjBiller *b = in->ci != NULL ? in->ci->biller : NULL;
    if (b == NULL || in->billing == NULL)
        return adj_edit_pass(out, NULL);
    bool kind_ok = b->kinds == 0 || (b->kinds & (1u << in->billing->kind)) != 0;
    const char *tax = taxonomy_of(in);
    bool tax_ok = b->ntaxonomy == 0;
    for (int i = 0; i < b->ntaxonomy && !tax_ok; i++)
        tax_ok = strncmp(tax, b->taxonomy[i], strlen(b->taxonomy[i])) == 0;
    if (kind_ok && tax_ok)
        return adj_edit_pass(out, "edit.provider.may_bill");
    char allowed[120] = "";
    size_t at = 0;
    if (b->kinds != 0)
        at += (size_t)snprintf(allowed, sizeof(allowed), "%s%s%s providers",
                               b->kinds & 1u << ADJ_PROVIDER_MEDICAL ? "medical" : "",
                               b->kinds == 3u ? " or " : "",
                               b->kinds & 1u << ADJ_PROVIDER_BEHAVIORAL ? "behavioral" : "");
    for (int i = 0; i < b->ntaxonomy && at < sizeof(allowed); i++)
        at += (size_t)snprintf(allowed + at, sizeof(allowed) - at, "%s%s...",
                               i == 0 ? (b->kinds ? " with taxonomy " : "taxonomy ") : ", ",
                               b->taxonomy[i]);
    return adj_edit_fail(out, ADJ_EDIT_PROVIDER_KIND, "edit.provider.may_not_bill",
                         "%s may be billed only by %s; billing provider %s is %s with taxonomy %s "
                         "(ruleset billers entry at line %d)",
                         in->line->code, allowed, in->claim->billing_npi,
                         in->billing->kind == ADJ_PROVIDER_BEHAVIORAL ? "behavioral" : "medical",
                         tax[0] ? tax : "(none)", b->src_line);
}

bool adj_edit_location(const AdjEditIn *in, AdjEditOut *out)
{
    /* 2310C ZIP, else 2010AA (adj_claim_service_zip5 without printf) */
    const char *src = in->claim->facility_zip[0] ? in->claim->facility_zip : in->claim->billing_zip;
    char zip[6];
    adj_edit_copy(zip, sizeof(zip), src);
    if (in->billing != NULL && adj_refdata_provider_zip(in->billing, zip))
        return adj_edit_pass(out, "edit.location.credentialed");
    return adj_edit_fail(out, ADJ_EDIT_LOCATION, "edit.location.not_credentialed",
                         "service location ZIP %s is not one of the billing provider's "
                         "credentialed locations",
                         zip[0] ? zip : "(none)");
}
