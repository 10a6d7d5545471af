/*
 * service.c — the works/service evaluation of SPEC §1, 64 scenarios per
 * uint64_t word, one pass over the topological order; and the radio sites
 * with their baseline (service with nothing failed).
 *
 * The pass is in place: w[e] holds "fails" on entry and "works" on exit.
 * Because every element comes after all it depends on, the words read for
 * its dependencies already hold "works" when it is reached.
 *
 * nis5g_service_eval walks the model as it is (simple; used for single
 * explanations and as the tests' second opinion); the analyses use the
 * compiled program, renumbered in topological order, whose pass reads its
 * arrays and writes its words sequentially — the model's own order jumps
 * around memory (Kahn's order visits elements far apart in the columns).
 */
#include <pthread.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "nis5g/buf.h"
#include "nis5g/resilience.h"

void nis5g_service_eval(const struct nis5g_model *m, uint64_t *w)
{
    const uint32_t *off = m->dep_off, *dep = m->dep, *grp = m->dep_group;
    const uint8_t *status = m->el_status;
    for (uint32_t i = 0; i < m->n_elements; i++) {
        uint32_t e = m->topo[i];
        if (status[e] != NIS5G_ST_ACTIVE) {
            w[e] = 0;
            continue;
        }
        uint64_t x = ~w[e];
        uint32_t k = off[e], end = off[e + 1];
        /* Required links first (no group), then pools as runs of one group. */
        for (; k < end && grp[k] == NIS5G_NONE && x; k++)
            x &= w[dep[k]];
        while (k < end && x) {
            uint32_t g = grp[k];
            uint64_t any = 0;
            for (; k < end && grp[k] == g; k++)
                any |= w[dep[k]];
            x &= any;
        }
        w[e] = x;
    }
}

/* The three loops of the build, each over a range, so that threads can
 * share them: their writes go to distinct places. */
struct build_job {
    const struct nis5g_model *m;
    struct nis5g_service_prog *p;
    int step;
    uint32_t from, to;
};

static void *build_step(void *arg)
{
    struct build_job *j = arg;
    const struct nis5g_model *m = j->m;
    struct nis5g_service_prog *p = j->p;
    if (j->step == 0) {
        for (uint32_t i = j->from; i < j->to; i++)
            p->pos[m->topo[i]] = i;
    } else if (j->step == 1) {
        /* Degrees by position (offsets after a prefix sum). */
        for (uint32_t e = j->from; e < j->to; e++) {
            uint32_t i = p->pos[e];
            p->off[i + 1] = m->dep_off[e + 1] - m->dep_off[e];
            p->live[i] = m->el_status[e] == NIS5G_ST_ACTIVE;
        }
    } else {
        for (uint32_t e = j->from; e < j->to; e++) {
            uint32_t *out = p->dep + p->off[p->pos[e]];
            uint32_t prev = NIS5G_NONE;
            for (uint32_t k = m->dep_off[e]; k < m->dep_off[e + 1]; k++) {
                uint32_t g = m->dep_group[k];
                int start = g == NIS5G_NONE || g != prev;
                prev = g;
                *out++ = p->pos[m->dep[k]] | (start ? NIS5G_PROG_START : 0);
            }
        }
    }
    return NULL;
}

/* Run one step over [0, n) on up to 4 threads (the loops are bound by
 * random memory access, which a second core helps with). */
static void build_parallel(const struct nis5g_model *m, struct nis5g_service_prog *p, int step, uint32_t n)
{
    long cores = sysconf(_SC_NPROCESSORS_ONLN);
    int nt = n < 100000 || cores < 2 ? 1 : cores > 4 ? 4 : (int)cores;
    struct build_job jobs[4];
    pthread_t th[4];
    int started[4] = { 0 };
    for (int t = 0; t < nt; t++) {
        jobs[t] = (struct build_job){ m, p, step, (uint32_t)((uint64_t)n * t / nt),
                                      (uint32_t)((uint64_t)n * (t + 1) / nt) };
        if (t > 0)
            started[t] = pthread_create(&th[t], NULL, build_step, &jobs[t]) == 0;
    }
    build_step(&jobs[0]);
    for (int t = 1; t < nt; t++) {
        if (started[t])
            pthread_join(th[t], NULL);
        else
            build_step(&jobs[t]);
    }
}

