/* Console sessions: in memory (a restart signs everyone out), by a random
 * 256-bit token, each with its own CSRF token; idle sessions expire. */
#include <pthread.h>
#include <stdio.h>
#include <string.h>
#include <time.h>

#include "console/console_int.h"
#include "crypto/password.h"

#define MAX_SESSIONS 1024

typedef struct Slot {
    ConSession s;
    time_t last;
    bool used;
} Slot;

static Slot slots[MAX_SESSIONS];
static pthread_mutex_t lock = PTHREAD_MUTEX_INITIALIZER;
static int idle_seconds = 1800;

void con_sessions_init(int idle_minutes)
{
    idle_seconds = idle_minutes > 0 ? idle_minutes * 60 : 1800;
}

void con_sessions_free(void)
{
    pthread_mutex_lock(&lock);
    memset(slots, 0, sizeof(slots));
    pthread_mutex_unlock(&lock);
}

ConRole con_role(const char *name)
{
    return strcmp(name, "supervisor") == 0 ? CON_SUPERVISOR
         : strcmp(name, "analyst") == 0    ? CON_ANALYST
                                           : CON_VIEWER;
}

bool con_session_new(const char *login, const char *role, ConSession *out)
{
    memset(out, 0, sizeof(*out));
    if (!adj_random_hex(out->token, 32) || !adj_random_hex(out->csrf, 32))
        return false;
    snprintf(out->login, sizeof(out->login), "%s", login);
    snprintf(out->role, sizeof(out->role), "%s", role);
    time_t now = time(NULL);
    pthread_mutex_lock(&lock);
    Slot *free_slot = NULL, *oldest = &slots[0];
    for (int i = 0; i < MAX_SESSIONS; i++) {
        Slot *s = &slots[i];
        if (s->used && now - s->last > idle_seconds)
            s->used = false;
        if (!s->used && free_slot == NULL)
            free_slot = s;
        if (s->last < oldest->last)
            oldest = s;
    }
    Slot *s = free_slot ? free_slot : oldest; /* full: the least recently used goes */
    s->s = *out;
    s->last = now;
    s->used = true;
    pthread_mutex_unlock(&lock);
    return true;
}

bool con_session_get(const char *token, ConSession *out)
{
    if (token == NULL || strlen(token) != 64)
        return false;
    time_t now = time(NULL);
    bool found = false;
    pthread_mutex_lock(&lock);
    for (int i = 0; i < MAX_SESSIONS && !found; i++) {
        Slot *s = &slots[i];
        if (!s->used || !adj_ct_equal(s->s.token, token))
            continue;
        if (now - s->last > idle_seconds) {
            s->used = false;
            break;
        }
        s->last = now;
        *out = s->s;
        found = true;
    }
    pthread_mutex_unlock(&lock);
    return found;
}

void con_session_end(const char *token)
{
    if (token == NULL)
        return;
    pthread_mutex_lock(&lock);
    for (int i = 0; i < MAX_SESSIONS; i++)
        if (slots[i].used && adj_ct_equal(slots[i].s.token, token))
            memset(&slots[i], 0, sizeof(slots[i]));
    pthread_mutex_unlock(&lock);
}
