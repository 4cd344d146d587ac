/* Configuration file loading through one key table; see config.h. */
#include "config/config.h"

#include <libconfig.h>
#include <stddef.h>
#include <stdio.h>
#include <string.h>

#include "core/log.h"

typedef enum { KEY_STRING, KEY_INT } KeyType;

typedef struct ConfigKey {
    const char *key;
    KeyType type;
    size_t offset;
    size_t size;          /* strings: buffer size */
    const char *def_str;
    int64_t def_int, min, max;
    bool reloadable;
    const char *doc;
} ConfigKey;

#define STR(k, field, def, reload, doc) \
    {k, KEY_STRING, offsetof(AdjConfig, field), sizeof(((AdjConfig *)0)->field), def, 0, 0, 0, reload, doc}
#define INT(k, field, def, lo, hi, reload, doc) \
    {k, KEY_INT, offsetof(AdjConfig, field), 0, NULL, def, lo, hi, reload, doc}

static const ConfigKey keys[] = {
    STR("db.conninfo", db_conninfo, "", false,
        "libpq conninfo of the database (overridden by --db)"),
    STR("db.read_conninfo", db_read_conninfo, "", false,
        "conninfo of a standby for report (default db.conninfo; --db overrides)"),
    STR("db.pooling", db_pooling, "session", false,
        "session (a direct connection: idle workers LISTEN) or transaction (behind a "
        "transaction-pooling PgBouncer: they poll)"),
    INT("db.allow_insecure_tcp", db_allow_insecure_tcp, 0, 0, 1, false,
        "1: allow a TCP conninfo without sslmode=verify-full (logged at start); 0 refuses it"),
    STR("log.level", log_level, "info", true, "debug, info, warn or error"),
    STR("log.format", log_format, "text", true,
        "text (one plain line), json (one JSON object per line: ts, level, pid, msg) or "
        "journal (journald's native protocol: MESSAGE, PRIORITY, SYSLOG_IDENTIFIER, ADJ_LEVEL)"),
    STR("log.journal_socket", log_journal_socket, "/run/systemd/journal/socket", true,
        "journald's native socket, for log.format journal"),
    INT("ops.port", ops_port, 0, 0, 65535, false,
        "serve answers GET /metrics and /healthz on 127.0.0.1:PORT; 0 = off"),
    STR("rulesets.dir", rulesets_dir, "rulesets", true,
        "directory of the rulesets in force"),
    INT("engine.batch_size", engine_batch_size, 500, 1, 100000, true,
        "claims taken from the intake queue per transaction"),
    INT("engine.poll_interval_ms", engine_poll_interval_ms, 1000, 10, 600000, true,
        "idle workers poll the queue this often when no NOTIFY arrives"),
    STR("audit.key_file", audit_key_file, "", false,
        "legacy: file (mode 600) holding the HMAC key of checkpoints written before "
        "audit.signing_key (verifies them only; never signs new ones)"),
    STR("audit.signing_key", audit_signing_key, "", false,
        "Ed25519 private key (PEM, mode 600, owned by the service user) that signs the "
        "decision checkpoints: deciding services only (run, serve, rerun)"),
    STR("audit.public_key", audit_public_key, "", false,
        "Ed25519 public key (PEM) that audit verify and audit anchor check checkpoints with"),
    STR("audit.anchor_file", audit_anchor_file, "", false,
        "append-only file outside the database that audit anchor appends the newest signed "
        "checkpoint to, and audit verify --anchor compares"),
    STR("report.key_file", report_key_file, "", true,
        "Ed25519 private key (PEM, mode 600) that signs report manifests"),
    INT("report.min_cell", report_min_cell, 11, 1, 1000, true,
        "counts below this are suppressed in reports (never less than 1 to 10)"),
    STR("report.entity", report_entity, "", true,
        "reporting entity on reports: name and licence number"),
    STR("report.contracts", report_contracts, "", true,
        "plan and contract identifiers printed on reports"),
    STR("report.attestation", report_attestation, "", true,
        "attestation text printed on reports"),
    STR("acks.dir", acks_dir, "", true,
        "directory where ingest also writes the TA1, 999 and 277CA it stores (empty: none)"),
    STR("intake.receiver_ids", intake_receiver_ids, "", true,
        "this plan's receiver IDs (ISA08 or GS03), space-separated; an interchange for "
        "another receiver is unreadable for us (empty: not checked)"),
    STR("intake.payer_id", intake_payer_id, "", true,
        "this plan's payer ID (2010BB NM109); a claim for another payer is rejected at "
        "the front end (empty: not checked)"),
    STR("intake.usage", intake_usage, "", true,
        "P: a production instance, where a test interchange (ISA15 = T) is validated but "
        "never adjudicated or stored; T: a test instance; empty: not checked"),
    STR("remit.payer_name", remit_payer_name, "HEALTH PLAN", true,
        "the payer's name on 835s (1000A N102), up to 60 characters"),
    STR("remit.payer_id", remit_payer_id, "999999999", true,
        "the payer's federal tax ID, 9 digits (835 TRN03: 1 and the ID)"),
    STR("remit.payer_address", remit_payer_address, "1 PLAN WAY", true,
        "the payer's street address on 835s (1000A N301), up to 55 characters"),
    STR("remit.payer_city", remit_payer_city, "SAN FRANCISCO", true,
        "the payer's city (1000A N401), up to 30 characters"),
    STR("remit.payer_state", remit_payer_state, "CA", true,
        "the payer's state, two capital letters (1000A N402)"),
    STR("remit.payer_zip", remit_payer_zip, "94105", true,
        "the payer's ZIP code, 5 or 9 digits (1000A N403)"),
    STR("remit.payer_contact", remit_payer_contact, "PROVIDER SERVICES", true,
        "the name of the payer's technical contact for 835s (1000A PER02)"),
    STR("remit.payer_phone", remit_payer_phone, "8005550100", true,
        "the contact's telephone number, 10 digits (1000A PER04)"),
    STR("remit.sender_id", remit_sender_id, "PAYER", true,
        "the payer's interchange sender ID on 835s (ISA06, GS02), up to 15 characters"),
    INT("intake.chunk_claims", intake_chunk_claims, 10000, 0, 10000000, true,
        "ingest commits a file in chunks of this many claims, each queued for the workers "
        "as it commits (an interchange's claims only once its trailers check out); "
        "0: the whole file in one transaction"),
};
#define NKEYS (sizeof(keys) / sizeof(keys[0]))

