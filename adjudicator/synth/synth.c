/* `adjudicator synth` engine: options, the X12 envelope (ISA/GS/ST..SE/GE/
 * IEA with their control numbers and counts) around the claim mix, month by
 * month and member by member, in memory bounded by the provider table and one
 * output buffer. No clock: the interchange date follows the last month. */
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "core/arena.h"
#include "synth/mix.h"

void adj_synth_defaults(AdjSynthOptions *opts)
{
    memset(opts, 0, sizeof(*opts));
    opts->members = 1000;
    opts->months = 12;
    opts->seed = 1;
    opts->start = adj_month_make(2025, 1);
    opts->claims_per_set = 5000;
    opts->sets_per_group = 20;
}

AdjStatus adj_synth_check(const AdjSynthOptions *o, AdjError *err)
{
    if (o->members < 1 || o->members > ADJ_SYNTH_MAX_MEMBERS)
        return ADJ_FAIL(err, ADJ_ERR_USAGE, "members must be 1..%llu",
                        (unsigned long long)ADJ_SYNTH_MAX_MEMBERS);
    if (o->months < 1 || o->months > ADJ_SYNTH_MAX_MONTHS)
        return ADJ_FAIL(err, ADJ_ERR_USAGE, "months must be 1..%d", ADJ_SYNTH_MAX_MONTHS);
    if (adj_month_year(o->start) < 2000 || adj_month_year(o->start + o->months) > 2099)
        return ADJ_FAIL(err, ADJ_ERR_USAGE, "months of service must lie in 2000..2099");
    if (o->claims_per_set < 1 || o->claims_per_set > 1000000)
        return ADJ_FAIL(err, ADJ_ERR_USAGE, "claims per set must be 1..1000000");
    if (o->sets_per_group < 1 || o->sets_per_group > 100000)
        return ADJ_FAIL(err, ADJ_ERR_USAGE, "sets per group must be 1..100000");
    return ADJ_OK;
}

void syn_out_flush(SynOut *o)
{
    size_t off = 0;
    while (off < o->len && o->errnum == 0) {
        ssize_t n = write(o->fd, o->buf + off, o->len - off);
        if (n < 0 && errno == EINTR)
            continue;
        if (n <= 0)
            o->errnum = n < 0 ? errno : EIO;
        else
            off += (size_t)n;
    }
    o->total += o->len;
    o->len = 0;
}

static void open_group(SynGen *g)
{
    SynOut *o = &g->out;
    g->stats.groups++;
    SYN_LIT(o, "GS*HC*SYNTHSENDER*ADJUDICATOR*");
    syn_date(o, g->idate);
    SYN_LIT(o, "*1200*");
    syn_u64(o, g->stats.groups);
    SYN_LIT(o, "*X*005010X222A1~\n");
    g->in_group = true;
    g->group_sets = 0;
}

static void close_group(SynGen *g)
{
    SynOut *o = &g->out;
    SYN_LIT(o, "GE*");
    syn_u64(o, g->group_sets);
    syn_ch(o, '*');
    syn_u64(o, g->stats.groups);
    SYN_LIT(o, "~\n");
    g->in_group = false;
}

static void open_set(SynGen *g)
{
    SynOut *o = &g->out;
    g->stats.sets++;
    g->group_sets++;
    o->segs = 0;
    SYN_LIT(o, "ST*837*");
    syn_u64w(o, g->stats.sets, 4);
    SYN_LIT(o, "*005010X222A1");
    syn_seg_end(o);
    SYN_LIT(o, "BHT*0019*00*SYN");
    syn_u64w(o, g->stats.sets, 6);
    syn_ch(o, '*');
    syn_date(o, g->idate);
    SYN_LIT(o, "*1200*CH");
    syn_seg_end(o);
    SYN_LIT(o, "NM1*41*2*SYNTHETIC CLEARINGHOUSE*****46*SYN001");
    syn_seg_end(o);
    SYN_LIT(o, "PER*IC*EDI SUPPORT*TE*5555550100");
    syn_seg_end(o);
    SYN_LIT(o, "NM1*40*2*SYNTHETIC HEALTH PLAN*****46*ADJPAYER");
    syn_seg_end(o);
    g->in_set = true;
    g->set_claims = 0;
    g->hl = 1;
}

