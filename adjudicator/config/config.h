/* Configuration: a libconfig file read through one table of key, type,
 * default, range and reloadability (config.c). Unknown keys, wrong types and
 * out-of-range values are errors naming the file and line. The only module,
 * with the ruleset loader, that includes libconfig.h. */
#ifndef ADJ_CONFIG_CONFIG_H
#define ADJ_CONFIG_CONFIG_H

#include <stdbool.h>
#include <stdint.h>

#include "core/status.h"

#define ADJ_CONFIG_STR_MAX 1024

typedef struct AdjConfig {
    char db_conninfo[ADJ_CONFIG_STR_MAX];
    char db_read_conninfo[ADJ_CONFIG_STR_MAX];
    char db_pooling[16];
    int64_t db_allow_insecure_tcp;
    char log_level[16];
    char log_format[16];
    char log_journal_socket[108];
    int64_t ops_port;
    char rulesets_dir[ADJ_CONFIG_STR_MAX];
    int64_t engine_batch_size;
    int64_t engine_poll_interval_ms;
    char audit_key_file[ADJ_CONFIG_STR_MAX];
    char audit_signing_key[ADJ_CONFIG_STR_MAX];
    char audit_public_key[ADJ_CONFIG_STR_MAX];
    char audit_anchor_file[ADJ_CONFIG_STR_MAX];
    char report_key_file[ADJ_CONFIG_STR_MAX];
    int64_t report_min_cell;
    char report_entity[ADJ_CONFIG_STR_MAX];
    char report_contracts[ADJ_CONFIG_STR_MAX];
    char report_attestation[ADJ_CONFIG_STR_MAX];
    char acks_dir[ADJ_CONFIG_STR_MAX];
    /* interchanges meant for us (issue 13); empty = not checked */
    char intake_receiver_ids[256];
    char intake_payer_id[81];
    char intake_usage[2];
    /* the payer as its 835s name it (issue 14): 1000A and ISA06/GS02 */
    char remit_payer_name[61];
    char remit_payer_id[10];
    char remit_payer_address[56];
    char remit_payer_city[31];
    char remit_payer_state[3];
    char remit_payer_zip[10];
    char remit_payer_contact[61];
    char remit_payer_phone[11];
    char remit_sender_id[16];
    int64_t intake_chunk_claims; /* claims per committed ingest chunk; 0: one per file */
} AdjConfig;

/* Every key with its default (no file read). */
void adj_config_defaults(AdjConfig *cfg);
/* Defaults, then the file. On error cfg is left with defaults and err names
 * "FILE:LINE: ...". */
AdjStatus adj_config_load(AdjConfig *cfg, const char *path, AdjError *err);
/* Print every key, type, default and range (for --help and docs). */
void adj_config_describe(void *stream);

#endif
