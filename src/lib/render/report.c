/*
 * report.c — the national risk assessment report: the figures as one JSON
 * document (vendor shares, suppliers, high-risk exposure, risk scores,
 * measures, and the resilience and policy results when they were run), and
 * report.html, which inlines that JSON with the page, its script and the
 * charting library into one file that opens offline.
 */
#include <errno.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include <jansson.h>

#include "nis5g/buf.h"
#include "nis5g/date.h"
#include "nis5g/policy.h"
#include "nis5g/report.h"
#include "nis5g/version.h"

#ifndef NIS5G_DATADIR
#define NIS5G_DATADIR "data"
#endif

/* ---- JSON ---- */

static json_t *vendor_shares(const struct nis5g_assessment *a)
{
    const struct nis5g_model *m = a->m;
    uint32_t nops = m->operators.n, nv = m->vendors.n;
    /* (operator + 1 for the nation) × domain × vendor */
    size_t n = ((size_t)nops + 1) * NIS5G_DOM_COUNT * nv;
    uint64_t *cnt = nis5g_xcalloc(n + 1, sizeof *cnt);
    for (uint32_t e = 0; e < m->n_elements; e++) {
        if (m->el_status[e] != NIS5G_ST_ACTIVE)
            continue;
        size_t d = m->el_domain[e], v = m->el_vendor[e];
        cnt[(0 * NIS5G_DOM_COUNT + d) * nv + v]++;
        cnt[(((size_t)m->el_operator[e] + 1) * NIS5G_DOM_COUNT + d) * nv + v]++;
    }
    json_t *out = json_array();
    for (size_t o = 0; o <= nops; o++)
        for (size_t d = 0; d < NIS5G_DOM_COUNT; d++) {
            const uint64_t *row = cnt + (o * NIS5G_DOM_COUNT + d) * nv;
            uint64_t tot = 0;
            for (uint32_t v = 0; v < nv; v++)
                tot += row[v];
            if (!tot)
                continue;
            json_t *vs = json_array();
            /* largest first; ties by vendor id */
            uint8_t *done = nis5g_xcalloc(nv + 1, 1);
            for (;;) {
                uint32_t best = UINT32_MAX;
                for (uint32_t v = 0; v < nv; v++)
                    if (!done[v] && row[v] && (best == UINT32_MAX || row[v] > row[best]))
                        best = v;
                if (best == UINT32_MAX)
                    break;
                done[best] = 1;
                json_array_append_new(vs, json_pack("{s:s, s:s, s:I, s:f}", "vendor",
                                                    nis5g_dict_str(&m->vendors, best), "risk",
                                                    nis5g_risk_names[a->vendor_risk[best]], "elements",
                                                    (json_int_t)row[best], "share",
                                                    (double)row[best] / (double)tot));
            }
            free(done);
            json_array_append_new(out, json_pack("{s:o, s:s, s:I, s:o}", "operator",
                                                 o ? json_string(nis5g_dict_str(&m->operators, (uint32_t)(o - 1)))
                                                   : json_null(),
                                                 "domain", nis5g_domain_names[d], "elements", (json_int_t)tot,
                                                 "vendors", vs));
        }
    free(cnt);
    return out;
}

static json_t *suppliers(const struct nis5g_assessment *a)
{
    const struct nis5g_model *m = a->m;
    uint64_t *act = nis5g_xcalloc((size_t)m->vendors.n + 1, sizeof *act);
    for (uint32_t e = 0; e < m->n_elements; e++)
        act[m->el_vendor[e]] += m->el_status[e] == NIS5G_ST_ACTIVE;
    json_t *out = json_array();
    for (uint32_t v = 0; v < m->vendors.n; v++)
        json_array_append_new(out, json_pack("{s:s, s:o, s:s, s:s, s:I}", "vendor", nis5g_dict_str(&m->vendors, v),
                                             "country",
                                             m->sup_country[v] != NIS5G_NONE
                                                 ? json_string(nis5g_dict_str(&m->countries, m->sup_country[v]))
                                                 : json_null(),
                                             "risk", nis5g_risk_names[a->vendor_risk[v]], "why", a->vendor_why[v],
                                             "active_elements", (json_int_t)act[v]));
    free(act);
    return out;
}

