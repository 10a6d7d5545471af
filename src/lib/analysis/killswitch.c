/*
 * killswitch.c — what stops working when every element of a set of vendors
 * fails at once (SPEC §4 "Kill-switch"), 64 scenarios per pass over the
 * model; and a dependency chain that explains one lost site.
 *
 * Collateral elements (working at baseline, failed in the scenario, not
 * from a failed vendor) are counted with byte-sliced counters: each byte of
 * a scenario word, spread to eight bytes, adds 1 to eight counters at once,
 * without a loop over the bits.
 */
#include <pthread.h>
#include <stdlib.h>
#include <string.h>

#include "nis5g/resilience.h"

/* spread8[b]: byte l is bit l of b. Adding spread8 of each byte of a
 * scenario word to a uint64 adds 1 to eight byte-wide counters at once. */
static uint64_t spread8[256];

static void spread8_init(void)
{
    for (unsigned b = 0; b < 256; b++) {
        uint64_t v = 0;
        for (int l = 0; l < 8; l++)
            v |= (uint64_t)((b >> l) & 1u) << (8 * l);
        spread8[b] = v;
    }
}

/* Each scenario's result, zeroed with its per-operator and per-region
 * arrays, and the active elements of its vendors (a vendor named twice in
 * one scenario counts once). */
static void ks_results_init(const struct nis5g_model *m, const struct nis5g_ks_scenario *sc, size_t n,
                            struct nis5g_ks_result *res)
{
    uint32_t nv = m->vendors.n, nops = m->operators.n, nreg = m->regions.n;
    uint64_t *active = nis5g_xcalloc(nv ? nv : 1, sizeof *active);
    for (uint32_t e = 0; e < m->n_elements; e++)
        if (m->el_status[e] == NIS5G_ST_ACTIVE)
            active[m->el_vendor[e]]++;
    for (size_t s = 0; s < n; s++) {
        struct nis5g_ks_result *r = &res[s];
        memset(r, 0, sizeof *r);
        r->op_sites_lost = nis5g_xcalloc(nops ? nops : 1, sizeof *r->op_sites_lost);
        r->op_subs_lost = nis5g_xcalloc(nops ? nops : 1, sizeof *r->op_subs_lost);
        r->reg_sites_lost = nis5g_xcalloc((size_t)nreg + 1, sizeof *r->reg_sites_lost);
        r->reg_subs_lost = nis5g_xcalloc((size_t)nreg + 1, sizeof *r->reg_subs_lost);
        for (size_t k = 0; k < sc[s].n_vendors; k++) {
            int dup = 0;
            for (size_t j = 0; j < k; j++)
                dup |= sc[s].vendors[j] == sc[s].vendors[k];
            if (!dup && sc[s].vendors[k] < nv)
                r->elements_failed += active[sc[s].vendors[k]];
        }
    }
    free(active);
}

/* The radio sites that lose service in the pass's scenarios (bits of
 * valid), added to res[bit]. */
static void ks_sites_lost(const struct nis5g_model *m, const struct nis5g_radio_sites *rs, const uint64_t *w,
                          uint64_t valid, struct nis5g_ks_result *res)
{
    uint32_t nreg = m->regions.n;
    for (uint32_t i = 0; i < rs->n; i++) {
        if (!rs->base[i])
            continue;
        uint64_t lost = ~nis5g_radio_site_service(rs, i, w) & valid;
        if (!lost)
            continue;
        uint32_t site = rs->site[i];
        int64_t subs = nis5g_site_subs(m, site);
        uint16_t op = m->site_operator[site];
        uint32_t reg = m->site_region[site] == NIS5G_NONE ? nreg : m->site_region[site];
        while (lost) {
            struct nis5g_ks_result *r = &res[__builtin_ctzll(lost)];
            lost &= lost - 1;
            r->sites_lost++;
            r->subs_lost += subs;
            r->op_sites_lost[op]++;
            r->op_subs_lost[op] += subs;
            r->reg_sites_lost[reg]++;
            r->reg_subs_lost[reg] += subs;
        }
    }
}

/* Collateral elements of the pass's cnt scenarios, per domain, in
 * byte-wide counters flushed before they can overflow (255 adds). */
