/*
 * eu.c — the EU view over national packages (eu.h). One pass per figure
 * over each state's sections; states are few (27), so plain arrays and
 * linear lookups are enough and keep the arithmetic easy to check by hand.
 */
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "nis5g/eu.h"
#include "nis5g/model.h"
#include "nis5g/package.h"

static json_t *rounded(double x, double scale)
{
    double r = round(x * scale) / scale;
    return json_real(r == 0 ? 0 : r);
}

static const json_t *section(const struct nis5g_eu_input *in, const char *name)
{
    const json_t *s = json_object_get(json_object_get(in->doc, "sections"), name);
    return json_is_array(s) ? s : NULL;
}

static int eff_tlp(const struct nis5g_eu_input *in)
{
    return in->own ? NIS5G_TLP_CLEAR : in->tlp;
}

static json_t *tlp_json(int t)
{
    return json_string(nis5g_tlp_names[t < 0 ? 0 : t]);
}

/* A number of a peer's package, within ±1e15: the counts are written out
 * as integers, and a huge value (1e300 is valid JSON, and signed) must not
 * overflow the conversion. No real count or share comes near the bound. */
#define NUM_BOUND 1e15
static double num(const json_t *o, const char *key)
{
    double x = json_number_value(json_object_get(o, key));
    return x > NUM_BOUND ? NUM_BOUND : x < -NUM_BOUND ? -NUM_BOUND : x;
}

static const char *str(const json_t *o, const char *key)
{
    const char *s = json_string_value(json_object_get(o, key));
    return s ? s : "";
}

int nis5g_eu_vendor_high(const json_t *suppliers, const char *vendor)
{
    size_t i;
    json_t *s;
    json_array_foreach(suppliers, i, s) {
        if (strcmp(str(s, "vendor"), vendor) != 0)
            continue;
        const char *p = json_string_value(json_object_get(s, "profile"));
        if (!p)
            p = json_string_value(json_object_get(s, "designation"));
        return p && strcmp(p, "high") == 0;
    }
    return 0;
}

/* ---- high-risk shares and vendor shares by domain ---- */

struct vtot {
    const char *vendor;
    double elements;
    int states;
    int last_state; /* to count each state once */
};

static void add_shares(const struct nis5g_eu_input *in, size_t n, json_t *view)
{
    json_t *by_state = json_array(), *eu = json_array(), *vendors = json_array();
    for (int d = 0; d < NIS5G_DOM_COUNT; d++) {
        const char *dom = nis5g_domain_names[d];
        double tot = 0, high = 0;
        int states = 0, tlp = -1;
        struct vtot *vt = NULL;
        size_t nvt = 0;
        for (size_t k = 0; k < n; k++) {
            const json_t *ns = section(&in[k], "national_shares"), *sup = section(&in[k], "suppliers");
            size_t i;
            json_t *g;
            json_array_foreach(ns, i, g) {
                if (strcmp(str(g, "domain"), dom) != 0)
                    continue;
                double e = 0, h = 0;
                size_t j;
                json_t *v;
                json_array_foreach(json_object_get(g, "vendors"), j, v) {
                    double c = num(v, "elements");
                    e += c;
                    if (nis5g_eu_vendor_high(sup, str(v, "vendor")))
                        h += c;
                    size_t x = 0;
                    while (x < nvt && strcmp(vt[x].vendor, str(v, "vendor")) != 0)
                        x++;
                    if (x == nvt) {
                        vt = nis5g_xreallocarray(vt, ++nvt, sizeof *vt);
                        vt[x] = (struct vtot){ str(v, "vendor"), 0, 0, -1 };
                    }
                    vt[x].elements += c;
                    if (vt[x].last_state != (int)k) {
                        vt[x].states++;
                        vt[x].last_state = (int)k;
                    }
                }
                if (e <= 0)
                    continue;
                json_array_append_new(by_state,
                                      json_pack("{s:s, s:s, s:I, s:I, s:o, s:b, s:o}", "state", in[k].state, "domain",
                                                dom, "elements", (json_int_t)e, "high_risk_elements", (json_int_t)h, "high_risk_share",
                                                rounded(h / e, 1e6), "profiles_shared", sup != NULL, "tlp",
                                                in[k].own ? json_null() : tlp_json(in[k].tlp)));
                tot += e;
                high += h;
                states++;
                if (eff_tlp(&in[k]) > tlp)
                    tlp = eff_tlp(&in[k]);
            }
        }
        if (states) {
            json_array_append_new(eu, json_pack("{s:s, s:i, s:I, s:I, s:o, s:o}", "domain", dom, "states", states,
                                                "elements", (json_int_t)tot, "high_risk_elements", (json_int_t)high, "high_risk_share",
                                                rounded(high / tot, 1e6), "tlp", tlp_json(tlp)));
            json_t *va = json_array();
            /* largest first, ties by name */
            for (size_t a = 1; a < nvt; a++)
                for (size_t b = a; b > 0 && (vt[b].elements > vt[b - 1].elements ||
                                             (vt[b].elements == vt[b - 1].elements &&
                                              strcmp(vt[b].vendor, vt[b - 1].vendor) < 0));
                     b--) {
                    struct vtot t = vt[b];
                    vt[b] = vt[b - 1];
                    vt[b - 1] = t;
                }
            for (size_t x = 0; x < nvt; x++)
                json_array_append_new(va, json_pack("{s:s, s:I, s:o, s:i}", "vendor", vt[x].vendor, "elements",
                                                    (json_int_t)vt[x].elements, "share", rounded(vt[x].elements / tot, 1e6),
                                                    "states", vt[x].states));
            json_array_append_new(vendors, json_pack("{s:s, s:I, s:o, s:o}", "domain", dom, "elements", (json_int_t)tot,
                                                     "vendors", va, "tlp", tlp_json(tlp)));
        }
        free(vt);
    }
    json_object_set_new(view, "high_risk_shares", json_pack("{s:o, s:o}", "by_state", by_state, "eu", eu));
    json_object_set_new(view, "vendor_shares", vendors);
}

