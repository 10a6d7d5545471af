/*
 * risk-indicators.c — the figures the risk method scores (docs/risk-method.md
 * §2), computed from a model for the nation and every operator at once: one
 * pass over the elements (asset classes, high-risk suppliers, products,
 * diversity, radios per site), one over the sites (backup power, radio
 * exposure, subscribers), then the optional kill-switch, Monte Carlo and
 * policy results and the measure statuses.
 */
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "nis5g/buf.h"
#include "nis5g/date.h"
#include "nis5g/risk.h"

static const double mvalue[NIS5G_MS_COUNT] = { [NIS5G_MS_NONE] = 0, [NIS5G_MS_PLANNED] = 0,
                                               [NIS5G_MS_PARTIAL] = 0.5, [NIS5G_MS_IMPLEMENTED] = 1 };

static const char *keep(struct nis5g_risk_data *d, char *s)
{
    d->strings = nis5g_xreallocarray(d->strings, d->n_strings + 1, sizeof *d->strings);
    d->strings[d->n_strings++] = s;
    return s;
}

/* The scratch of one computation, shared by its steps and freed at the
 * end by ind_release. */
struct ind {
    struct nis5g_model *m;
    const struct nis5g_catalog *c;
    const uint8_t *vendor_risk;
    struct nis5g_risk_data *out;
    uint32_t nops, nv, nsites;
    size_t ns, nk, nm; /* scopes (the nation, then each operator), asset classes, measures */
    uint8_t *cls;      /* asset class per element, UINT8_MAX none */
    uint8_t *pq;       /* per product row: bit 0 past end of support, bit 1 critical vulns, bit 2 certified */
    uint32_t *prow;    /* product row by products id */
    uint8_t *present;  /* scope × vendor: vendor active in scope */
    uint64_t *dom;     /* op × {ran, core} × vendor: active elements */
    uint16_t *site_vendor; /* the one radio vendor of a site, NIS5G_NONE16 none */
    uint8_t *site_mixed;   /* radios of several vendors */
    uint8_t *radio_fn;     /* functions that are radios */
    double *op_w;  /* by scope: weight of its radio sites */
    double *expo;  /* by scope × vendor: single-vendor radio sites */
    double *low_w; /* by scope: weight of radio sites with low backup */
    double W;      /* the nation's weight */
};

/* The output's arrays, and its country: the operators' country; a
 * workspace holding several states' operators is scored as one whole,
 * labelled "all". */
static void ind_start(struct ind *x)
{
    struct nis5g_model *m = x->m;
    struct nis5g_risk_data *out = x->out;
    size_t ns = x->ns, nk = x->nk, nm = x->nm, nv = x->nv;
    memset(out, 0, sizeof *out);
    out->n_scopes = ns;
    out->in = nis5g_xcalloc(ns, sizeof *out->in);
    out->class_n = nis5g_xcalloc(ns * nk + 1, sizeof *out->class_n);
    out->class_hr = nis5g_xcalloc(ns * nk + 1, sizeof *out->class_hr);
    out->measure_value = nis5g_xcalloc(ns * nm + 1, sizeof *out->measure_value);
    out->vendor_loss = nis5g_xcalloc(ns * nv + 1, sizeof *out->vendor_loss);
    out->n_vendors = nv;
    if (x->nops)
        memcpy(out->country, nis5g_dict_str(&m->countries, m->op_country[0]), 2);
    for (uint32_t o = 1; o < x->nops; o++)
        if (m->op_country[o] != m->op_country[0]) {
            memcpy(out->country, "all", 4);
            break;
        }
}

/* Lookup tables for the element pass: asset classes, product quality,
 * product rows (a name shared by two vendors falls back to the model's
 * scan), radio functions; and the zeroed tallies. */
static void ind_tables(struct ind *x)
{
    struct nis5g_model *m = x->m;
    nis5g_catalog_classify(x->c, m, &x->cls);
    x->pq = nis5g_xcalloc(m->n_products + 1, 1);
    for (uint32_t p = 0; p < m->n_products; p++)
        x->pq[p] = (uint8_t)((m->prod_end_of_support[p] != NIS5G_NO_DATE && m->prod_end_of_support[p] < m->as_of) |
                             (m->prod_critical_vulns[p] > 0) << 1 |
                             (m->prod_cert_off[p + 1] > m->prod_cert_off[p]) << 2);
    x->prow = nis5g_xmalloc(((size_t)m->products.n + 1) * sizeof *x->prow);
    for (uint32_t p = 0; p < m->products.n; p++)
        x->prow[p] = NIS5G_NONE;
    for (uint32_t p = m->n_products; p-- > 0;)
        x->prow[m->prod_name[p]] = p;
    x->present = nis5g_xcalloc(x->ns * x->nv + 1, 1);
    x->dom = nis5g_xcalloc((size_t)x->nops * 2 * x->nv + 1, sizeof *x->dom);
    x->site_vendor = nis5g_xmalloc(((size_t)x->nsites + 1) * sizeof *x->site_vendor);
    x->site_mixed = nis5g_xcalloc((size_t)x->nsites + 1, 1);
    for (uint32_t s = 0; s < x->nsites; s++)
        x->site_vendor[s] = NIS5G_NONE16;
    x->radio_fn = nis5g_xcalloc((size_t)m->functions.n + 1, 1);
    for (uint32_t f = 0; f < m->functions.n; f++)
        x->radio_fn[f] = (uint8_t)nis5g_model_is_radio_function(m, (uint16_t)f);
}

