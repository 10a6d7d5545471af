/*
 * cmd-check.c — `nis5g check --policy FILE...`: evaluate restriction
 * policies on a snapshot, as of a date; a summary table for people, then
 * each rule's findings; --json and --csv for machines; a phase-out forecast
 * for pending rules from the last two snapshots (docs/check.md).
 *
 * Exit status: 0 nothing in violation, 1 something is, 2 bad input.
 */
#include <stdlib.h>
#include <string.h>

#include "cmd.h"
#include "nis5g/text.h"
#include "nis5g/buf.h"
#include "nis5g/date.h"
#include "nis5g/policy.h"
#include "policy-load.h"

struct out {
    struct nis5g_ctx *ctx;
    const struct nis5g_policy *p;
    const struct nis5g_model *m;
    const struct nis5g_check *c;
    const struct nis5g_snapshot *snap;
    struct nis5g_forecast *fc; /* per rule */
};

static const struct nis5g_dict *gdict(const struct nis5g_model *m, int g)
{
    switch (g) {
    case NIS5G_G_OPERATOR: return &m->operators;
    case NIS5G_G_REGION: return &m->regions;
    case NIS5G_G_COUNTRY: return &m->countries;
    default: return &m->sites;
    }
}

static const char *key_name(const struct nis5g_model *m, int g, uint32_t k)
{
    if (k == NIS5G_NONE)
        return g == NIS5G_G_SITE ? "(no site)" : g == NIS5G_G_REGION ? "(no region)" : "(none)";
    return nis5g_dict_str(gdict(m, g), k);
}

/* "OPA" or "OPA, SE11" */
static void group_label(const struct nis5g_model *m, const struct nis5g_rule *r, const struct nis5g_group_result *g,
                        struct nis5g_buf *b)
{
    nis5g_buf_reset(b);
    nis5g_buf_adds(b, key_name(m, r->group[0], g->key[0]));
    if (r->n_group > 1) {
        nis5g_buf_adds(b, ", ");
        nis5g_buf_adds(b, key_name(m, r->group[1], g->key[1]));
    }
}

static const char *fname(const struct nis5g_model *m, uint16_t f)
{
    return f == NIS5G_NONE16 || f >= m->functions.n ? "" : nis5g_dict_str(&m->functions, f);
}

static const char *site_name(const struct nis5g_model *m, uint32_t s)
{
    return s == NIS5G_NONE ? "(no site)" : nis5g_dict_str(&m->sites, s);
}

static void forecast_text(const struct nis5g_forecast *f, struct nis5g_buf *b)
{
    char d[11];
    nis5g_buf_reset(b);
    switch (f->kind) {
    case NIS5G_FC_ONE_SNAPSHOT: nis5g_buf_adds(b, "no forecast: one snapshot"); break;
    case NIS5G_FC_NOT_DECREASING: nis5g_buf_adds(b, "not decreasing"); break;
    case NIS5G_FC_DATE:
        nis5g_buf_addf(b, "met %s (%s)", nis5g_date_format(f->date, d),
                       f->before_deadline ? "in time" : "too late");
        break;
    default: break;
    }
}

static int cmp_roll(const void *pa, const void *pb)
{
    const struct nis5g_elgroup *a = pa, *b = pb;
    if (a->op != b->op)
        return a->op < b->op ? -1 : 1;
    if (a->domain != b->domain)
        return a->domain < b->domain ? -1 : 1;
    return (a->function > b->function) - (a->function < b->function);
}