static void ks_collateral(const struct nis5g_model *m, const struct nis5g_radio_sites *rs, const uint64_t *w,
                          const uint64_t *vmask, const uint16_t *vend, const uint8_t *dom, size_t cnt,
                          struct nis5g_ks_result *res)
{
    uint64_t valid = cnt == 64 ? ~0ull : (1ull << cnt) - 1;
    uint64_t acc[NIS5G_DOM_COUNT][8], tot[NIS5G_DOM_COUNT][64];
    memset(acc, 0, sizeof acc);
    memset(tot, 0, sizeof tot);
    unsigned nb = (unsigned)(cnt + 7) / 8, since = 0;
    for (uint32_t i = 0; i <= m->n_elements; i++) {
        if (since == 255 || i == m->n_elements) {
            for (int d = 0; d < NIS5G_DOM_COUNT; d++)
                for (unsigned b = 0; b < nb; b++) {
                    for (unsigned l = 0; l < 8; l++)
                        tot[d][b * 8 + l] += (acc[d][b] >> (8 * l)) & 0xffu;
                    acc[d][b] = 0;
                }
            since = 0;
            if (i == m->n_elements)
                break;
        }
        since++;
        uint64_t x = rs->base_works[i] ? ~w[i] & ~vmask[vend[i]] & valid : 0;
        if (x)
            for (unsigned b = 0; b < nb; b++)
                acc[dom[i]][b] += spread8[(x >> (8 * b)) & 0xffu];
    }
    for (size_t s = 0; s < cnt; s++)
        for (int d = 0; d < NIS5G_DOM_COUNT; d++) {
            res[s].collateral_dom[d] = tot[d][s];
            res[s].collateral += tot[d][s];
        }
}

void nis5g_killswitch_run(const struct nis5g_model *m, struct nis5g_radio_sites *rs,
                          const struct nis5g_ks_scenario *sc, size_t n, struct nis5g_ks_result *res,
                          nis5g_progress_fn progress, void *progress_ctx)
{
    uint32_t nv = m->vendors.n;
    static pthread_once_t once = PTHREAD_ONCE_INIT;
    pthread_once(&once, spread8_init);
    uint64_t *w = nis5g_xmalloc((m->n_elements ? m->n_elements : 1) * sizeof *w);
    uint64_t *vmask = nis5g_xcalloc(nv ? nv : 1, sizeof *vmask);
    ks_results_init(m, sc, n, res);

    /* Vendor and domain by position, so that each pass reads sequentially. */
    const struct nis5g_service_prog *pg = &rs->prog;
    uint16_t *vend = nis5g_xmalloc((m->n_elements ? m->n_elements : 1) * sizeof *vend);
    uint8_t *dom = nis5g_xmalloc(m->n_elements ? m->n_elements : 1);
    for (uint32_t i = 0; i < m->n_elements; i++) {
        vend[i] = m->el_vendor[pg->el[i]];
        dom[i] = m->el_domain[pg->el[i]];
    }

    for (size_t base = 0; base < n; base += 64) {
        size_t cnt = n - base < 64 ? n - base : 64;
        memset(vmask, 0, (nv ? nv : 1) * sizeof *vmask);
        for (size_t s = 0; s < cnt; s++)
            for (size_t k = 0; k < sc[base + s].n_vendors; k++)
                if (sc[base + s].vendors[k] < nv)
                    vmask[sc[base + s].vendors[k]] |= 1ull << s;
        /* Without a baseline yet: bit 63 (no vendor fails) gives it, when
         * this pass has a spare bit; else one pass of its own first. */
        if (!rs->have_base && cnt == 64) {
            memset(w, 0, (m->n_elements ? m->n_elements : 1) * sizeof *w);
            nis5g_service_prog_eval(pg, w);
            nis5g_radio_sites_set_baseline(m, rs, w, 0);
        }
        nis5g_service_prog_eval_classes(pg, w, vend, vmask);
        if (!rs->have_base)
            nis5g_radio_sites_set_baseline(m, rs, w, 63);
        uint64_t valid = cnt == 64 ? ~0ull : (1ull << cnt) - 1;
        ks_sites_lost(m, rs, w, valid, res + base);
        ks_collateral(m, rs, w, vmask, vend, dom, cnt, res + base);
        if (progress)
            progress(progress_ctx, "kill-switch", base + cnt, n);
    }
    if (!rs->have_base) { /* no scenario at all */
        memset(w, 0, (m->n_elements ? m->n_elements : 1) * sizeof *w);
        nis5g_service_prog_eval(pg, w);
        nis5g_radio_sites_set_baseline(m, rs, w, 0);
    }
    free(dom);
    free(vend);
    free(vmask);
    free(w);
}