static json_t *operators(const struct nis5g_assessment *a)
{
    const struct nis5g_model *m = a->m;
    json_t *out = json_array();
    for (uint32_t o = 0; o < m->operators.n; o++) {
        const struct nis5g_risk_inputs *in = &a->data.in[1 + o];
        json_array_append_new(out, json_pack("{s:s, s:s, s:o, s:f, s:i, s:I}", "operator",
                                             nis5g_dict_str(&m->operators, o), "name",
                                             nis5g_dict_str(&m->text, m->op_name[o]), "subscribers",
                                             m->op_subscribers[o] >= 0 ? json_integer(m->op_subscribers[o])
                                                                       : json_null(),
                                             "subscriber_share", in->scale, "radio_sites", (int)in->radio_sites,
                                             "active_elements", (json_int_t)in->n_active));
    }
    return out;
}

static json_t *high_risk_by_class(const struct nis5g_assessment *a)
{
    const struct nis5g_catalog *c = a->cat;
    json_t *out = json_array();
    for (size_t k = 0; k < a->data.n_scopes; k++) {
        const struct nis5g_risk_inputs *in = &a->data.in[k];
        json_t *cl = json_array();
        for (size_t j = 0; j < in->n_classes; j++)
            json_array_append_new(cl, json_pack("{s:s, s:s, s:s, s:I, s:I, s:f}", "class", c->classes[j].id, "name",
                                                c->classes[j].name, "sensitivity",
                                                nis5g_sensitivity_names[c->classes[j].sensitivity], "elements",
                                                (json_int_t)in->class_n[j], "high_risk", (json_int_t)in->class_hr[j],
                                                "share",
                                                in->class_n[j] ? (double)in->class_hr[j] / (double)in->class_n[j]
                                                               : 0.0));
        json_array_append_new(out, json_pack("{s:s, s:s, s:o}", "scope", in->scope, "kind",
                                             in->national ? "national" : "operator", "classes", cl));
    }
    return out;
}

static json_t *measures(const struct nis5g_assessment *a)
{
    const struct nis5g_catalog *c = a->cat;
    const struct nis5g_mtable *t = &a->mt;
    json_t *cat = json_array();
    for (size_t j = 0; j < c->n_measures; j++) {
        json_t *sc = json_array();
        for (size_t i = 0; i < c->n_mapping; i++)
            if (c->mapping[i].measure == j)
                json_array_append_new(sc, json_string(c->scenarios[c->mapping[i].scenario].id));
        json_array_append_new(cat, json_pack("{s:s, s:s, s:s, s:o, s:f}", "measure", c->measures[j].code, "kind",
                                             c->measures[j].kind, "title", c->measures[j].title, "scenarios", sc,
                                             "national_value", a->data.in[0].measure_value[j]));
    }
    json_t *scopes = json_array();
    for (size_t i = 0; i < t->n_scopes; i++) {
        json_t *ms = json_array();
        for (size_t j = 0; j < t->n_measures; j++) {
            const struct nis5g_mcell *x = &t->cell[i * t->n_measures + j];
            json_array_append_new(ms, json_pack("{s:s, s:o, s:s}", "measure", c->measures[j].code, "status",
                                                x->status < NIS5G_MS_COUNT ? json_string(nis5g_mstatus_names[x->status])
                                                                           : json_null(),
                                                "source", nis5g_msource_names[x->source]));
        }
        json_array_append_new(scopes, json_pack("{s:s, s:s, s:o}", "scope", t->scope[i], "kind",
                                                t->is_country[i] ? "state" : "operator", "measures", ms));
    }
    return json_pack("{s:o, s:o}", "catalogue", cat, "scopes", scopes);
}

/* Per vendor with a loss: the share of national subscribers cut off when
 * it fails, nationally and per operator. */
static json_t *vendor_losses(const struct nis5g_assessment *a)
{
    const struct nis5g_model *m = a->m;
    const struct nis5g_risk_data *d = &a->data;
    json_t *out = json_array();
    for (uint32_t v = 0; v < d->n_vendors; v++) {
        if (!(d->vendor_loss[v] > 0))
            continue;
        json_t *ops = json_object();
        for (size_t k = 1; k < d->n_scopes; k++)
            json_object_set_new(ops, d->in[k].scope, json_real(d->vendor_loss[k * d->n_vendors + v]));
        json_array_append_new(out, json_pack("{s:s, s:s, s:f, s:o}", "vendor", nis5g_dict_str(&m->vendors, v), "risk",
                                             nis5g_risk_names[a->vendor_risk[v]], "share", d->vendor_loss[v],
                                             "operators", ops));
    }
    return json_pack("{s:s, s:o}", "source", d->in[0].ks_from_killswitch ? "killswitch" : "radio-sites", "vendors",
                     out);
}

/* The policy evaluation: every rule with its status, deadline and what
 * must still change, and the findings per operator. */