/* ---- restrictions ---- */

/* A rule restricts high-risk suppliers when its clause conditions on
 * risk = high (or risk in ..., high) or it rests on SM03. */
static int rule_restricts(const json_t *r)
{
    const char *c = str(r, "clause");
    if (strstr(c, "risk = high") || (strstr(c, "risk in") && strstr(c, "high")))
        return 1;
    size_t i;
    json_t *b;
    json_array_foreach(json_object_get(r, "basis"), i, b) if (json_is_string(b) && strcmp(json_string_value(b), "SM03") == 0) return 1;
    return 0;
}

static void add_restrictions(const struct nis5g_eu_input *in, size_t n, json_t *view)
{
    json_t *arr = json_array();
    int count = 0, tlp = -1;
    for (size_t k = 0; k < n; k++) {
        const json_t *pf = section(&in[k], "policy_findings"), *sup = section(&in[k], "suppliers");
        json_t *des = json_array(), *rules = json_array();
        size_t i;
        json_t *s;
        json_array_foreach(sup, i, s) {
            /* designated high: in suppliers.csv, or by the policy that decided the profile */
            const char *d = json_string_value(json_object_get(s, "designation"));
            const char *p = json_string_value(json_object_get(s, "profile"));
            const char *by = str(s, "decided_by");
            if ((d && strcmp(d, "high") == 0) ||
                (p && strcmp(p, "high") == 0 && (strcmp(by, "policy") == 0 || strcmp(by, "suppliers.csv") == 0)))
                json_array_append_new(des, json_string(str(s, "vendor")));
        }
        /* one entry per rule (the section has one row per rule and operator) */
        json_array_foreach(pf, i, s) {
            if (!rule_restricts(s))
                continue;
            json_t *seen = NULL;
            size_t j;
            json_t *r;
            json_array_foreach(rules, j, r) if (strcmp(str(r, "rule"), str(s, "rule")) == 0) seen = r;
            const char *st = str(s, "status");
            if (seen) {
                const char *old = str(seen, "status");
                if (strcmp(st, "violation") == 0 || (strcmp(st, "pending") == 0 && strcmp(old, "ok") == 0))
                    json_object_set_new(seen, "status", json_string(st));
                json_object_set_new(seen, "findings", json_integer((json_int_t)(num(seen, "findings") + num(s, "findings"))));
                continue;
            }
            json_t *dl = json_object_get(s, "deadline");
            json_array_append_new(rules, json_pack("{s:s, s:s, s:s, s:O, s:s, s:O, s:s, s:I}", "rule", str(s, "rule"),
                                                   "title", str(s, "title"), "kind", str(s, "kind"), "basis",
                                                   json_object_get(s, "basis") ? json_object_get(s, "basis") : json_null(),
                                                   "clause", str(s, "clause"), "deadline", dl ? dl : json_null(),
                                                   "status", st, "findings", (json_int_t)num(s, "findings")));
        }
        int restricts = json_array_size(des) > 0 || json_array_size(rules) > 0;
        count += restricts;
        /* the count is computed from every state's package, also those
         * that do not restrict ("1 of 2" tells that the other does not) */
        if (eff_tlp(&in[k]) > tlp)
            tlp = eff_tlp(&in[k]);
        json_array_append_new(arr, json_pack("{s:s, s:b, s:o, s:o, s:b, s:o}", "state", in[k].state, "restricts",
                                             restricts, "designated_high", des, "rules", rules, "policy_shared",
                                             pf != NULL, "tlp", in[k].own ? json_null() : tlp_json(in[k].tlp)));
    }
    json_object_set_new(view, "restrictions",
                        json_pack("{s:i, s:o, s:o}", "states_restricting", count, "tlp", tlp_json(tlp), "by_state", arr));
}