void nis5g_ks_result_release(struct nis5g_ks_result *r)
{
    free(r->op_sites_lost);
    free(r->op_subs_lost);
    free(r->reg_sites_lost);
    free(r->reg_subs_lost);
    memset(r, 0, sizeof *r);
}

/* ---- explain ----------------------------------------------------------- */

static int in_scenario(const struct nis5g_ks_scenario *sc, uint16_t v)
{
    for (size_t k = 0; k < sc->n_vendors; k++)
        if (sc->vendors[k] == v)
            return 1;
    return 0;
}

static int is_ru(const struct nis5g_model *m, uint32_t e)
{
    return strcmp(nis5g_dict_str(&m->functions, m->el_function[e]), "RU") == 0;
}

static void name_el(const struct nis5g_model *m, uint32_t e, struct nis5g_buf *out)
{
    nis5g_buf_addf(out, "%s '%s'", nis5g_dict_str(&m->functions, m->el_function[e]),
                   nis5g_dict_str(&m->elements, e));
}

static int explain_walk(const struct nis5g_model *m, const struct nis5g_ks_scenario *sc, const uint64_t *w,
                        uint32_t start, struct nis5g_buf *out, struct nis5g_err *err);

/* Bit 0: works at baseline; bit 1: works in the scenario. By element. */
static uint64_t *eval_two(const struct nis5g_model *m, const struct nis5g_ks_scenario *sc)
{
    uint64_t *w = nis5g_xcalloc(m->n_elements ? m->n_elements : 1, sizeof *w);
    for (uint32_t e = 0; e < m->n_elements; e++)
        w[e] = in_scenario(sc, m->el_vendor[e]) ? 2u : 0u;
    nis5g_service_eval(m, w);
    return w;
}

int nis5g_killswitch_explain(const struct nis5g_model *m, const struct nis5g_ks_scenario *sc, uint32_t site,
                             struct nis5g_buf *out, struct nis5g_err *err)
{
    uint64_t *w = eval_two(m, sc);

    /* A radio of the site that worked at baseline; with the site lost, it
     * does not work in the scenario. */
    uint32_t start = NIS5G_NONE;
    int radio_seen = 0, served = 0;
    for (uint32_t e = 0; e < m->n_elements; e++) {
        if (m->el_site[e] != site || m->el_status[e] != NIS5G_ST_ACTIVE ||
            !nis5g_model_is_radio_function(m, m->el_function[e]))
            continue;
        radio_seen = 1;
        if (w[e] & 2u)
            served = 1;
        /* Prefer an RU: its chain goes through the gNB it hangs on. */
        if ((w[e] & 1u) && (start == NIS5G_NONE || (!is_ru(m, start) && is_ru(m, e))))
            start = e;
    }
    const char *sname = nis5g_dict_str(&m->sites, site);
    if (!radio_seen) {
        free(w);
        return nis5g_err_set(err, NIS5G_ENOTFOUND, "not a radio site: '%s'", sname);
    }
    if (start == NIS5G_NONE) {
        free(w);
        return nis5g_err_set(err, NIS5G_ENOTFOUND, "site has no service even with nothing failed: '%s'", sname);
    }
    if (served) {
        free(w);
        return nis5g_err_set(err, NIS5G_ENOTFOUND, "site keeps service in this scenario: '%s'", sname);
    }

    int rc = explain_walk(m, sc, w, start, out, err);
    free(w);
    return rc;
}

size_t nis5g_killswitch_lost_sites(const struct nis5g_model *m, const struct nis5g_radio_sites *rs,
                                   const struct nis5g_ks_scenario *sc, size_t max, uint32_t *sites, char **chains)
{
    if (!max)
        return 0;
    uint64_t *w = eval_two(m, sc);
    size_t n = 0;
    for (uint32_t i = 0; i < rs->n && n < max; i++) {
        if (!rs->base[i])
            continue;
        uint32_t start = NIS5G_NONE;
        int served = 0;
        for (uint32_t k = rs->off[i]; k < rs->off[i + 1]; k++) {
            uint32_t e = rs->prog.el[rs->radio[k]];
            served |= (w[e] & 2u) != 0;
            if ((w[e] & 1u) && (start == NIS5G_NONE || (!is_ru(m, start) && is_ru(m, e))))
                start = e;
        }
        if (served || start == NIS5G_NONE)
            continue;
        struct nis5g_buf b = NIS5G_BUF_INIT;
        if (explain_walk(m, sc, w, start, &b, NULL) != NIS5G_OK) {
            nis5g_buf_release(&b);
            continue;
        }
        sites[n] = rs->site[i];
        chains[n] = nis5g_buf_detach(&b, NULL);
        n++;
    }
    free(w);
    return n;
}

