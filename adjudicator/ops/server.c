/* The ops thread; see ops.h. One poll loop: the listening socket (GET
 * /metrics, GET /healthz, one request per connection, answered and closed)
 * and a timer for the watchdog. The queue depth comes from a database
 * connection of the thread's own, opened on demand. */
#include "ops/ops.h"

#include <arpa/inet.h>
#include <errno.h>
#include <fcntl.h>
#include <netinet/in.h>
#include <poll.h>
#include <pthread.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>
#include <unistd.h>

#include "core/arena.h"
#include "store/store.h"

struct AdjOps {
    int listen_fd;
    int wake[2]; /* a pipe: adj_ops_stop writes to end the loop */
    AdjMetrics *m;
    char conninfo[1024];
    AdjStore *store;
    uint64_t watchdog_usec;
    pthread_t thread;
};

static bool alive(const AdjOps *o)
{
    int64_t age = adj_ops_now_ms() - atomic_load(&o->m->heartbeat_ms);
    return age <= atomic_load(&o->m->stall_ms);
}

static void queue_depth(AdjOps *o, AdjQueueDepth *q)
{
    q->ready = q->done = q->failed = -1;
    if (o->conninfo[0] == '\0')
        return;
    AdjError err = {0};
    if (o->store != NULL && !adj_store_ok(o->store)) {
        adj_store_close(o->store);
        o->store = NULL;
    }
    if (o->store == NULL && adj_store_open(o->conninfo, &o->store, &err) != ADJ_OK)
        return;
    int64_t c[3];
    if (adj_store_queue_counts(o->store, c, &err) == ADJ_OK) {
        q->ready = c[0];
        q->done = c[1];
        q->failed = c[2];
    }
}

static void respond(int fd, int code, const char *type, const char *body, size_t len)
{
    char head[256];
    int n = snprintf(head, sizeof(head),
                     "HTTP/1.0 %d %s\r\nContent-Type: %s\r\nContent-Length: %zu\r\n"
                     "Connection: close\r\n\r\n",
                     code, code == 200 ? "OK" : code == 404 ? "Not Found" : code == 405 ? "Method Not Allowed" : "Service Unavailable",
                     type, len);
    if (write(fd, head, (size_t)n) == n && len > 0) {
        size_t off = 0;
        while (off < len) {
            ssize_t w = write(fd, body + off, len - off);
            if (w <= 0)
                break;
            off += (size_t)w;
        }
    }
}

static void serve_one(AdjOps *o, int fd)
{
    char req[1024];
    size_t got = 0;
    /* the request line is enough; wait a little for it */
    while (got < sizeof(req) - 1) {
        struct pollfd p = {.fd = fd, .events = POLLIN};
        if (poll(&p, 1, 1000) <= 0)
            break;
        ssize_t r = read(fd, req + got, sizeof(req) - 1 - got);
        if (r <= 0)
            break;
        got += (size_t)r;
        req[got] = '\0';
        if (strstr(req, "\r\n") != NULL || strchr(req, '\n') != NULL)
            break;
    }
    req[got] = '\0';
    char method[8] = "", path[256] = "";
    if (sscanf(req, "%7s %255s", method, path) != 2) {
        respond(fd, 404, "text/plain", "bad request\n", 12);
        return;
    }
    char *qm = strchr(path, '?');
    if (qm != NULL)
        *qm = '\0';
    if (strcmp(method, "GET") != 0 && strcmp(method, "HEAD") != 0) {
        respond(fd, 405, "text/plain", "GET only\n", 9);
    } else if (strcmp(path, "/metrics") == 0) {
        AdjQueueDepth q;
        queue_depth(o, &q);
        size_t need = adj_metrics_render(o->m, &q, NULL, 0) + 1;
        char *buf = malloc(need);
        if (buf == NULL) {
            respond(fd, 503, "text/plain", "out of memory\n", 14);
            return;
        }
        size_t len = adj_metrics_render(o->m, &q, buf, need);
        respond(fd, 200, "text/plain; version=0.0.4", buf, len);
        free(buf);
    } else if (strcmp(path, "/healthz") == 0) {
        bool up = alive(o), db = atomic_load(&o->m->connected) != 0;
        char body[128];
        int n = snprintf(body, sizeof(body), "{\"status\":\"%s\",\"worker\":\"%s\",\"db\":\"%s\"}\n",
                         up && db ? "ok" : "unavailable", up ? "alive" : "stalled",
                         db ? "connected" : "disconnected");
        respond(fd, up && db ? 200 : 503, "application/json", body, (size_t)n);
    } else {
        respond(fd, 404, "text/plain", "not found: /metrics or /healthz\n", 32);
    }
}