/* ---- toolbox implementation ---- */

static const double status_weight[NIS5G_MS_COUNT] = { 0, 1.0 / 3, 2.0 / 3, 1 };

static void add_measures(const struct nis5g_eu_input *in, size_t n, json_t *view)
{
    json_t *by_state = json_array(), *eu = json_array();
    /* measure codes in first-seen order, then sorted */
    const char **codes = NULL;
    size_t nc = 0;
    for (size_t k = 0; k < n; k++) {
        size_t i;
        json_t *m;
        json_array_foreach(section(&in[k], "measures"), i, m) {
            size_t x = 0;
            while (x < nc && strcmp(codes[x], str(m, "measure")) != 0)
                x++;
            if (x == nc) {
                codes = nis5g_xreallocarray(codes, ++nc, sizeof *codes);
                codes[x] = str(m, "measure");
            }
        }
    }
    for (size_t a = 1; a < nc; a++)
        for (size_t b = a; b > 0 && strcmp(codes[b], codes[b - 1]) < 0; b--) {
            const char *t = codes[b];
            codes[b] = codes[b - 1];
            codes[b - 1] = t;
        }
    for (size_t c = 0; c < nc; c++) {
        double sum = 0;
        int states = 0, tlp = -1;
        for (size_t k = 0; k < n; k++) {
            int cnt[NIS5G_MS_COUNT] = { 0 }, scopes = 0;
            const char *state_level = NULL;
            size_t i;
            json_t *m;
            json_array_foreach(section(&in[k], "measures"), i, m) {
                if (strcmp(str(m, "measure"), codes[c]) != 0)
                    continue;
                int s = nis5g_name_index(nis5g_mstatus_names, NIS5G_MS_COUNT, str(m, "status"), strlen(str(m, "status")));
                if (s < 0)
                    continue;
                cnt[s]++;
                scopes++;
                if (strcmp(str(m, "scope_kind"), "state") == 0)
                    state_level = nis5g_mstatus_names[s];
            }
            if (!scopes)
                continue;
            double score = 0;
            for (int s = 0; s < NIS5G_MS_COUNT; s++)
                score += status_weight[s] * cnt[s];
            score /= scopes;
            json_array_append_new(by_state,
                                  json_pack("{s:s, s:s, s:i, s:i, s:i, s:i, s:i, s:o, s:o, s:o}", "state", in[k].state,
                                            "measure", codes[c], "scopes", scopes, "none", cnt[0], "planned", cnt[1],
                                            "partial", cnt[2], "implemented", cnt[3], "state_status",
                                            state_level ? json_string(state_level) : json_null(), "score",
                                            rounded(score, 1e4), "tlp", in[k].own ? json_null() : tlp_json(in[k].tlp)));
            sum += score;
            states++;
            if (eff_tlp(&in[k]) > tlp)
                tlp = eff_tlp(&in[k]);
        }
        json_array_append_new(eu, json_pack("{s:s, s:i, s:o, s:o}", "measure", codes[c], "states", states, "score",
                                            rounded(sum / states, 1e4), "tlp", tlp_json(tlp)));
    }
    free(codes);
    json_object_set_new(view, "measures", json_pack("{s:o, s:o}", "by_state", by_state, "eu", eu));
}

/* ---- risk scenario ranking ---- */

