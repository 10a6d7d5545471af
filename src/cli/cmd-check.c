/*
 * cmd-check.c — `nis5g check --policy FILE...`: evaluate restriction
 * policies on a snapshot, as of a date (the query in query/q-check.c); a
 * summary table for people, then each rule's findings; --json and --csv
 * for machines (docs/check.md).
 *
 * Exit status: 0 nothing in violation, 1 something is, 2 bad input.
 */
#include <stdlib.h>
#include <string.h>

#include "cmd.h"
#include "nis5g/buf.h"
#include "nis5g/date.h"
#include "nis5g/policy.h"
#include "nis5g/text.h"

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

static const char *site_name(const struct nis5g_model *m, uint32_t s)
{
    return s == NIS5G_NONE ? "(no site)" : nis5g_dict_str(&m->sites, s);
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
        cli_table_cell(t, nis5g_check_function_name(m, g[i].function));
        cli_table_cell(t, nis5g_thousands((long long)(j - i), n1));
        cli_table_cell(t, nis5g_thousands(count, n1));
        i = j;
    }
    cli_table_print(t, f);
    fputc('\n', f);
    free(g);
}

/* The head line and a table row per rule. */
static void print_overview(FILE *f, const struct nis5g_check_result *res, struct nis5g_buf *b)
{
    const struct nis5g_check *c = res->check;
    char d1[11], d2[11], n1[32], n2[32];
    fprintf(f, "policy check as of %s, snapshot %s (%s elements)\n\n", nis5g_date_format(c->at, d1),
            nis5g_date_format(res->snap.as_of, d2), nis5g_thousands(res->m->n_elements, n1));
    struct cli_table *t = cli_table_new();
    static const char *const cols[] = { "rule", "kind", "status", "findings", "must change", "deadline",
                                        "days left", "severity", "forecast" };
    for (int k = 0; k < 9; k++)
        cli_table_col(t, cols[k], k == 3 || k == 4 || k == 6);
    size_t n_ok = 0;
    for (size_t i = 0; i < c->n; i++) {
        const struct nis5g_rule_result *r = &c->r[i];
        n_ok += r->status == NIS5G_RS_OK;
        cli_table_cell(t, r->rule->id);
        cli_table_cell(t, nis5g_rule_kind_names[r->rule->kind]);
        cli_table_cell(t, nis5g_rule_status_names[r->status]);
        cli_table_cell(t, nis5g_thousands(r->findings, n1));
        cli_table_cell(t, nis5g_thousands(r->must_change, n2));
        cli_table_cell(t, r->rule->deadline == NIS5G_NO_DATE ? "-" : nis5g_date_format(r->rule->deadline, d1));
        if (r->status == NIS5G_RS_PENDING)
            cli_table_cellf(t, "%d", r->days_left);
        else
            cli_table_cell(t, "-");
        cli_table_cell(t, r->rule->severity ? r->rule->severity : "-");
        forecast_text(&res->forecast[i], b);
        cli_table_cell(t, b->len ? b->data : "-");
    }
    cli_table_print(t, f);
    fprintf(f, "\n%zu rule%s: %zu ok, %zu pending, %zu in violation\n", c->n, c->n == 1 ? "" : "s", n_ok,
            c->n_pending, c->n_violations);
}

static void print_rule_head(FILE *f, const struct nis5g_rule_result *r)
{
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
}

static void print_deny(FILE *f, const struct nis5g_model *m, const struct nis5g_rule_result *r, struct nis5g_buf *b)
{
    char n1[32], n2[32];
    if (!r->findings) {
        fprintf(f, "  no matching element\n");
        return;
    }
    fprintf(f, "  %s element%s in %s group%s\n", nis5g_thousands(r->findings, n1), r->findings == 1 ? "" : "s",
            nis5g_thousands((long long)r->n_elgroups, n2), r->n_elgroups == 1 ? "" : "s");
    if (r->n_elgroups > 20)
        print_rollup(f, m, r);
    struct cli_table *g = cli_table_new();
    static const char *const cols[] = { "operator", "domain", "function", "site", "count", "first ids" };
    for (int k = 0; k < 6; k++)
        cli_table_col(g, cols[k], k == 4);
    size_t shown = r->n_elgroups < 20 ? r->n_elgroups : 20;
    for (size_t k = 0; k < shown; k++) {
        const struct nis5g_elgroup *e = &r->elgroups[k];
        cli_table_cell(g, nis5g_dict_str(&m->operators, e->op));
        cli_table_cell(g, nis5g_domain_names[e->domain]);
        cli_table_cell(g, nis5g_check_function_name(m, e->function));
        cli_table_cell(g, site_name(m, e->site));
        cli_table_cell(g, nis5g_thousands(e->count, n1));
        nis5g_buf_reset(b);
        for (uint32_t j = 0; j < e->count && j < 3; j++)
            nis5g_buf_addf(b, "%s%s", j ? ", " : "", nis5g_dict_str(&m->elements, e->first[j]));
        if (e->count > 3)
            nis5g_buf_adds(b, ", ...");
        cli_table_cell(g, b->data);
    }
    cli_table_print(g, f);
    if (r->n_elgroups > shown)
        fprintf(f, "  ... and %zu more groups (--json or --csv for all)\n", r->n_elgroups - shown);
}