/* Many site groups: first the totals per operator, domain and function. */
static void print_rollup(FILE *f, const struct nis5g_model *m, const struct nis5g_rule_result *r)
{
    struct nis5g_elgroup *g = nis5g_xmalloc(r->n_elgroups * sizeof *g);
    memcpy(g, r->elgroups, r->n_elgroups * sizeof *g);
    qsort(g, r->n_elgroups, sizeof *g, cmp_roll);
    struct cli_table *t = cli_table_new();
    cli_table_col(t, "operator", 0);
    cli_table_col(t, "domain", 0);
    cli_table_col(t, "function", 0);
    cli_table_col(t, "sites", 1);
    cli_table_col(t, "elements", 1);
    char n1[32];
    for (size_t i = 0; i < r->n_elgroups;) {
        size_t j = i;
        long long count = 0;
        while (j < r->n_elgroups && cmp_roll(&g[i], &g[j]) == 0)
            count += g[j++].count;
        cli_table_cell(t, nis5g_dict_str(&m->operators, g[i].op));
        cli_table_cell(t, nis5g_domain_names[g[i].domain]);
        cli_table_cell(t, fname(m, g[i].function));
        cli_table_cell(t, cli_num((long long)(j - i), n1));
        cli_table_cell(t, cli_num(count, n1));
        i = j;
    }
    cli_table_print(t, f);
    fputc('\n', f);
    free(g);
}