static json_t *policy(const struct nis5g_assessment *a)
{
    if (!a->check)
        return json_null();
    const struct nis5g_check *ck = a->check;
    char day[11];
    json_t *rules = json_array();
    for (size_t i = 0; i < ck->n; i++) {
        const struct nis5g_rule_result *r = &ck->r[i];
        const struct nis5g_rule *ru = r->rule;
        json_t *basis = json_array();
        for (size_t b = 0; b < ru->n_basis; b++)
            json_array_append_new(basis, json_string(ru->basis[b]));
        json_t *j = json_pack("{s:s, s:o, s:s, s:o, s:o, s:s}", "rule", ru->id, "title",
                              ru->title ? json_string(ru->title) : json_null(), "kind",
                              ru->kind < 3 ? nis5g_rule_kind_names[ru->kind] : "", "basis", basis, "severity",
                              ru->severity ? json_string(ru->severity) : json_null(), "status",
                              nis5g_rule_status_names[r->status]);
        json_object_set_new(j, "deadline", ru->deadline != NIS5G_NO_DATE
                                               ? json_string(nis5g_date_format(ru->deadline, day))
                                               : json_null());
        json_object_set_new(j, "days_left", r->status == NIS5G_RS_PENDING ? json_integer(r->days_left) : json_null());
        json_object_set_new(j, "findings", json_integer(r->findings));
        json_object_set_new(j, "must_change", json_integer(r->must_change));
        json_object_set_new(j, "where", json_sprintf("%s:%d", ru->file ? ru->file : "", ru->line));
        json_array_append_new(rules, j);
    }
    json_t *ops = json_array();
    for (uint32_t o = 0; o < a->m->operators.n; o++)
        json_array_append_new(ops, json_pack("{s:s, s:I, s:I}", "operator", nis5g_dict_str(&a->m->operators, o),
                                             "violations", (json_int_t)a->op_violations[o], "pending",
                                             (json_int_t)a->op_pending[o]));
    json_t *files = json_array();
    for (size_t i = 0; i < a->policy->n_files; i++)
        json_array_append_new(files, json_string(a->policy->files[i]));
    return json_pack("{s:o, s:s, s:I, s:I, s:I, s:o, s:o}", "files", files, "at", nis5g_date_format(ck->at, day),
                     "violations", (json_int_t)ck->n_violations, "pending", (json_int_t)ck->n_pending,
                     "findings_in_violation", (json_int_t)a->extra.policy_violations, "rules", rules, "operators",
                     ops);
}

/* Kill-switch per vendor with active equipment, largest loss first. */
static json_t *killswitch(const struct nis5g_assessment *a)
{
    if (!a->have_ks)
        return json_null();
    const struct nis5g_model *m = a->m;
    uint32_t nv = m->vendors.n, nops = m->operators.n;
    uint32_t *order = nis5g_xcalloc((size_t)nv + 1, sizeof *order);
    uint32_t n = 0;
    for (uint32_t v = 0; v < nv; v++)
        if (a->ks_elements[v])
            order[n++] = v;
    for (uint32_t i = 1; i < n; i++) { /* insertion sort: vendors are few */
        uint32_t x = order[i], j = i;
        while (j > 0 && a->ks_subs[order[j - 1]] < a->ks_subs[x]) {
            order[j] = order[j - 1];
            j--;
        }
        order[j] = x;
    }
    json_t *vs = json_array();
    const struct nis5g_risk_data *d = &a->data;
    for (uint32_t i = 0; i < n; i++) {
        uint32_t v = order[i];
        json_t *ops = json_object();
        for (uint32_t o = 0; o < nops; o++)
            json_object_set_new(ops, nis5g_dict_str(&m->operators, o),
                                json_integer(a->ks_op_subs[(size_t)v * nops + o]));
        json_array_append_new(vs, json_pack("{s:s, s:s, s:I, s:i, s:I, s:f, s:o}", "vendor",
                                            nis5g_dict_str(&m->vendors, v), "risk",
                                            nis5g_risk_names[a->vendor_risk[v]], "elements",
                                            (json_int_t)a->ks_elements[v], "sites_lost", (int)a->ks_sites[v],
                                            "subscribers_lost", (json_int_t)a->ks_subs[v], "share",
                                            d->vendor_loss[v], "operators_subscribers_lost", ops));
    }
    free(order);
    return json_pack("{s:I, s:o}", "baseline_subscribers", (json_int_t)a->radio_subs, "vendors", vs);
}

/* Monte Carlo: the distribution and a histogram of the share of national
 * subscribers without service. */
