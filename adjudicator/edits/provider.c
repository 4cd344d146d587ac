/* Billing provider edits on CoCM/BHI lines (DESIGN 4): known to the plan,
 * of kind medical (the ruleset's exempt codes, e.g. G0323, may be billed by
 * behavioral providers), and serving at one of its credentialed ZIPs. Pure. */
#include "edits/edit.h"

bool adj_edit_provider_kind(const AdjEditIn *in, AdjEditOut *out)
{
    if (in->billing == NULL)
        return adj_edit_fail(out, ADJ_EDIT_PROVIDER_UNKNOWN, "edit.provider.unknown",
                             "billing provider %s is not in the plan's provider file",
                             in->claim->billing_npi);
    if (in->billing->kind == ADJ_PROVIDER_BEHAVIORAL) {
        if (adj_code_is(in->ci, ADJ_CODES_KIND_EXEMPT))
            return adj_edit_pass(out, "edit.provider.kind_exempt");
        return adj_edit_fail(out, ADJ_EDIT_PROVIDER_KIND, "edit.provider.behavioral",
                             "%s must be billed by the treating medical practitioner, not by "
                             "behavioral provider %s",
                             in->line->code, in->claim->billing_npi);
    }
    return adj_edit_pass(out, "edit.provider.medical");
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
