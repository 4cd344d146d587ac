/* Internals of the rerun module, shared by its files. */
#ifndef ADJ_RERUN_RERUN_INT_H
#define ADJ_RERUN_RERUN_INT_H

#include "edits/history.h"

/* The engine's history, passing through, keeping the claim's record call
 * (rerun/capture.c): it becomes a history event only when the claim is
 * written. Clear recorded before each claim. */
typedef struct AdjRerunCapture {
    AdjHistory inner;
    bool recorded;
    char person[ADJ_PERSON_KEY_MAX], member[ADJ_MEMBER_ID_MAX + 1], npi[11],
        claim_id[ADJ_CLAIM_ID_MAX + 1];
    AdjHistLine lines[ADJ_MAX_LINES];
    int n;
} AdjRerunCapture;

/* The interface to hand the engine (valid while c and inner live). */
AdjHistory adj_rerun_capture_interface(AdjRerunCapture *c, AdjHistory inner);

#endif