void nis5g_service_prog_build(const struct nis5g_model *m, struct nis5g_service_prog *p)
{
    uint32_t n = m->n_elements;
    memset(p, 0, sizeof *p);
    p->n = n;
    p->el = m->topo;
    p->pos = nis5g_xmalloc(((size_t)n + 1) * sizeof *p->pos);
    p->off = nis5g_xmalloc(((size_t)n + 1) * sizeof *p->off);
    p->dep = nis5g_xmalloc(((size_t)m->n_links + 1) * sizeof *p->dep);
    p->live = nis5g_xmalloc((size_t)n + 1);
    build_parallel(m, p, 0, n);
    build_parallel(m, p, 1, n);
    p->off[0] = 0;
    for (uint32_t i = 0; i < n; i++)
        p->off[i + 1] += p->off[i];
    build_parallel(m, p, 2, n);
}

void nis5g_service_prog_release(struct nis5g_service_prog *p)
{
    free(p->pos);
    free(p->off);
    free(p->dep);
    free(p->live);
    memset(p, 0, sizeof *p);
}

/* The pass; the failure word of position i is w[i], or mask[cls[i]] when
 * cls is given (one word per vendor, say, instead of a word per element). */
static inline void prog_eval(const struct nis5g_service_prog *p, uint64_t *w, const uint16_t *cls,
                             const uint64_t *mask)
{
    const uint32_t *off = p->off, *dep = p->dep;
    const uint8_t *live = p->live;
    for (uint32_t i = 0; i < p->n; i++) {
        uint64_t x = live[i] ? ~(cls ? mask[cls[i]] : w[i]) : 0;
        uint32_t k = off[i], end = off[i + 1];
        if (x && k < end) {
            /* Each group: OR of its members; the element needs every group. */
            uint64_t any = w[dep[k] & ~NIS5G_PROG_START];
            for (k++; k < end; k++) {
                uint32_t d = dep[k];
                if (d & NIS5G_PROG_START) {
                    x &= any;
                    any = 0;
                }
                any |= w[d & ~NIS5G_PROG_START];
            }
            x &= any;
        }
        w[i] = x;
    }
}

void nis5g_service_prog_eval(const struct nis5g_service_prog *p, uint64_t *w)
{
    prog_eval(p, w, NULL, NULL);
}

void nis5g_service_prog_eval_classes(const struct nis5g_service_prog *p, uint64_t *w, const uint16_t *cls,
                                     const uint64_t *mask)
{
    prog_eval(p, w, cls, mask);
}

void nis5g_radio_sites_prepare(const struct nis5g_model *m, struct nis5g_radio_sites *rs)
{
    memset(rs, 0, sizeof *rs);
    nis5g_service_prog_build(m, &rs->prog);
    uint32_t ns = m->sites.n, nf = m->functions.n;
    uint8_t *is_radio = nis5g_xcalloc(nf ? nf : 1, 1);
    for (uint32_t f = 0; f < nf; f++)
        is_radio[f] = (uint8_t)nis5g_model_is_radio_function(m, (uint16_t)f);

    /* Count active radios per site, then place them (counting sort). */
    uint32_t *cnt = nis5g_xcalloc((size_t)ns + 1, sizeof *cnt);
    for (uint32_t e = 0; e < m->n_elements; e++) {
        uint32_t s = m->el_site[e];
        if (s != NIS5G_NONE && m->el_status[e] == NIS5G_ST_ACTIVE && m->el_function[e] < nf &&
            is_radio[m->el_function[e]])
            cnt[s]++;
    }
    uint32_t n = 0;
    uint64_t total = 0;
    for (uint32_t s = 0; s < ns; s++)
        if (cnt[s]) {
            n++;
            total += cnt[s];
        }
    rs->n = n;
    rs->site = nis5g_xcalloc(n ? n : 1, sizeof *rs->site);
    rs->off = nis5g_xcalloc((size_t)n + 1, sizeof *rs->off);
    rs->radio = nis5g_xcalloc(total ? total : 1, sizeof *rs->radio);
    rs->base = nis5g_xcalloc(n ? n : 1, 1);
    /* cnt[s] becomes the next write position of site s. */
    uint32_t i = 0, pos = 0;
    for (uint32_t s = 0; s < ns; s++) {
        if (!cnt[s])
            continue;
        rs->site[i] = s;
        rs->off[i] = pos;
        pos += cnt[s];
        cnt[s] = rs->off[i];
        i++;
    }
    rs->off[n] = pos;
    for (uint32_t e = 0; e < m->n_elements; e++) {
        uint32_t s = m->el_site[e];
        if (s != NIS5G_NONE && m->el_status[e] == NIS5G_ST_ACTIVE && m->el_function[e] < nf &&
            is_radio[m->el_function[e]])
            rs->radio[cnt[s]++] = rs->prog.pos[e];
    }
    free(cnt);
    free(is_radio);

    for (i = 0; i < n; i++)
        rs->subs_total += nis5g_site_subs(m, rs->site[i]);
}