/* One active element, counted in the nation and in its operator. */
static void ind_element(struct ind *x, uint32_t e)
{
    struct nis5g_model *m = x->m;
    struct nis5g_risk_data *out = x->out;
    size_t nv = x->nv, nk = x->nk;
    uint16_t op = m->el_operator[e], v = m->el_vendor[e];
    int hr = x->vendor_risk[v] == NIS5G_RISK_HIGH;
    uint32_t row = NIS5G_NONE;
    if (m->el_product && m->el_product[e] != NIS5G_NONE) {
        row = x->prow[m->el_product[e]];
        if (row != NIS5G_NONE && m->prod_vendor[row] != v)
            row = nis5g_model_product_row(m, v, m->el_product[e]);
    }
    uint8_t q = row == NIS5G_NONE ? 0 : x->pq[row];
    int eos = q & 1, vuln = q >> 1 & 1, uncert = !(q >> 2 & 1);
    size_t sc[2] = { 0, 1 + (size_t)op };
    uint8_t cl = x->cls[e];
    int sens = cl == UINT8_MAX ? 0 : x->c->classes[cl].sensitivity;
    for (int j = 0; j < 2; j++) {
        struct nis5g_risk_inputs *in = &out->in[sc[j]];
        in->n_active++;
        x->present[sc[j] * nv + v] = 1;
        if (cl != UINT8_MAX) {
            out->class_n[sc[j] * nk + cl]++;
            out->class_hr[sc[j] * nk + cl] += (uint64_t)hr;
        }
        in->q_eos += (uint64_t)eos;
        in->q_vuln += (uint64_t)vuln;
        in->q_uncert += (uint64_t)uncert;
        in->q_any += (uint64_t)(eos | vuln | uncert);
        if (sens == NIS5G_SENS_CRITICAL) {
            in->n_critical++;
            in->hr_critical += (uint64_t)hr;
            in->vuln_critical += (uint64_t)vuln;
        } else if (sens == NIS5G_SENS_SENSITIVE) {
            in->n_sensitive++;
            in->vuln_sensitive += (uint64_t)vuln;
        }
        if (m->el_domain[e] == NIS5G_DOM_EDGE) {
            in->n_edge++;
            in->edge_weak += (uint64_t)(uncert | vuln);
        }
    }
    if (m->el_domain[e] == NIS5G_DOM_RAN || m->el_domain[e] == NIS5G_DOM_CORE)
        x->dom[((size_t)op * 2 + (m->el_domain[e] == NIS5G_DOM_CORE)) * nv + v]++;
    uint32_t s = m->el_site[e];
    if (s != NIS5G_NONE && x->radio_fn[m->el_function[e]]) {
        if (x->site_vendor[s] == NIS5G_NONE16)
            x->site_vendor[s] = v;
        else if (x->site_vendor[s] != v)
            x->site_mixed[s] = 1;
    }
}

/* Sites: subscribers of radio sites weigh every loss; without any, each
 * radio site weighs 1 (docs/risk-method.md §2.1). */
static void ind_sites(struct ind *x)
{
    struct nis5g_model *m = x->m;
    size_t ns = x->ns, nv = x->nv;
    int64_t total_subs = 0;
    for (uint32_t s = 0; s < x->nsites; s++)
        if (x->site_vendor[s] != NIS5G_NONE16)
            total_subs += nis5g_site_subs(m, s);
    x->op_w = nis5g_xcalloc(ns, sizeof *x->op_w);
    x->expo = nis5g_xcalloc(ns * nv + 1, sizeof *x->expo);
    x->low_w = nis5g_xcalloc(ns, sizeof *x->low_w);
    for (uint32_t s = 0; s < x->nsites; s++) {
        if (x->site_vendor[s] == NIS5G_NONE16)
            continue;
        double w = total_subs > 0 ? (double)nis5g_site_subs(m, s) : 1.0;
        double bh = m->site_backup_hours[s];
        int low = isnan(bh) || bh < NIS5G_RISK_BACKUP_HOURS;
        size_t sc[2] = { 0, 1 + (size_t)m->site_operator[s] };
        for (int j = 0; j < 2; j++) {
            struct nis5g_risk_inputs *in = &x->out->in[sc[j]];
            in->radio_sites++;
            x->op_w[sc[j]] += w;
            if (low) {
                in->low_backup_sites++;
                x->low_w[sc[j]] += w;
            }
            if (!x->site_mixed[s])
                x->expo[sc[j] * nv + x->site_vendor[s]] += w;
        }
    }
    x->W = x->op_w[0];
    x->out->weight = x->W;
}