static void print_text(struct out *o)
{
    FILE *f = o->ctx->out;
    const struct nis5g_check *c = o->c;
    const struct nis5g_model *m = o->m;
    char d1[11], d2[11], n1[32], n2[32];
    fprintf(f, "policy check as of %s, snapshot %s (%s elements)\n\n", nis5g_date_format(c->at, d1),
            nis5g_date_format(o->snap->as_of, d2), cli_num(m->n_elements, n1));
    struct cli_table *t = cli_table_new();
    cli_table_col(t, "rule", 0);
    cli_table_col(t, "kind", 0);
    cli_table_col(t, "status", 0);
    cli_table_col(t, "findings", 1);
    cli_table_col(t, "must change", 1);
    cli_table_col(t, "deadline", 0);
    cli_table_col(t, "days left", 1);
    cli_table_col(t, "severity", 0);
    cli_table_col(t, "forecast", 0);
    struct nis5g_buf b = NIS5G_BUF_INIT;
    nis5g_buf_init(&b);
    size_t n_ok = 0;
    for (size_t i = 0; i < c->n; i++) {
        const struct nis5g_rule_result *r = &c->r[i];
        n_ok += r->status == NIS5G_RS_OK;
        cli_table_cell(t, r->rule->id);
        cli_table_cell(t, nis5g_rule_kind_names[r->rule->kind]);
        cli_table_cell(t, nis5g_rule_status_names[r->status]);
        cli_table_cell(t, cli_num(r->findings, n1));
        cli_table_cell(t, cli_num(r->must_change, n2));
        cli_table_cell(t, r->rule->deadline == NIS5G_NO_DATE ? "-" : nis5g_date_format(r->rule->deadline, d1));
        if (r->status == NIS5G_RS_PENDING)
            cli_table_cellf(t, "%d", r->days_left);
        else
            cli_table_cell(t, "-");
        cli_table_cell(t, r->rule->severity ? r->rule->severity : "-");
        forecast_text(&o->fc[i], &b);
        cli_table_cell(t, b.len ? b.data : "-");
    }
    cli_table_print(t, f);
    fprintf(f, "\n%zu rule%s: %zu ok, %zu pending, %zu in violation\n", c->n, c->n == 1 ? "" : "s", n_ok,
            c->n_pending, c->n_violations);

    for (size_t i = 0; i < c->n; i++) {
        const struct nis5g_rule_result *r = &c->r[i];
        const struct nis5g_rule *ru = r->rule;
        fprintf(f, "\n%s%s%s%s: %s", ru->id, ru->title ? " \"" : "", ru->title ? ru->title : "", ru->title ? "\"" : "",
                nis5g_rule_status_names[r->status]);
        if (r->status == NIS5G_RS_PENDING)
            fprintf(f, ", %d day%s left", r->days_left, r->days_left == 1 ? "" : "s");
        if (ru->n_basis) {
            fprintf(f, " (basis ");
            for (size_t k = 0; k < ru->n_basis; k++)
                fprintf(f, "%s%s", k ? ", " : "", ru->basis[k]);
            fputc(')', f);
        }
        fprintf(f, "\n  %s\n", ru->clause ? ru->clause : "");
        if (ru->kind == NIS5G_RULE_DENY) {
            if (!r->findings) {
                fprintf(f, "  no matching element\n");
                continue;
            }
            fprintf(f, "  %s element%s in %s group%s\n", cli_num(r->findings, n1), r->findings == 1 ? "" : "s",
                    cli_num((long long)r->n_elgroups, n2), r->n_elgroups == 1 ? "" : "s");
            if (r->n_elgroups > 20)
                print_rollup(f, m, r);
            struct cli_table *g = cli_table_new();
            cli_table_col(g, "operator", 0);
            cli_table_col(g, "domain", 0);
            cli_table_col(g, "function", 0);
            cli_table_col(g, "site", 0);
            cli_table_col(g, "count", 1);
            cli_table_col(g, "first ids", 0);
            size_t shown = r->n_elgroups < 20 ? r->n_elgroups : 20;
            for (size_t k = 0; k < shown; k++) {
                const struct nis5g_elgroup *e = &r->elgroups[k];
                cli_table_cell(g, nis5g_dict_str(&m->operators, e->op));
                cli_table_cell(g, nis5g_domain_names[e->domain]);
                cli_table_cell(g, fname(m, e->function));
                cli_table_cell(g, site_name(m, e->site));
                cli_table_cell(g, cli_num(e->count, n1));
                nis5g_buf_reset(&b);
                for (uint32_t j = 0; j < e->count && j < 3; j++)
                    nis5g_buf_addf(&b, "%s%s", j ? ", " : "", nis5g_dict_str(&m->elements, e->first[j]));
                if (e->count > 3)
                    nis5g_buf_adds(&b, ", ...");
                cli_table_cell(g, b.data);
            }
            cli_table_print(g, f);
            if (r->n_elgroups > shown)
                fprintf(f, "  ... and %zu more groups (--json or --csv for all)\n", r->n_elgroups - shown);
            continue;
        }
        size_t breach = 0;
        for (size_t k = 0; k < r->n_groups; k++)
            breach += r->groups[k].must_change > 0;
        fprintf(f, "  %zu of %zu group%s out of bounds\n", breach, r->n_groups, r->n_groups == 1 ? "" : "s");
        if (!breach)
            continue;
        struct cli_table *g = cli_table_new();
        cli_table_col(g, "group", 0);
        if (ru->kind == NIS5G_RULE_CAP) {
            cli_table_col(g, ru->weighted ? "subscribers" : "elements", 1);
            cli_table_col(g, "matching", 1);
            cli_table_col(g, "share", 1);
            cli_table_col(g, "limit", 1);
            cli_table_col(g, ru->weighted ? "must change (subscribers)" : "must change", 1);
        } else {
            cli_table_col(g, "vendors", 1);
            cli_table_col(g, "required", 1);
            cli_table_col(g, "must change", 1);
        }
        size_t shown = 0;
        for (size_t k = 0; k < r->n_groups && shown < 20; k++) {
            const struct nis5g_group_result *gr = &r->groups[k];
            if (gr->must_change <= 0)
                continue;
            shown++;
            group_label(m, ru, gr, &b);
            cli_table_cell(g, b.data);
            if (ru->kind == NIS5G_RULE_CAP) {
                cli_table_cell(g, cli_num(gr->n, n1));
                cli_table_cell(g, cli_num(gr->c, n1));
                cli_table_cellf(g, "%.1f%%", gr->n ? 100.0 * (double)gr->c / (double)gr->n : 0.0);
                cli_table_cellf(g, "%g%%", ru->pct_bp / 100.0);
            } else {
                cli_table_cellf(g, "%lld", (long long)gr->c);
                cli_table_cellf(g, "%lld", (long long)gr->limit);
            }
            cli_table_cell(g, cli_num(gr->must_change, n1));
        }
        cli_table_print(g, f);
        if (breach > shown)
            fprintf(f, "  ... and %zu more groups (--json or --csv for all)\n", breach - shown);
    }
    nis5g_buf_release(&b);
}

static json_t *jdate(int32_t d)
{
    char s[11];
    return d == NIS5G_NO_DATE ? json_null() : json_string(nis5g_date_format(d, s));
}