static json_t *montecarlo(const struct nis5g_assessment *a)
{
    if (!a->have_mc)
        return json_null();
    const struct nis5g_model *m = a->m;
    double W = a->data.weight; /* the method's denominator: radio-site subscribers */
    json_t *hist = json_array();
    for (int b = 0; b < NIS5G_MC_BINS; b++) {
        double lo = (double)a->mc_subs[3] * b / NIS5G_MC_BINS, hi = (double)a->mc_subs[3] * (b + 1) / NIS5G_MC_BINS;
        json_array_append_new(hist, json_pack("{s:f, s:f, s:f, s:f, s:i}", "from_subscribers", lo, "to_subscribers",
                                              hi, "from", W > 0 ? lo / W : 0.0, "to", W > 0 ? hi / W : 0.0,
                                              "trials", (int)a->mc_hist[b]));
    }
    json_t *ops = json_object();
    for (uint32_t o = 0; o < m->operators.n; o++)
        json_object_set_new(ops, nis5g_dict_str(&m->operators, o), json_integer(a->mc_op_p95[o]));
    json_t *p = json_object();
    for (int d = 0; d < NIS5G_DOM_COUNT; d++)
        json_object_set_new(p, nis5g_domain_names[d], json_real(nis5g_risk_mc_p[d]));
    return json_pack("{s:I, s:I, s:o, s:{s:f, s:I, s:I, s:I, s:I}, s:{s:f, s:I, s:I, s:I, s:I}, s:o, s:o}", "trials",
                     (json_int_t)a->mc_trials, "seed", (json_int_t)a->mc_seed, "probabilities", p, "subscribers",
                     "mean", a->mc_mean_subs, "p50", (json_int_t)a->mc_subs[0], "p95", (json_int_t)a->mc_subs[1],
                     "p99", (json_int_t)a->mc_subs[2], "max", (json_int_t)a->mc_subs[3], "radio_sites", "mean",
                     a->mc_mean_sites, "p50", (json_int_t)a->mc_sites[0], "p95", (json_int_t)a->mc_sites[1], "p99",
                     (json_int_t)a->mc_sites[2], "max", (json_int_t)a->mc_sites[3], "operators_p95_subscribers", ops,
                     "histogram", hist);
}

static json_t *method(void)
{
    return json_pack(
        "{s:s, s:{s:[f,f,f,f], s:[f,f,f,f], s:[f,f,f,f]}, s:{s:s, s:s, s:s, s:s}, s:f, s:s}", "document",
        "docs/risk-method.md", "ladders", "share", 0.0, 0.05, 0.15, 0.35, "loss", 0.01, 0.05, 0.15, 0.30, "div", 0.5,
        0.65, 0.8, 1.0, "levels", "low", "1-4", "medium", "5-9", "high", "10-16", "critical", "20-25",
        "backup_hours", NIS5G_RISK_BACKUP_HOURS, "residual",
        "residual L = max(1, L - round(2 x mean value of the likelihood measures)); residual I = max(1, I - "
        "round(mean value of the impact measures)); implemented 1, partial 0.5, planned and none 0");
}

json_t *nis5g_report_json(const struct nis5g_assessment *a)
{
    char day[11], today[11];
    const struct nis5g_risk_inputs *n = &a->data.in[0];
    json_t *j = json_object();
    json_object_set_new(j, "report", json_string("nis5g national risk assessment"));
    json_object_set_new(j, "version", json_string(NIS5G_VERSION));
    json_object_set_new(j, "country", json_string(n->scope));
    json_object_set_new(j, "as_of", json_string(nis5g_date_format(a->as_of, day)));
    json_object_set_new(j, "generated", json_string(nis5g_date_format(nis5g_date_today(), today)));
    json_object_set_new(j, "totals", json_pack("{s:i, s:I, s:i, s:f}", "operators", (int)a->m->operators.n,
                                               "active_elements", (json_int_t)n->n_active, "radio_sites",
                                               (int)n->radio_sites, "high_risk_weighted_share", n->hr_weighted));
    json_object_set_new(j, "operators", operators(a));
    json_object_set_new(j, "suppliers", suppliers(a));
    json_object_set_new(j, "vendor_shares", vendor_shares(a));
    json_object_set_new(j, "high_risk_by_class", high_risk_by_class(a));
    json_object_set_new(j, "risk", nis5g_risk_json(a, -1));
    json_object_set_new(j, "measures", measures(a));
    json_object_set_new(j, "vendor_losses", vendor_losses(a));
    json_object_set_new(j, "killswitch", killswitch(a));
    json_object_set_new(j, "montecarlo", montecarlo(a));
    json_object_set_new(j, "policy", policy(a));
    json_object_set_new(j, "method", method());
    return j;
}

/* ---- web assets and the HTML ---- */