void nis5g_radio_sites_set_baseline(const struct nis5g_model *m, struct nis5g_radio_sites *rs, const uint64_t *w,
                                    int bit)
{
    if (!rs->base_works)
        rs->base_works = nis5g_xmalloc(m->n_elements ? m->n_elements : 1);
    for (uint32_t k = 0; k < m->n_elements; k++)
        rs->base_works[k] = (uint8_t)((w[k] >> bit) & 1u);
    rs->n_base = 0;
    rs->subs_base = 0;
    for (uint32_t i = 0; i < rs->n; i++) {
        rs->base[i] = (uint8_t)((nis5g_radio_site_service(rs, i, w) >> bit) & 1u);
        if (rs->base[i]) {
            rs->n_base++;
            rs->subs_base += nis5g_site_subs(m, rs->site[i]);
        }
    }
    rs->have_base = 1;
}

void nis5g_radio_sites_build(const struct nis5g_model *m, struct nis5g_radio_sites *rs)
{
    nis5g_radio_sites_prepare(m, rs);
    uint64_t *w = nis5g_xcalloc(m->n_elements ? m->n_elements : 1, sizeof *w);
    nis5g_service_prog_eval(&rs->prog, w);
    nis5g_radio_sites_set_baseline(m, rs, w, 0);
    free(w);
}

void nis5g_radio_sites_release(struct nis5g_radio_sites *rs)
{
    nis5g_service_prog_release(&rs->prog);
    free(rs->site);
    free(rs->off);
    free(rs->radio);
    free(rs->base);
    free(rs->base_works);
    memset(rs, 0, sizeof *rs);
}

static int cmp_u32(const void *a, const void *b)
{
    uint32_t x = *(const uint32_t *)a, y = *(const uint32_t *)b;
    return (x > y) - (x < y);
}

static int cmp_i64(const void *a, const void *b)
{
    int64_t x = *(const int64_t *)a, y = *(const int64_t *)b;
    return (x > y) - (x < y);
}

/* Nearest rank: the smallest value with at least p% of the values <= it. */
static size_t rank(size_t n, int p)
{
    size_t r = ((size_t)p * n + 99) / 100;
    return r ? r - 1 : 0;
}

void nis5g_dist_u32(const uint32_t *v, size_t n, size_t stride, struct nis5g_dist *out)
{
    memset(out, 0, sizeof *out);
    if (!n)
        return;
    uint32_t *s = nis5g_xmalloc(n * sizeof *s);
    double sum = 0;
    for (size_t i = 0; i < n; i++) {
        s[i] = v[i * stride];
        sum += s[i];
    }
    qsort(s, n, sizeof *s, cmp_u32);
    out->mean = sum / (double)n;
    out->p50 = s[rank(n, 50)];
    out->p95 = s[rank(n, 95)];
    out->p99 = s[rank(n, 99)];
    out->max = s[n - 1];
    free(s);
}

void nis5g_dist_i64(const int64_t *v, size_t n, size_t stride, struct nis5g_dist *out)
{
    memset(out, 0, sizeof *out);
    if (!n)
        return;
    int64_t *s = nis5g_xmalloc(n * sizeof *s);
    double sum = 0;
    for (size_t i = 0; i < n; i++) {
        s[i] = v[i * stride];
        sum += (double)s[i];
    }
    qsort(s, n, sizeof *s, cmp_i64);
    out->mean = sum / (double)n;
    out->p50 = s[rank(n, 50)];
    out->p95 = s[rank(n, 95)];
    out->p99 = s[rank(n, 99)];
    out->max = s[n - 1];
    free(s);
}