static json_t *build_json(struct out *o)
{
    const struct nis5g_check *c = o->c;
    const struct nis5g_model *m = o->m;
    json_t *rules = json_array();
    struct nis5g_buf b = NIS5G_BUF_INIT;
    nis5g_buf_init(&b);
    size_t n_ok = 0;
    for (size_t i = 0; i < c->n; i++) {
        const struct nis5g_rule_result *r = &c->r[i];
        const struct nis5g_rule *ru = r->rule;
        n_ok += r->status == NIS5G_RS_OK;
        json_t *j = json_object();
        json_object_set_new(j, "id", json_string(ru->id));
        json_object_set_new(j, "title", ru->title ? json_string(ru->title) : json_null());
        json_object_set_new(j, "kind", json_string(nis5g_rule_kind_names[ru->kind]));
        json_object_set_new(j, "clause", json_string(ru->clause ? ru->clause : ""));
        json_t *basis = json_array();
        for (size_t k = 0; k < ru->n_basis; k++)
            json_array_append_new(basis, json_string(ru->basis[k]));
        json_object_set_new(j, "basis", basis);
        json_object_set_new(j, "severity", ru->severity ? json_string(ru->severity) : json_null());
        json_object_set_new(j, "file", json_string(ru->file));
        json_object_set_new(j, "line", json_integer(ru->line));
        json_object_set_new(j, "status", json_string(nis5g_rule_status_names[r->status]));
        json_object_set_new(j, "deadline", jdate(ru->deadline));
        json_object_set_new(j, "days_left", r->status == NIS5G_RS_PENDING ? json_integer(r->days_left) : json_null());
        json_object_set_new(j, "findings", json_integer(r->findings));
        json_object_set_new(j, "must_change", json_integer(r->must_change));
        if (ru->kind == NIS5G_RULE_DENY) {
            json_t *els = json_array(), *eg = json_array();
            for (size_t k = 0; k < r->n_elements; k++)
                json_array_append_new(els, json_string(nis5g_dict_str(&m->elements, r->elements[k])));
            for (size_t k = 0; k < r->n_elgroups; k++) {
                const struct nis5g_elgroup *e = &r->elgroups[k];
                json_t *first = json_array();
                for (uint32_t x = 0; x < e->count && x < 3; x++)
                    json_array_append_new(first, json_string(nis5g_dict_str(&m->elements, e->first[x])));
                json_array_append_new(
                    eg, json_pack("{s:s, s:s, s:s, s:o, s:I, s:o}", "operator", nis5g_dict_str(&m->operators, e->op),
                                  "domain", nis5g_domain_names[e->domain], "function", fname(m, e->function), "site",
                                  e->site == NIS5G_NONE ? json_null() : json_string(nis5g_dict_str(&m->sites, e->site)),
                                  "count", (json_int_t)e->count, "first", first));
            }
            json_object_set_new(j, "elements", els);
            json_object_set_new(j, "element_groups", eg);
        } else {
            json_t *by = json_array();
            for (int k = 0; k < ru->n_group; k++)
                json_array_append_new(by, json_string(nis5g_gkey_names[ru->group[k]]));
            json_object_set_new(j, "per", by);
            if (ru->kind == NIS5G_RULE_CAP) {
                json_object_set_new(j, "limit", json_real(ru->pct_bp / 10000.0));
                json_object_set_new(j, "weighted_by", ru->weighted ? json_string("subscribers") : json_null());
            } else {
                json_object_set_new(j, "limit", json_integer(ru->min_vendors));
            }
            json_t *gs = json_array();
            for (size_t k = 0; k < r->n_groups; k++) {
                const struct nis5g_group_result *g = &r->groups[k];
                group_label(m, ru, g, &b);
                json_t *keys = json_object();
                for (int x = 0; x < ru->n_group; x++)
                    json_object_set_new(keys, nis5g_gkey_names[ru->group[x]],
                                        g->key[x] == NIS5G_NONE ? json_null()
                                                                : json_string(nis5g_dict_str(gdict(m, ru->group[x]), g->key[x])));
                json_t *gj = json_pack("{s:s, s:o}", "group", b.data, "keys", keys);
                if (ru->kind == NIS5G_RULE_CAP) {
                    json_object_set_new(gj, "actual", json_real(g->n ? (double)g->c / (double)g->n : 0.0));
                    json_object_set_new(gj, "limit", json_real(ru->pct_bp / 10000.0));
                    json_object_set_new(gj, "size", json_integer(g->n));
                    json_object_set_new(gj, "matching", json_integer(g->c));
                    json_object_set_new(gj, "allowed", json_integer(g->limit));
                } else {
                    json_object_set_new(gj, "actual", json_integer(g->c));
                    json_object_set_new(gj, "limit", json_integer(g->limit));
                }
                json_object_set_new(gj, "must_change", json_integer(g->must_change));
                json_array_append_new(gs, gj);
            }
            json_object_set_new(j, "groups", gs);
        }
        const struct nis5g_forecast *f = &o->fc[i];
        if (f->kind != NIS5G_FC_NONE) {
            json_t *fj = json_pack("{s:s}", "status", nis5g_forecast_kind_names[f->kind]);
            if (f->kind != NIS5G_FC_ONE_SNAPSHOT) {
                json_object_set_new(fj, "from", jdate(f->prev_as_of));
                json_object_set_new(fj, "to", jdate(f->as_of));
                json_object_set_new(fj, "remaining_before", json_integer(f->prev_remaining));
                json_object_set_new(fj, "remaining", json_integer(f->remaining));
                json_object_set_new(fj, "rate_per_month", json_real(f->rate_per_month));
            }
            if (f->kind == NIS5G_FC_DATE) {
                json_object_set_new(fj, "date", jdate(f->date));
                json_object_set_new(fj, "before_deadline", json_boolean(f->before_deadline));
            }
            json_object_set_new(j, "forecast", fj);
        }
        json_array_append_new(rules, j);
    }
    nis5g_buf_release(&b);
    json_t *des = json_array();
    for (size_t i = 0; i < o->p->n_des; i++)
        json_array_append_new(des, json_pack("{s:s, s:s, s:o, s:s}", "vendor", o->p->des[i].vendor, "profile",
                                             nis5g_risk_names[o->p->des[i].risk], "reason",
                                             o->p->des[i].reason ? json_string(o->p->des[i].reason) : json_null(),
                                             "where", o->p->des[i].where));
    return json_pack("{s:o, s:o, s:{s:I, s:I, s:I, s:I}, s:o, s:o}", "at", jdate(c->at), "snapshot",
                     jdate(o->snap->as_of), "summary", "rules", (json_int_t)c->n, "ok", (json_int_t)n_ok, "pending",
                     (json_int_t)c->n_pending, "violation", (json_int_t)c->n_violations, "designations", des, "rules",
                     rules);
}