static void add_risk(const struct nis5g_eu_input *in, size_t n, json_t *view)
{
    json_t *rank = json_array();
    for (int r = 1; r <= 9; r++) {
        char id[4] = { 'R', (char)('0' + r), 0 };
        double sum = 0;
        int states = 0, tlp = -1;
        json_t *by = json_object();
        for (size_t k = 0; k < n; k++) {
            size_t i;
            json_t *s;
            json_array_foreach(section(&in[k], "risk"), i, s) {
                if (strcmp(str(s, "scenario"), id) != 0 || !json_is_number(json_object_get(s, "score")))
                    continue;
                sum += num(s, "score");
                states++;
                json_object_set_new(by, in[k].state, json_real(num(s, "score")));
                if (eff_tlp(&in[k]) > tlp)
                    tlp = eff_tlp(&in[k]);
            }
        }
        if (states)
            json_array_append_new(rank, json_pack("{s:s, s:o, s:i, s:o, s:o}", "scenario", id, "mean_score",
                                                  rounded(sum / states, 100), "states", states, "by_state", by,
                                                  "tlp", tlp_json(tlp)));
        else
            json_decref(by);
    }
    /* highest mean first, ties by scenario id (already in id order: stable insertion sort) */
    size_t m = json_array_size(rank);
    for (size_t a = 1; a < m; a++)
        for (size_t b = a; b > 0; b--) {
            json_t *x = json_array_get(rank, b), *y = json_array_get(rank, b - 1);
            if (num(x, "mean_score") <= num(y, "mean_score"))
                break;
            json_incref(x);
            json_incref(y);
            json_array_set_new(rank, b, y);
            json_array_set_new(rank, b - 1, x);
        }
    for (size_t a = 0; a < m; a++)
        json_object_set_new(json_array_get(rank, a), "rank", json_integer((json_int_t)a + 1));
    json_object_set_new(view, "risk_ranking", rank);
}

/* ---- kill-switch ---- */

static void add_killswitch(const struct nis5g_eu_input *in, size_t n, json_t *view)
{
    json_t *arr = json_array();
    for (size_t k = 0; k < n; k++) {
        const json_t *best = NULL;
        size_t i;
        json_t *s;
        json_array_foreach(section(&in[k], "killswitch"), i, s) {
            if (!best || num(s, "subscribers_lost_pct") > num(best, "subscribers_lost_pct") ||
                (num(s, "subscribers_lost_pct") == num(best, "subscribers_lost_pct") &&
                 num(s, "sites_lost_pct") > num(best, "sites_lost_pct")))
                best = s;
        }
        if (best)
            json_array_append_new(arr, json_pack("{s:s, s:s, s:f, s:f, s:o}", "state", in[k].state, "vendor",
                                                 str(best, "vendor"), "subscribers_lost_pct",
                                                 num(best, "subscribers_lost_pct"), "sites_lost_pct",
                                                 num(best, "sites_lost_pct"), "tlp",
                                                 in[k].own ? json_null() : tlp_json(in[k].tlp)));
    }
    json_object_set_new(view, "largest_killswitch", arr);
}

json_t *nis5g_eu_view(const struct nis5g_eu_input *in, size_t n, struct nis5g_err *err)
{
    json_t *states = json_array();
    int tlp = -1;
    for (size_t k = 0; k < n; k++) {
        for (size_t j = 0; j < k; j++)
            if (strcmp(in[j].state, in[k].state) == 0) {
                json_decref(states);
                nis5g_err_set(err, NIS5G_EINPUT, "state '%s' given twice", in[k].state);
                return NULL;
            }
        json_t *sec = json_object_get(in[k].doc, "sections");
        json_t *names = json_array();
        for (size_t i = 0; i < nis5g_n_sections; i++)
            if (json_object_get(sec, nis5g_sections[i].name))
                json_array_append_new(names, json_string(nis5g_sections[i].name));
        json_t *o = json_pack("{s:s, s:s, s:s, s:s, s:o}", "state", in[k].state, "source", in[k].own ? "own" : "package",
                              "snapshot", str(in[k].doc, "snapshot"), "created", str(in[k].doc, "created"), "sections",
                              names);
        json_object_set_new(o, "tlp", in[k].own ? json_null() : tlp_json(in[k].tlp));
        if (!in[k].own) {
            json_object_set_new(o, "fingerprint", json_string(in[k].fingerprint ? in[k].fingerprint : ""));
            json_object_set_new(o, "received_at", json_string(in[k].received_at ? in[k].received_at : ""));
            json_object_set_new(o, "received_by", json_string(in[k].received_by ? in[k].received_by : ""));
        }
        json_array_append_new(states, o);
        if (eff_tlp(&in[k]) > tlp)
            tlp = eff_tlp(&in[k]);
    }
    json_t *view = json_pack("{s:o, s:o}", "tlp", tlp_json(tlp), "states", states);
    add_shares(in, n, view);
    add_restrictions(in, n, view);
    add_measures(in, n, view);
    add_risk(in, n, view);
    add_killswitch(in, n, view);
    return view;
}