static const ConfigKey *find_key(const char *name)
{
    for (size_t i = 0; i < NKEYS; i++)
        if (strcmp(keys[i].key, name) == 0)
            return &keys[i];
    return NULL;
}

void adj_config_defaults(AdjConfig *cfg)
{
    memset(cfg, 0, sizeof(*cfg));
    for (size_t i = 0; i < NKEYS; i++) {
        char *field = (char *)cfg + keys[i].offset;
        if (keys[i].type == KEY_STRING)
            snprintf(field, keys[i].size, "%s", keys[i].def_str);
        else
            memcpy(field, &keys[i].def_int, sizeof(int64_t));
    }
}

static bool all_digits(const char *v)
{
    for (; *v; v++)
        if (*v < '0' || *v > '9')
            return false;
    return true;
}

/* The remit.* settings (issue 14): what an 835 may carry. NULL when v is
 * acceptable, else what is wrong with it. */
static const char *check_remit(const char *name, const char *v)
{
    if (strncmp(name, "remit.", 6) != 0)
        return NULL;
    if (v[0] == '\0')
        return "must not be empty";
    if (strpbrk(v, "*:^~") != NULL)
        return "must not hold an X12 separator (* : ^ ~)";
    for (const char *c = v; *c; c++)
        if ((unsigned char)*c < 0x20 || (unsigned char)*c > 0x7e)
            return "must be printable ASCII";
    size_t n = strlen(v);
    if (strcmp(name, "remit.payer_id") == 0 && (n != 9 || !all_digits(v)))
        return "must be 9 digits (a federal tax ID)";
    if (strcmp(name, "remit.payer_state") == 0 &&
        (n != 2 || v[0] < 'A' || v[0] > 'Z' || v[1] < 'A' || v[1] > 'Z'))
        return "must be two capital letters";
    if (strcmp(name, "remit.payer_zip") == 0 && ((n != 5 && n != 9) || !all_digits(v)))
        return "must be 5 or 9 digits";
    if (strcmp(name, "remit.payer_phone") == 0 && (n != 10 || !all_digits(v)))
        return "must be 10 digits";
    if (strcmp(name, "remit.sender_id") == 0 && v[0] == ' ')
        return "must not start with a space";
    return NULL;
}