static void csv_field(FILE *f, const char *s)
{
    struct nis5g_buf b = NIS5G_BUF_INIT;
    nis5g_csv_quote(&b, s);
    if (b.len)
        fwrite(b.data, 1, b.len, f);
    nis5g_buf_release(&b);
}

static void print_csv(struct out *o)
{
    FILE *f = o->ctx->out;
    const struct nis5g_check *c = o->c;
    const struct nis5g_model *m = o->m;
    fputs("rule,kind,status,deadline,days_left,group,operator,domain,function,site,count,actual,limit,must_change,"
          "first_ids\n",
          f);
    char d[11];
    struct nis5g_buf b = NIS5G_BUF_INIT;
    nis5g_buf_init(&b);
    for (size_t i = 0; i < c->n; i++) {
        const struct nis5g_rule_result *r = &c->r[i];
        const struct nis5g_rule *ru = r->rule;
        char head[200];
        char days[16] = "";
        if (r->status == NIS5G_RS_PENDING)
            snprintf(days, sizeof days, "%d", r->days_left);
        size_t rows = 0;
#define HEAD()                                                                                                   \
    do {                                                                                                         \
        csv_field(f, ru->id);                                                                                    \
        snprintf(head, sizeof head, ",%s,%s,%s,%s,", nis5g_rule_kind_names[ru->kind],                             \
                 nis5g_rule_status_names[r->status],                                                             \
                 ru->deadline == NIS5G_NO_DATE ? "" : nis5g_date_format(ru->deadline, d), days);                 \
        fputs(head, f);                                                                                          \
    } while (0)
        if (ru->kind == NIS5G_RULE_DENY) {
            for (size_t k = 0; k < r->n_elgroups; k++, rows++) {
                const struct nis5g_elgroup *e = &r->elgroups[k];
                HEAD();
                fputc(',', f);
                csv_field(f, nis5g_dict_str(&m->operators, e->op));
                fprintf(f, ",%s,", nis5g_domain_names[e->domain]);
                csv_field(f, fname(m, e->function));
                fputc(',', f);
                csv_field(f, e->site == NIS5G_NONE ? "" : nis5g_dict_str(&m->sites, e->site));
                fprintf(f, ",%u,,,%u,", e->count, e->count);
                nis5g_buf_reset(&b);
                for (uint32_t x = 0; x < e->count && x < 3; x++)
                    nis5g_buf_addf(&b, "%s%s", x ? ";" : "", nis5g_dict_str(&m->elements, e->first[x]));
                csv_field(f, b.data);
                fputc('\n', f);
            }
        } else {
            for (size_t k = 0; k < r->n_groups; k++) {
                const struct nis5g_group_result *g = &r->groups[k];
                if (g->must_change <= 0)
                    continue;
                rows++;
                HEAD();
                group_label(m, ru, g, &b);
                csv_field(f, b.data);
                if (ru->kind == NIS5G_RULE_CAP)
                    fprintf(f, ",,,,,%lld,%.6f,%.4f,%lld,\n", (long long)g->n,
                            g->n ? (double)g->c / (double)g->n : 0.0, ru->pct_bp / 10000.0, (long long)g->must_change);
                else
                    fprintf(f, ",,,,,,%lld,%lld,%lld,\n", (long long)g->c, (long long)g->limit,
                            (long long)g->must_change);
            }
        }
        if (!rows) {
            HEAD();
            fputs(",,,,,0,,,0,\n", f);
        }
#undef HEAD
    }
    nis5g_buf_release(&b);
}