static void close_set(SynGen *g)
{
    SynOut *o = &g->out;
    SYN_LIT(o, "SE*");
    syn_u64(o, (uint64_t)o->segs + 1);
    syn_ch(o, '*');
    syn_u64w(o, g->stats.sets, 4);
    SYN_LIT(o, "~\n");
    g->in_set = false;
}

void syn_gen_put(SynGen *g, const SynMember *m, const SynClaim *c)
{
    syn_out_room(&g->out);
    if (!g->in_group)
        open_group(g);
    if (!g->in_set)
        open_set(g);
    g->stats.lines += (uint64_t)syn_emit_claim(&g->out, m, c, &g->hl);
    g->stats.claims++;
    if (m->dependent)
        g->stats.dependents++;
    if (++g->set_claims >= g->opts->claims_per_set) {
        close_set(g);
        if (g->group_sets >= g->opts->sets_per_group)
            close_group(g);
    }
}

static void write_isa(SynGen *g)
{
    SynOut *o = &g->out;
    /* fixed width: 106 characters through the terminator */
    SYN_LIT(o, "ISA*00*          *00*          *ZZ*SYNTHSENDER    *ZZ*ADJUDICATOR    *");
    syn_u64w(o, (uint64_t)(g->idate % 1000000), 6);
    SYN_LIT(o, "*1200*^*00501*");
    syn_str(o, g->isa13);
    SYN_LIT(o, "*0*T*:~\n");
}

AdjStatus adj_synth_write_fd(const AdjSynthOptions *opts, int fd, const char *name,
                             AdjSynthStats *stats, AdjError *err)
{
    if (adj_synth_check(opts, err) != ADJ_OK)
        return ADJ_ERR_USAGE;
    SynWorld world;
    if (syn_world_new(&world, opts, err) != ADJ_OK)
        return err->status;
    SynGen g;
    memset(&g, 0, sizeof(g));
    g.opts = opts;
    g.world = &world;
    g.out.fd = fd;
    g.out.name = name;
    g.out.cap = SYN_OUT_CAP;
    g.out.buf = adj_xmalloc(SYN_OUT_CAP);
    g.next_claim = 1;
    g.idate = adj_month_first_day(opts->start + opts->months);
    snprintf(g.isa13, sizeof(g.isa13), "%09llu",
             (unsigned long long)(1 + opts->seed % 999999999ULL));

    write_isa(&g);
    for (int mo = 0; mo < opts->months && g.out.errnum == 0; mo++) {
        for (uint64_t i = 0; i < opts->members && g.out.errnum == 0; i++) {
            SynMember m;
            syn_member(&world, opts, i, &m);
            syn_mix_member_month(&g, &m, i, mo);
        }
    }
    syn_out_room(&g.out);
    if (g.in_set)
        close_set(&g);
    if (g.in_group)
        close_group(&g);
    SYN_LIT(&g.out, "IEA*");
    syn_u64(&g.out, g.stats.groups);
    syn_ch(&g.out, '*');
    syn_str(&g.out, g.isa13);
    SYN_LIT(&g.out, "~\n");
    syn_out_flush(&g.out);
    g.stats.bytes = g.out.total;
    free(g.out.buf);
    syn_world_free(&world);
    if (stats != NULL)
        *stats = g.stats;
    if (g.out.errnum != 0)
        return ADJ_FAIL(err, ADJ_ERR_IO, "%s: write: %s", name, strerror(g.out.errnum));
    return ADJ_OK;
}

AdjStatus adj_synth_write_file(const AdjSynthOptions *opts, const char *path,
                               AdjSynthStats *stats, AdjError *err)
{
    if (strcmp(path, "-") == 0)
        return adj_synth_write_fd(opts, STDOUT_FILENO, "standard output", stats, err);
    if (adj_synth_check(opts, err) != ADJ_OK)
        return ADJ_ERR_USAGE;
    int fd = open(path, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0644);
    if (fd < 0)
        return ADJ_FAIL(err, ADJ_ERR_IO, "%s: cannot create: %s", path, strerror(errno));
    AdjStatus st = adj_synth_write_fd(opts, fd, path, stats, err);
    if (close(fd) != 0 && st == ADJ_OK)
        st = ADJ_FAIL(err, ADJ_ERR_IO, "%s: close: %s", path, strerror(errno));
    return st;
}