/* Append the chain from radio `start` (working at baseline, bit 0 of w,
 * and not in the scenario, bit 1) down to failed equipment. */
static int explain_walk(const struct nis5g_model *m, const struct nis5g_ks_scenario *sc, const uint64_t *w,
                        uint32_t start, struct nis5g_buf *out, struct nis5g_err *err)
{
    /* Walk down: e worked at baseline and not now. Either its own vendor
     * failed (the root), or one of its required links or pools that was met
     * at baseline is not met now; follow a member that worked at baseline. */
    uint32_t e = start;
    name_el(m, e, out);
    for (;;) {
        if (in_scenario(sc, m->el_vendor[e])) {
            nis5g_buf_addf(out, " (from %s)", nis5g_dict_str(&m->vendors, m->el_vendor[e]));
            break;
        }
        uint32_t next = NIS5G_NONE;
        uint32_t k = m->dep_off[e], end = m->dep_off[e + 1];
        for (; k < end && m->dep_group[k] == NIS5G_NONE; k++)
            if (!(w[m->dep[k]] & 2u)) {
                next = m->dep[k];
                break;
            }
        if (next != NIS5G_NONE) {
            nis5g_buf_adds(out, " ← ");
            name_el(m, next, out);
            e = next;
            continue;
        }
        while (k < end) {
            uint32_t g = m->dep_group[k], k0 = k;
            uint64_t any = 0;
            for (; k < end && m->dep_group[k] == g; k++)
                any |= w[m->dep[k]];
            if (any & 2u)
                continue;
            /* This pool is down. Describe it, then follow a member that
             * worked at baseline and is not itself a failed vendor's, if any. */
            int all_failed = 1, first = 1;
            uint16_t v0 = m->el_vendor[m->dep[k0]];
            uint32_t follow = NIS5G_NONE;
            for (uint32_t j = k0; j < k; j++) {
                uint32_t d = m->dep[j];
                if (!(w[d] & 1u))
                    continue;
                if (!in_scenario(sc, m->el_vendor[d]) || m->el_vendor[d] != v0)
                    all_failed = 0;
                if (!in_scenario(sc, m->el_vendor[d]) && follow == NIS5G_NONE)
                    follow = d;
            }
            nis5g_buf_addf(out, " ← %s pool '%s'", nis5g_dict_str(&m->functions, m->el_function[m->dep[k0]]),
                           nis5g_dict_str(&m->groups, g));
            if (all_failed && follow == NIS5G_NONE) {
                nis5g_buf_addf(out, " (every member from %s:", nis5g_dict_str(&m->vendors, v0));
                for (uint32_t j = k0; j < k; j++)
                    if (w[m->dep[j]] & 1u) {
                        nis5g_buf_addf(out, "%s '%s'", first ? "" : ",", nis5g_dict_str(&m->elements, m->dep[j]));
                        first = 0;
                    }
                nis5g_buf_adds(out, ")");
                return NIS5G_OK;
            }
            if (follow == NIS5G_NONE) {
                /* Every working member is from a failed vendor, several vendors. */
                nis5g_buf_adds(out, " (every member from a failed vendor:");
                for (uint32_t j = k0; j < k; j++)
                    if (w[m->dep[j]] & 1u) {
                        nis5g_buf_addf(out, "%s '%s' %s", first ? "" : ",", nis5g_dict_str(&m->elements, m->dep[j]),
                                       nis5g_dict_str(&m->vendors, m->el_vendor[m->dep[j]]));
                        first = 0;
                    }
                nis5g_buf_adds(out, ")");
                return NIS5G_OK;
            }
            nis5g_buf_adds(out, ": ");
            name_el(m, follow, out);
            next = follow;
            break;
        }
        if (next == NIS5G_NONE)
            return nis5g_err_set(err, NIS5G_EINTERNAL, "no failed dependency found below '%s'",
                                 nis5g_dict_str(&m->elements, e));
        e = next;
    }
    return NIS5G_OK;
}