/* Forecasts for pending rules with a deadline: the same policy on the
 * snapshot before the one checked. */
static int forecasts(struct nis5g_ctx *ctx, const struct nis5g_policy *p, const struct nis5g_check *c,
                     const struct nis5g_snapshot *snap, struct nis5g_forecast *fc)
{
    int any = 0;
    for (size_t i = 0; i < c->n; i++)
        any |= c->r[i].status == NIS5G_RS_PENDING;
    if (!any)
        return 0;
    struct nis5g_snapshot *list;
    size_t n;
    struct nis5g_err err = { 0 };
    if (nis5g_store_snapshots(ctx->store, &list, &n, &err))
        return cli_fail_err(ctx, &err);
    const struct nis5g_snapshot *prev = NULL;
    for (size_t i = 0; i < n; i++)
        if (list[i].as_of < snap->as_of)
            prev = &list[i];
    struct nis5g_check *pc = NULL;
    if (prev) {
        struct nis5g_model *pm = NULL;
        if (nis5g_store_load_model(ctx->store, prev->id, nis5g_policy_parts(p), &pm, &err)) {
            free(list);
            return cli_fail_err(ctx, &err);
        }
        struct nis5g_check_opts po = { c->at, 1, 0 };
        nis5g_policy_check(p, pm, &po, &pc, NULL);
        nis5g_model_free(pm);
    }
    for (size_t i = 0; i < c->n; i++) {
        if (c->r[i].status != NIS5G_RS_PENDING)
            continue;
        if (!pc) {
            fc[i].kind = NIS5G_FC_ONE_SNAPSHOT;
            continue;
        }
        nis5g_forecast(nis5g_rule_remaining(&pc->r[i]), prev->as_of, nis5g_rule_remaining(&c->r[i]), snap->as_of,
                       c->r[i].rule->deadline, &fc[i]);
    }
    nis5g_check_free(pc);
    free(list);
    return 0;
}

