/* The audit keys of a command (cli/cli.h): the Ed25519 signing key for the
 * deciding commands (required: never an HMAC fallback), the public key for
 * the verifying ones, and the legacy HMAC key where one is configured, for
 * verifying old checkpoints only. Key bytes are wiped when freed. */
#include <stdio.h>
#include <string.h>

#include "cli/cli.h"
#include "core/log.h"

AdjStatus adj_cli_audit_keys_signing(const AdjCli *cli, AdjCliAuditKeys *k, AdjError *err)
{
    memset(k, 0, sizeof(*k));
    const AdjConfig *c = &cli->config;
    if (c->audit_signing_key[0] != '\0') {
        AdjStatus st = adj_sign_load_private(c->audit_signing_key, &k->sign, err);
        if (st != ADJ_OK)
            return st;
        char fpr[ADJ_FPR_HEX];
        adj_sign_fingerprint(k->sign, fpr);
        adj_info("audit: checkpoints signed with Ed25519 key %.16s (audit.signing_key)", fpr);
        return ADJ_OK;
    }
    /* no HMAC fallback: an HMAC key is held by every verifier, who could
     * forge a checkpoint with it (issue 15); audit.key_file only verifies
     * checkpoints written before signing keys existed */
    if (c->audit_key_file[0] != '\0')
        return ADJ_FAIL(err, ADJ_ERR_USAGE,
                        "no checkpoint signing key configured (audit.signing_key): "
                        "audit.key_file (HMAC) only verifies legacy checkpoints and never "
                        "signs new ones; create a key pair with adjudicator audit keygen");
    return ADJ_FAIL(err, ADJ_ERR_USAGE,
                    "no checkpoint signing key configured (audit.signing_key; create one "
                    "with adjudicator audit keygen)");
}

AdjStatus adj_cli_audit_keys_verify(const AdjCli *cli, const char *pub_override,
                                    const char *hmac_override, AdjCliAuditKeys *k,
                                    AdjError *err)
{
    memset(k, 0, sizeof(*k));
    const AdjConfig *c = &cli->config;
    const char *pub = pub_override ? pub_override : c->audit_public_key;
    const char *hmac = hmac_override ? hmac_override : c->audit_key_file;
    AdjStatus st = ADJ_OK;
    if (pub[0] != '\0')
        st = adj_sign_load_public(pub, &k->pub, err);
    else if (c->audit_signing_key[0] != '\0')
        st = adj_sign_load_private(c->audit_signing_key, &k->pub, err);
    if (st == ADJ_OK && hmac[0] != '\0') {
        st = adj_crypto_key_load(hmac, k->hmac, &k->hmac_len, err);
        k->has_hmac = st == ADJ_OK;
    }
    if (st == ADJ_OK && k->pub == NULL && !k->has_hmac)
        st = ADJ_FAIL(err, ADJ_ERR_USAGE,
                      "no public key configured (audit.public_key, or --public-key FILE)");
    if (st != ADJ_OK)
        adj_cli_audit_keys_free(k);
    return st;
}

void adj_cli_audit_keys_free(AdjCliAuditKeys *k)
{
    adj_sign_free(k->sign);
    adj_sign_free(k->pub);
    adj_crypto_wipe(k->hmac, sizeof(k->hmac));
    memset(k, 0, sizeof(*k));
}