/* Scale: the largest operator nationally, an operator's own share else. */
static void scope_scale(const struct ind *x, size_t k, struct nis5g_risk_inputs *in)
{
    double W = x->W;
    if (k == 0) {
        for (uint32_t o = 0; o < x->nops; o++)
            if (W > 0 && (!in->scale_operator || x->op_w[1 + o] / W > in->scale)) {
                in->scale = x->op_w[1 + o] / W;
                in->scale_operator = nis5g_dict_str(&x->m->operators, o);
            }
    } else {
        in->scale = W > 0 ? x->op_w[k] / W : 0;
        in->scale_operator = in->scope;
    }
}

/* Diversity: the worst (operator, domain) in scope. */
static void scope_diversity(const struct ind *x, size_t k, struct nis5g_risk_inputs *in)
{
    size_t nv = x->nv;
    in->div_domain = -1;
    for (uint32_t o = 0; o < x->nops; o++) {
        if (k && k != 1 + (size_t)o)
            continue;
        for (int d2 = 0; d2 < 2; d2++) {
            const uint64_t *row = x->dom + ((size_t)o * 2 + (size_t)d2) * nv;
            uint64_t tot = 0, best = 0;
            uint32_t bv = 0;
            for (uint32_t v = 0; v < nv; v++) {
                tot += row[v];
                if (row[v] > best) {
                    best = row[v];
                    bv = v;
                }
            }
            double sh = tot ? (double)best / (double)tot : 0;
            if (tot && (in->div_domain < 0 || sh > in->div_max)) {
                in->div_max = sh;
                in->div_domain = d2 ? NIS5G_DOM_CORE : NIS5G_DOM_RAN;
                in->div_vendor = nis5g_dict_str(&x->m->vendors, bv);
                in->div_operator = nis5g_dict_str(&x->m->operators, o);
            }
        }
    }
}

/* Single-vendor failure: the kill-switch's losses when given, else the
 * single-vendor radio sites. */
static void scope_vendor_loss(const struct ind *x, size_t k, const struct nis5g_risk_extra *extra,
                              struct nis5g_risk_inputs *in)
{
    size_t nv = x->nv;
    double W = x->W;
    in->ks_from_killswitch = extra->ks_subs != NULL;
    double *vl = x->out->vendor_loss + k * nv;
    for (uint32_t v = 0; v < nv; v++) {
        double lost;
        if (extra->ks_subs)
            lost = (double)(k == 0 ? extra->ks_subs[v] : extra->ks_op_subs[(size_t)v * x->nops + (k - 1)]);
        else
            lost = x->expo[k * nv + v];
        double sh = W > 0 ? lost / W : 0;
        vl[v] = sh;
        if (sh > 0 && sh > in->ks_max) {
            in->ks_max = sh;
            in->ks_vendor = nis5g_dict_str(&x->m->vendors, v);
        }
        if (sh > 0 && x->vendor_risk[v] == NIS5G_RISK_HIGH && sh > in->ks_hr) {
            in->ks_hr = sh;
            in->ks_hr_vendor = nis5g_dict_str(&x->m->vendors, v);
        }
    }
}