static int run(struct nis5g_ctx *ctx, int argc, char **argv)
{
    int json = 0, csv = 0;
    int32_t at = nis5g_date_today(), snap_day = NIS5G_NO_DATE;
    char **files = nis5g_xcalloc((size_t)argc, sizeof *files);
    size_t nf = 0;
    int rc;
    for (int i = 1; i < argc; i++) {
        const char *v;
        int r;
        if (cli_is(argv[i], "--json")) {
            json = 1;
        } else if (cli_is(argv[i], "--csv")) {
            csv = 1;
        } else if ((r = cli_opt(ctx, argc, argv, &i, "--policy", &v)) != 0) {
            if (r < 0)
                goto usage;
            files[nf++] = (char *)v;
            while (i + 1 < argc && strncmp(argv[i + 1], "--", 2) != 0)
                files[nf++] = argv[++i];
        } else if ((r = cli_opt(ctx, argc, argv, &i, "--at", &v)) != 0) {
            if (r < 0 || cli_date(ctx, "--at", v, &at))
                goto usage;
        } else if ((r = cli_opt(ctx, argc, argv, &i, "--snapshot", &v)) != 0) {
            if (r < 0 || cli_date(ctx, "--snapshot", v, &snap_day))
                goto usage;
        } else {
            free(files);
            return cli_bad_option(ctx, argv[i]);
        }
    }
    if (!nf) {
        free(files);
        return cli_fail(ctx, NIS5G_EUSAGE, "missing --policy FILE (e.g. --policy data/policies/se.policy)");
    }
    if (json && csv) {
        free(files);
        return cli_fail(ctx, NIS5G_EUSAGE, "choose one of --json and --csv");
    }
    struct nis5g_policy *p = NULL;
    if ((rc = cli_load_policies(ctx, files, nf, &p)) != 0) {
        free(files);
        return rc;
    }
    free(files);
    struct nis5g_model *m = NULL;
    struct nis5g_snapshot snap;
    if ((rc = cli_load_model(ctx, snap_day, nis5g_policy_parts(p) | NIS5G_PART_ELEMENT_IDS, &m, &snap)) != 0) {
        nis5g_policy_free(p);
        return rc;
    }
    struct nis5g_diags d;
    nis5g_diags_init(&d);
    struct nis5g_check_opts opts = { at, 0, 0 };
    struct nis5g_check *c = NULL;
    double t0 = cli_now();
    rc = nis5g_policy_check(p, m, &opts, &c, &d);
    cli_timing("policy evaluation", t0);
    cli_print_diags(ctx, &d);
    nis5g_diags_release(&d);
    if (rc) {
        nis5g_model_free(m);
        nis5g_policy_free(p);
        return nis5g_exit_status(rc);
    }
    struct nis5g_forecast *fc = nis5g_xcalloc(c->n + 1, sizeof *fc);
    t0 = cli_now();
    rc = forecasts(ctx, p, c, &snap, fc);
    cli_timing("forecasts", t0);
    if (!rc) {
        t0 = cli_now();
        struct out o = { ctx, p, m, c, &snap, fc };
        if (json)
            rc = cli_print_json(ctx, build_json(&o));
        else if (csv)
            print_csv(&o);
        else
            print_text(&o);
        cli_timing("output", t0);
        if (!rc && c->n_violations)
            rc = 1;
    }
    free(fc);
    nis5g_check_free(c);
    nis5g_model_free(m);
    nis5g_policy_free(p);
    return rc;
usage:
    free(files);
    return 2;
}

const struct nis5g_cmd nis5g_cmd_check = {
    .name = "check",
    .usage = "check --policy FILE... [--at DATE] [--snapshot DATE] [--json|--csv]",
    .summary = "check restriction policies: each rule ok, pending (days left) or in violation, with findings",
    .help = "Options:\n"
            "  --policy FILE...  the policies to apply (rules and designate lines; several files add up)\n"
            "  --at DATE         evaluate deadlines as of this date (default: today)\n"
            "  --snapshot DATE   check the snapshot of this as-of date (default: the latest)\n"
            "  --json            machine-readable result (docs/json.md, section check)\n"
            "  --csv             one row per finding group\n"
            "Exit status: 0 nothing in violation, 1 something is, 2 bad input (a policy error).\n"
            "Policy language: docs/policy.md; output and forecast: docs/check.md.\n",
    .flags = CMD_STORE_READ,
    .run_argv = run,
};