/* cap and require: the groups out of bounds (the first 20). */
static void print_groups(FILE *f, const struct nis5g_model *m, const struct nis5g_rule_result *r,
                         struct nis5g_buf *b)
{
    const struct nis5g_rule *ru = r->rule;
    char n1[32];
    size_t breach = 0;
    for (size_t k = 0; k < r->n_groups; k++)
        breach += r->groups[k].must_change > 0;
    fprintf(f, "  %zu of %zu group%s out of bounds\n", breach, r->n_groups, r->n_groups == 1 ? "" : "s");
    if (!breach)
        return;
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
        nis5g_check_group_label(m, ru, gr, b);
        cli_table_cell(g, b->data);
        if (ru->kind == NIS5G_RULE_CAP) {
            cli_table_cell(g, nis5g_thousands(gr->n, n1));
            cli_table_cell(g, nis5g_thousands(gr->c, n1));
            cli_table_cellf(g, "%.1f%%", gr->n ? 100.0 * (double)gr->c / (double)gr->n : 0.0);
            cli_table_cellf(g, "%g%%", ru->pct_bp / 100.0);
        } else {
            cli_table_cellf(g, "%lld", (long long)gr->c);
            cli_table_cellf(g, "%lld", (long long)gr->limit);
        }
        cli_table_cell(g, nis5g_thousands(gr->must_change, n1));
    }
    cli_table_print(g, f);
    if (breach > shown)
        fprintf(f, "  ... and %zu more groups (--json or --csv for all)\n", breach - shown);
}

static void print_text(FILE *f, const struct nis5g_check_result *res)
{
    const struct nis5g_check *c = res->check;
    struct nis5g_buf b = NIS5G_BUF_INIT;
    nis5g_buf_init(&b);
    print_overview(f, res, &b);
    for (size_t i = 0; i < c->n; i++) {
        print_rule_head(f, &c->r[i]);
        if (c->r[i].rule->kind == NIS5G_RULE_DENY)
            print_deny(f, res->m, &c->r[i], &b);
        else
            print_groups(f, res->m, &c->r[i], &b);
    }
    nis5g_buf_release(&b);
}

static void csv_field(FILE *f, const char *s)
{
    struct nis5g_buf b = NIS5G_BUF_INIT;
    nis5g_csv_quote(&b, s);
    if (b.len)
        fwrite(b.data, 1, b.len, f);
    nis5g_buf_release(&b);
}

/* A row's first columns: rule,kind,status,deadline,days_left, */
static void csv_head(FILE *f, const struct nis5g_rule_result *r)
{
    const struct nis5g_rule *ru = r->rule;
    char d[11], days[16] = "";
    if (r->status == NIS5G_RS_PENDING)
        snprintf(days, sizeof days, "%d", r->days_left);
    csv_field(f, ru->id);
    fprintf(f, ",%s,%s,%s,%s,", nis5g_rule_kind_names[ru->kind], nis5g_rule_status_names[r->status],
            ru->deadline == NIS5G_NO_DATE ? "" : nis5g_date_format(ru->deadline, d), days);
}