static AdjStatus apply(AdjConfig *cfg, const char *path, config_setting_t *s,
                       const char *name, AdjError *err)
{
    int line = (int)config_setting_source_line(s);
    const ConfigKey *k = find_key(name);
    if (k == NULL)
        return ADJ_FAIL(err, ADJ_ERR_USAGE, "%s:%d: unknown key '%s'", path, line, name);
    char *field = (char *)cfg + k->offset;
    int type = config_setting_type(s);
    if (k->type == KEY_STRING) {
        if (type != CONFIG_TYPE_STRING)
            return ADJ_FAIL(err, ADJ_ERR_USAGE, "%s:%d: '%s' must be a string", path,
                            line, name);
        const char *v = config_setting_get_string(s);
        if (strlen(v) >= k->size)
            return ADJ_FAIL(err, ADJ_ERR_USAGE, "%s:%d: '%s' is longer than %zu bytes",
                            path, line, name, k->size - 1);
        if (strcmp(name, "intake.usage") == 0 && strcmp(v, "P") != 0 && strcmp(v, "T") != 0 &&
            v[0] != '\0')
            return ADJ_FAIL(err, ADJ_ERR_USAGE, "%s:%d: 'intake.usage' must be P or T", path,
                            line);
        if (strcmp(name, "log.level") == 0 && adj_log_level_parse(v) < 0)
            return ADJ_FAIL(err, ADJ_ERR_USAGE,
                            "%s:%d: 'log.level' must be debug, info, warn or error", path,
                            line);
        if (strcmp(name, "db.pooling") == 0 && strcmp(v, "session") != 0 &&
            strcmp(v, "transaction") != 0)
            return ADJ_FAIL(err, ADJ_ERR_USAGE,
                            "%s:%d: 'db.pooling' must be session or transaction", path, line);
        const char *bad = check_remit(name, v);
        if (bad != NULL)
            return ADJ_FAIL(err, ADJ_ERR_USAGE, "%s:%d: '%s' %s", path, line, name, bad);
        if (strcmp(name, "log.format") == 0 && adj_log_format_parse(v) < 0)
            return ADJ_FAIL(err, ADJ_ERR_USAGE, "%s:%d: 'log.format' must be text, json or journal",
                            path, line);
        snprintf(field, k->size, "%s", v);
    } else {
        if (type != CONFIG_TYPE_INT && type != CONFIG_TYPE_INT64)
            return ADJ_FAIL(err, ADJ_ERR_USAGE, "%s:%d: '%s' must be an integer", path,
                            line, name);
        int64_t v = config_setting_get_int64(s);
        if (v < k->min || v > k->max)
            return ADJ_FAIL(err, ADJ_ERR_USAGE,
                            "%s:%d: '%s' = %lld is out of range %lld..%lld", path, line,
                            name, (long long)v, (long long)k->min, (long long)k->max);
        memcpy(field, &v, sizeof(v));
    }
    return ADJ_OK;
}

static AdjStatus walk(AdjConfig *cfg, const char *path, config_setting_t *group,
                      const char *prefix, AdjError *err)
{
    int n = config_setting_length(group);
    for (int i = 0; i < n; i++) {
        config_setting_t *s = config_setting_get_elem(group, (unsigned)i);
        char name[256];
        snprintf(name, sizeof(name), "%s%s%s", prefix, prefix[0] ? "." : "",
                 config_setting_name(s) ? config_setting_name(s) : "?");
        AdjStatus st = config_setting_type(s) == CONFIG_TYPE_GROUP
                           ? walk(cfg, path, s, name, err)
                           : apply(cfg, path, s, name, err);
        if (st != ADJ_OK)
            return st;
    }
    return ADJ_OK;
}

AdjStatus adj_config_load(AdjConfig *cfg, const char *path, AdjError *err)
{
    adj_config_defaults(cfg);
    config_t lc;
    config_init(&lc);
    AdjStatus st = ADJ_OK;
    if (config_read_file(&lc, path) != CONFIG_TRUE) {
        if (config_error_type(&lc) == CONFIG_ERR_FILE_IO)
            st = ADJ_FAIL(err, ADJ_ERR_USAGE, "%s: cannot read configuration file", path);
        else
            st = ADJ_FAIL(err, ADJ_ERR_USAGE, "%s:%d: %s", path, config_error_line(&lc),
                          config_error_text(&lc));
    } else {
        AdjConfig tmp;
        adj_config_defaults(&tmp);
        st = walk(&tmp, path, config_root_setting(&lc), "", err);
        if (st == ADJ_OK)
            *cfg = tmp;
    }
    config_destroy(&lc);
    return st;
}

void adj_config_describe(void *stream)
{
    FILE *f = stream;
    for (size_t i = 0; i < NKEYS; i++) {
        const ConfigKey *k = &keys[i];
        if (k->type == KEY_STRING)
            fprintf(f, "  %-26s string  default \"%s\"%s\n      %s\n", k->key, k->def_str,
                    k->reloadable ? ", reloadable" : "", k->doc);
        else
            fprintf(f, "  %-26s integer default %lld, range %lld..%lld%s\n      %s\n",
                    k->key, (long long)k->def_int, (long long)k->min, (long long)k->max,
                    k->reloadable ? ", reloadable" : "", k->doc);
    }
}