static void *loop(void *arg)
{
    AdjOps *o = arg;
    int64_t next_ping = 0;
    for (;;) {
        int timeout = -1;
        if (o->watchdog_usec > 0) {
            int64_t now = adj_ops_now_ms();
            if (now >= next_ping) {
                if (alive(o))
                    adj_sd_notify("WATCHDOG=1");
                next_ping = now + (int64_t)(o->watchdog_usec / 2000);
            }
            timeout = (int)(next_ping - now > 0 ? next_ping - now : 1);
        }
        struct pollfd p[2] = {{.fd = o->wake[0], .events = POLLIN},
                              {.fd = o->listen_fd, .events = POLLIN}};
        int r = poll(p, o->listen_fd >= 0 ? 2 : 1, timeout);
        if (r < 0 && errno != EINTR)
            break;
        if (r <= 0)
            continue;
        if (p[0].revents != 0)
            break;
        if (o->listen_fd >= 0 && (p[1].revents & POLLIN)) {
            int fd = accept4(o->listen_fd, NULL, NULL, SOCK_CLOEXEC);
            if (fd >= 0) {
                serve_one(o, fd);
                close(fd);
            }
        }
    }
    return NULL;
}

AdjStatus adj_ops_start(AdjOps **out, int port, AdjMetrics *m, const char *conninfo,
                        AdjError *err)
{
    *out = NULL;
    AdjOps *o = adj_xcalloc(1, sizeof(*o));
    o->listen_fd = -1;
    o->m = m;
    snprintf(o->conninfo, sizeof(o->conninfo), "%s", conninfo != NULL ? conninfo : "");
    o->watchdog_usec = adj_sd_watchdog_usec();
    if (pipe2(o->wake, O_CLOEXEC) != 0) {
        free(o);
        return ADJ_FAIL(err, ADJ_ERR_IO, "ops: pipe: %s", strerror(errno));
    }
    if (port > 0) {
        o->listen_fd = socket(AF_INET, SOCK_STREAM | SOCK_CLOEXEC, 0);
        int one = 1;
        struct sockaddr_in sa = {.sin_family = AF_INET, .sin_port = htons((uint16_t)port)};
        sa.sin_addr.s_addr = htonl(INADDR_LOOPBACK); /* local only */
        if (o->listen_fd < 0 ||
            setsockopt(o->listen_fd, SOL_SOCKET, SO_REUSEADDR, &one, sizeof(one)) != 0 ||
            bind(o->listen_fd, (struct sockaddr *)&sa, sizeof(sa)) != 0 ||
            listen(o->listen_fd, 16) != 0) {
            AdjStatus st = ADJ_FAIL(err, ADJ_ERR_USAGE, "ops.port %d: cannot listen on 127.0.0.1: %s",
                                    port, strerror(errno));
            if (o->listen_fd >= 0)
                close(o->listen_fd);
            close(o->wake[0]);
            close(o->wake[1]);
            free(o);
            return st;
        }
    }
    /* signals (SIGTERM, SIGHUP) go to the worker's thread, whose wait they
     * must interrupt: the ops thread blocks them */
    sigset_t block, old;
    sigemptyset(&block);
    sigaddset(&block, SIGTERM);
    sigaddset(&block, SIGINT);
    sigaddset(&block, SIGHUP);
    pthread_sigmask(SIG_BLOCK, &block, &old);
    int rc = pthread_create(&o->thread, NULL, loop, o);
    pthread_sigmask(SIG_SETMASK, &old, NULL);
    if (rc != 0) {
        if (o->listen_fd >= 0)
            close(o->listen_fd);
        close(o->wake[0]);
        close(o->wake[1]);
        free(o);
        return ADJ_FAIL(err, ADJ_ERR_IO, "ops: cannot start its thread");
    }
    *out = o;
    return ADJ_OK;
}

void adj_ops_stop(AdjOps *o)
{
    if (o == NULL)
        return;
    if (write(o->wake[1], "x", 1) != 1) {
        /* the pipe cannot be full: one byte, once */
    }
    pthread_join(o->thread, NULL);
    if (o->listen_fd >= 0)
        close(o->listen_fd);
    close(o->wake[0]);
    close(o->wake[1]);
    adj_store_close(o->store);
    free(o);
}