/* The inputs of scope k (0 the nation, 1 + o operator o). */
static void ind_scope(struct ind *x, size_t k, const struct nis5g_risk_extra *extra)
{
    struct nis5g_model *m = x->m;
    struct nis5g_risk_data *out = x->out;
    size_t nk = x->nk;
    double W = x->W;
    struct nis5g_risk_inputs *in = &out->in[k];
    in->national = k == 0;
    in->scope = k == 0 ? out->country : nis5g_dict_str(&m->operators, (uint32_t)(k - 1));
    in->n_classes = nk;
    in->class_n = out->class_n + k * nk;
    in->class_hr = out->class_hr + k * nk;
    in->measure_value = out->measure_value + k * x->nm;
    in->low_backup_subs = W > 0 ? x->low_w[k] / W : 0;

    double num = 0, den = 0;
    for (size_t j = 0; j < nk; j++) {
        num += (double)x->c->classes[j].sensitivity * (double)in->class_hr[j];
        den += (double)x->c->classes[j].sensitivity * (double)in->class_n[j];
    }
    in->hr_weighted = den > 0 ? num / den : 0;

    struct nis5g_buf b = NIS5G_BUF_INIT;
    nis5g_buf_adds(&b, "");
    for (uint32_t v = 0; v < x->nv; v++)
        if (x->present[k * x->nv + v] && x->vendor_risk[v] == NIS5G_RISK_HIGH)
            nis5g_buf_addf(&b, "%s%s", b.len ? ", " : "", nis5g_dict_str(&m->vendors, v));
    in->hr_vendors = keep(out, nis5g_buf_detach(&b, NULL));

    scope_scale(x, k, in);
    scope_diversity(x, k, in);
    scope_vendor_loss(x, k, extra, in);

    /* Monte Carlo */
    if (extra->have_mc) {
        in->have_mc = 1;
        in->mc_trials = extra->mc_trials;
        double p = (double)(k == 0 ? extra->mc_p95 : extra->mc_op_p95[k - 1]);
        in->mc_p95 = W > 0 ? p / W : 0;
    }

    /* Policy */
    if (extra->have_policy) {
        in->have_policy = 1;
        in->policy_rules_violated = extra->policy_rules_violated;
        in->policy_violations = k == 0 ? extra->policy_violations : extra->policy_op_violations[k - 1];
    }
}

/* Measures: an operator's own status, else its state's; nationally the
 * mean over operators weighted by their radio sites' subscribers. */
static void ind_measures(struct ind *x, const uint8_t *op_status, const uint8_t *country_status)
{
    struct nis5g_model *m = x->m;
    double *mv = x->out->measure_value;
    size_t nm = x->nm;
    uint32_t nops = x->nops;
    double W = x->W;
    for (uint32_t o = 0; o < nops; o++)
        for (size_t j = 0; j < nm; j++) {
            uint8_t st = op_status ? op_status[(size_t)o * nm + j] : NIS5G_MS_UNSET;
            if (st == NIS5G_MS_UNSET && country_status)
                st = country_status[(size_t)m->op_country[o] * nm + j];
            mv[(1 + (size_t)o) * nm + j] = st < NIS5G_MS_COUNT ? mvalue[st] : 0;
        }
    double wsum = 0;
    for (uint32_t o = 0; o < nops; o++)
        wsum += W > 0 ? x->op_w[1 + o] : 1;
    for (size_t j = 0; j < nm; j++) {
        double v = 0;
        for (uint32_t o = 0; o < nops; o++)
            v += (W > 0 ? x->op_w[1 + o] : 1) * mv[(1 + (size_t)o) * nm + j];
        if (wsum > 0)
            v /= wsum;
        else if (country_status && m->countries.n) {
            uint8_t st = country_status[j]; /* no operator: the first country's own status */
            v = st < NIS5G_MS_COUNT ? mvalue[st] : 0;
        }
        mv[j] = v;
    }
}

static void ind_release(struct ind *x)
{
    free(x->cls);
    free(x->pq);
    free(x->prow);
    free(x->present);
    free(x->dom);
    free(x->site_vendor);
    free(x->site_mixed);
    free(x->radio_fn);
    free(x->op_w);
    free(x->expo);
    free(x->low_w);
}

void nis5g_risk_indicators(struct nis5g_model *m, const struct nis5g_catalog *c, const uint8_t *vendor_risk,
                           const uint8_t *op_status, const uint8_t *country_status,
                           const struct nis5g_risk_extra *extra, struct nis5g_risk_data *out)
{
    static const struct nis5g_risk_extra none = { 0 };
    if (!extra)
        extra = &none;
    struct ind x = { .m = m, .c = c, .vendor_risk = vendor_risk, .out = out };
    x.nops = m->operators.n;
    x.nv = m->vendors.n;
    x.nsites = m->sites.n;
    x.ns = 1 + (size_t)x.nops;
    x.nk = c->n_classes;
    x.nm = c->n_measures;
    ind_start(&x);
    ind_tables(&x);
    for (uint32_t e = 0; e < m->n_elements; e++)
        if (m->el_status[e] == NIS5G_ST_ACTIVE)
            ind_element(&x, e);
    ind_sites(&x);
    for (size_t k = 0; k < x.ns; k++)
        ind_scope(&x, k, extra);
    ind_measures(&x, op_status, country_status);
    ind_release(&x);
}

void nis5g_risk_data_release(struct nis5g_risk_data *d)
{
    free(d->in);
    free(d->class_n);
    free(d->class_hr);
    free(d->measure_value);
    free(d->vendor_loss);
    for (size_t i = 0; i < d->n_strings; i++)
        free(d->strings[i]);
    free(d->strings);
    memset(d, 0, sizeof *d);
}