static int read_asset(const char *name, char **data, size_t *len, struct nis5g_err *err)
{
    struct nis5g_buf p = NIS5G_BUF_INIT;
    int rc = nis5g_web_path(name, &p, err);
    if (!rc && nis5g_read_file(p.data, data, len))
        rc = nis5g_err_set(err, NIS5G_EIO, "cannot read '%s': %s", p.data, strerror(errno));
    nis5g_buf_release(&p);
    return rc;
}

/* Append text inside a <script>. In JSON every "</" becomes "<\/" (it can
 * only be in a string); in code only "</script" and "<!--" are escaped (a
 * "</" elsewhere in code may be an operator). */
static void add_script_safe(struct nis5g_buf *b, const char *s, size_t n, int json)
{
    size_t from = 0;
    for (size_t i = 0; i + 1 < n; i++) {
        if (s[i] != '<')
            continue;
        int hit = json ? (s[i + 1] == '/' || s[i + 1] == '!')
                       : ((n - i >= 8 && strncasecmp(s + i + 1, "/script", 7) == 0) ||
                          (n - i >= 4 && memcmp(s + i + 1, "!--", 3) == 0));
        if (hit) {
            nis5g_buf_add(b, s + from, i + 1);
            nis5g_buf_adds(b, "\\");
            from = i + 1;
        }
    }
    nis5g_buf_add(b, s + from, n - from);
}

/* Drop a trailing sourceMappingURL comment (the map is not shipped and the
 * page must not ask for anything). */
static size_t strip_source_map(const char *s, size_t n)
{
    const char *k = "//# sourceMappingURL=";
    size_t kl = strlen(k);
    for (size_t i = n; i-- > 0;) {
        if (n - i >= kl && memcmp(s + i, k, kl) == 0)
            return i;
        if (n - i > 4096)
            break;
    }
    return n;
}

int nis5g_report_dump(const json_t *doc, struct nis5g_buf *out, struct nis5g_err *err)
{
    /* as the CLI prints JSON, with non-ASCII escaped for the page */
    char *js = json_dumps(doc, JSON_INDENT(2) | JSON_PRESERVE_ORDER | JSON_REAL_PRECISION(10) | JSON_ENSURE_ASCII);
    if (!js)
        return nis5g_err_set(err, NIS5G_ENOMEM, "cannot serialise the report");
    nis5g_buf_adds(out, js);
    free(js);
    return 0;
}

/* Fill the page's placeholders, in the order they appear. */
static int fill_page(char *const asset[4], const size_t alen[4], const char *json, size_t json_len,
                     const char *eu_html, struct nis5g_buf *html, struct nis5g_err *err)
{
    struct {
        const char *key;
        const char *s;
        size_t n;
        int script;
    } fill[] = {
        { "/*@CSS@*/", asset[1], alen[1], 0 },
        { "<!--@EU@-->", eu_html ? eu_html : "", eu_html ? strlen(eu_html) : 0, 0 },
        { "@DATA@", json, json_len, 2 },
        { "/*@CHARTJS@*/", asset[3], strip_source_map(asset[3], alen[3]), 1 },
        { "/*@REPORTJS@*/", asset[2], alen[2], 1 },
    };
    const char *p = asset[0], *end = asset[0] + alen[0];
    for (size_t k = 0; k < sizeof fill / sizeof fill[0]; k++) {
        const char *at = strstr(p, fill[k].key);
        if (!at || at > end)
            return nis5g_err_set(err, NIS5G_EINPUT, "the report page has no placeholder '%s'", fill[k].key);
        nis5g_buf_add(html, p, (size_t)(at - p));
        if (fill[k].script)
            add_script_safe(html, fill[k].s, fill[k].n, fill[k].script == 2);
        else
            nis5g_buf_add(html, fill[k].s, fill[k].n);
        p = at + strlen(fill[k].key);
    }
    nis5g_buf_add(html, p, (size_t)(end - p));
    return 0;
}

int nis5g_report_html(const char *json, size_t json_len, const char *eu_html, struct nis5g_buf *html,
                      struct nis5g_err *err)
{
    const char *names[4] = { "report.html", "report.css", "report.js", "node_modules/chart.js/dist/chart.umd.js" };
    char *asset[4] = { 0 };
    size_t alen[4] = { 0 };
    int rc = 0;
    for (int i = 0; i < 4 && !rc; i++)
        rc = read_asset(names[i], &asset[i], &alen[i], err);
    if (!rc)
        rc = fill_page(asset, alen, json, json_len, eu_html, html, err);
    for (int i = 0; i < 4; i++)
        free(asset[i]);
    return rc;
}