/* One row per deny finding group; the number of rows. */
static size_t csv_deny(FILE *f, const struct nis5g_model *m, const struct nis5g_rule_result *r, struct nis5g_buf *b)
{
    for (size_t k = 0; k < r->n_elgroups; k++) {
        const struct nis5g_elgroup *e = &r->elgroups[k];
        csv_head(f, r);
        fputc(',', f);
        csv_field(f, nis5g_dict_str(&m->operators, e->op));
        fprintf(f, ",%s,", nis5g_domain_names[e->domain]);
        csv_field(f, nis5g_check_function_name(m, e->function));
        fputc(',', f);
        csv_field(f, e->site == NIS5G_NONE ? "" : nis5g_dict_str(&m->sites, e->site));
        fprintf(f, ",%u,,,%u,", e->count, e->count);
        nis5g_buf_reset(b);
        for (uint32_t x = 0; x < e->count && x < 3; x++)
            nis5g_buf_addf(b, "%s%s", x ? ";" : "", nis5g_dict_str(&m->elements, e->first[x]));
        csv_field(f, b->data);
        fputc('\n', f);
    }
    return r->n_elgroups;
}

/* One row per cap or require group out of bounds; the number of rows. */
static size_t csv_groups(FILE *f, const struct nis5g_model *m, const struct nis5g_rule_result *r,
                         struct nis5g_buf *b)
{
    const struct nis5g_rule *ru = r->rule;
    size_t rows = 0;
    for (size_t k = 0; k < r->n_groups; k++) {
        const struct nis5g_group_result *g = &r->groups[k];
        if (g->must_change <= 0)
            continue;
        rows++;
        csv_head(f, r);
        nis5g_check_group_label(m, ru, g, b);
        csv_field(f, b->data);
        if (ru->kind == NIS5G_RULE_CAP)
            fprintf(f, ",,,,,%lld,%.6f,%.4f,%lld,\n", (long long)g->n, g->n ? (double)g->c / (double)g->n : 0.0,
                    ru->pct_bp / 10000.0, (long long)g->must_change);
        else
            fprintf(f, ",,,,,,%lld,%lld,%lld,\n", (long long)g->c, (long long)g->limit, (long long)g->must_change);
    }
    return rows;
}

static void print_csv(FILE *f, const struct nis5g_check_result *res)
{
    const struct nis5g_check *c = res->check;
    fputs("rule,kind,status,deadline,days_left,group,operator,domain,function,site,count,actual,limit,must_change,"
          "first_ids\n",
          f);
    struct nis5g_buf b = NIS5G_BUF_INIT;
    nis5g_buf_init(&b);
    for (size_t i = 0; i < c->n; i++) {
        const struct nis5g_rule_result *r = &c->r[i];
        size_t rows = r->rule->kind == NIS5G_RULE_DENY ? csv_deny(f, res->m, r, &b) : csv_groups(f, res->m, r, &b);
        if (!rows) {
            csv_head(f, r);
            fputs(",,,,,0,,,0,\n", f);
        }
    }
    nis5g_buf_release(&b);
}

struct params {
    struct nis5g_check_params q;
    int format; /* 0 text, 1 --json, 2 --csv (both: an error, options.c) */
};

static const struct nis5g_opt opts[] = {
    NIS5G_OPT_INCLUDE_(struct params, q, nis5g_check_opts),
    { .type = NIS5G_OPT_FLAG, .name = "json", .help = "machine-readable result (docs/json.md, section check)",
      .offset = offsetof(struct params, format), .value = 1 },
    { .type = NIS5G_OPT_FLAG, .name = "csv", .help = "one row per finding group",
      .offset = offsetof(struct params, format), .value = 2 },
    NIS5G_OPT_END_,
};

static void init(void *params)
{
    nis5g_check_params_init(&((struct params *)params)->q);
}

static int run(struct nis5g_ctx *ctx, void *params)
{
    const struct params *p = params;
    const struct nis5g_query *q = &nis5g_query_check;
    struct nis5g_check_result r = { 0 };
    int rc = cli_query_compute(ctx, q, &p->q, &r);
    if (!rc) {
        double t0 = cli_now();
        if (p->format == 1)
            rc = cli_query_print_json(ctx, q, &r);
        else if (p->format == 2)
            print_csv(ctx->out, &r);
        else
            print_text(ctx->out, &r);
        cli_timing("output", t0);
        if (!rc && r.check->n_violations)
            rc = 1;
    }
    cli_query_release(ctx, q, &r);
    return rc;
}

const struct nis5g_cmd nis5g_cmd_check = {
    .name = "check",
    .summary = "check restriction policies: each rule ok, pending (days left) or in violation, with findings",
    .opts = opts,
    .params_size = sizeof(struct params),
    .init = init,
    .flags = CMD_STORE_READ,
    .run = run,
    .help_extra = "Exit status: 0 nothing in violation, 1 something is, 2 bad input (a policy error).\n"
                  "Policy language: docs/policy.md; output and forecast: docs/check.md.\n",
};
