/*
 * cmd-summary.c — `nis5g summary`: the national picture in a few tables.
 */
#include <stdlib.h>
#include <string.h>

#include "cmd.h"
#include "nis5g/buf.h"
#include "nis5g/date.h"
#include "nis5g/summary.h"

static json_t *to_json(const struct nis5g_model *m, const struct nis5g_summary *s)
{
    char day[11];
    json_t *ops = json_array();
    for (uint32_t o = 0; o < s->n_ops; o++) {
        const struct nis5g_summary_op *x = &s->ops[o];
        json_t *j = json_pack("{s:s, s:s, s:s, s:I, s:I, s:I, s:I, s:{s:I, s:I, s:I}}", "operator",
                              nis5g_dict_str(&m->operators, o), "name",
                              nis5g_dict_str(&m->text, m->op_name[o]), "country",
                              nis5g_dict_str(&m->countries, m->op_country[o]), "subscribers",
                              (json_int_t)(m->op_subscribers[o] < 0 ? 0 : m->op_subscribers[o]), "sites",
                              (json_int_t)x->sites, "radio_sites", (json_int_t)x->radio_sites, "site_subscribers",
                              (json_int_t)x->site_subscribers, "elements", "active",
                              (json_int_t)x->elements[NIS5G_ST_ACTIVE], "planned",
                              (json_int_t)x->elements[NIS5G_ST_PLANNED], "retired",
                              (json_int_t)x->elements[NIS5G_ST_RETIRED]);
        json_array_append_new(ops, j);
    }
    json_t *counts = json_array();
    for (size_t i = 0; i < s->n_cells; i++) {
        const struct nis5g_summary_cell *c = &s->cells[i];
        json_array_append_new(counts, json_pack("{s:s, s:s, s:s, s:I}", "operator",
                                                nis5g_dict_str(&m->operators, c->op), "domain",
                                                nis5g_domain_names[c->domain], "vendor",
                                                nis5g_dict_str(&m->vendors, c->vendor), "elements",
                                                (json_int_t)c->count));
    }
    json_t *top = json_object();
    for (int d = 0; d < NIS5G_DOM_COUNT; d++) {
        json_t *arr = json_array();
        for (uint32_t k = 0; k < s->n_top[d]; k++)
            json_array_append_new(arr, json_pack("{s:s, s:I, s:f}", "vendor",
                                                 nis5g_dict_str(&m->vendors, s->top[d][k].vendor), "elements",
                                                 (json_int_t)s->top[d][k].count, "share",
                                                 (double)s->top[d][k].count / (double)s->domain_total[d]));
        json_object_set_new(top, nis5g_domain_names[d], arr);
    }
    return json_pack("{s:s, s:{s:I, s:I, s:I, s:I, s:I}, s:o, s:o, s:o}", "as_of",
                     nis5g_date_format(m->as_of, day), "totals", "operators", (json_int_t)s->n_ops, "sites",
                     (json_int_t)m->sites.n, "elements", (json_int_t)s->total, "active_elements",
                     (json_int_t)s->active, "vendors", (json_int_t)s->vendors_active, "operators", ops, "counts",
                     counts, "top_vendors", top);
}

static void print_text(struct nis5g_ctx *ctx, const struct nis5g_model *m, const struct nis5g_summary *s)
{
    FILE *f = ctx->out;
    char day[11], a[32], b[32], c[32], d4[32], e5[32];
    uint64_t radio = 0;
    for (uint32_t o = 0; o < s->n_ops; o++)
        radio += s->ops[o].radio_sites;
    fprintf(f, "Snapshot %s: %s operators, %s sites (%s with radios), %s elements (%s active), %u vendors\n\n",
            nis5g_date_format(m->as_of, day), cli_num(s->n_ops, a), cli_num(m->sites.n, b), cli_num((long long)radio, d4),
            cli_num((long long)s->total, c), cli_num((long long)s->active, e5), s->vendors_active);

    fprintf(f, "Operators\n");
    struct cli_table *t = cli_table_new();
    cli_table_col(t, "operator", 0);
    cli_table_col(t, "name", 0);
    cli_table_col(t, "country", 0);
    cli_table_col(t, "subscribers", 1);
    cli_table_col(t, "sites", 1);
    cli_table_col(t, "radio sites", 1);
    cli_table_col(t, "active elements", 1);
    cli_table_col(t, "planned", 1);
    cli_table_col(t, "retired", 1);
    for (uint32_t o = 0; o < s->n_ops; o++) {
        const struct nis5g_summary_op *x = &s->ops[o];
        cli_table_cell(t, nis5g_dict_str(&m->operators, o));
        cli_table_cell(t, nis5g_dict_str(&m->text, m->op_name[o]));
        cli_table_cell(t, nis5g_dict_str(&m->countries, m->op_country[o]));
        cli_table_cell(t, m->op_subscribers[o] < 0 ? "" : cli_num(m->op_subscribers[o], a));
        cli_table_cell(t, cli_num((long long)x->sites, a));
        cli_table_cell(t, cli_num((long long)x->radio_sites, a));
        cli_table_cell(t, cli_num((long long)x->elements[NIS5G_ST_ACTIVE], a));
        cli_table_cell(t, cli_num((long long)x->elements[NIS5G_ST_PLANNED], a));
        cli_table_cell(t, cli_num((long long)x->elements[NIS5G_ST_RETIRED], a));
    }
    cli_table_print(t, f);

    fprintf(f, "\nTop vendors by domain (active elements)\n");
    t = cli_table_new();
    cli_table_col(t, "domain", 0);
    cli_table_col(t, "elements", 1);
    cli_table_col(t, "vendors (share)", 0);
    for (int d = 0; d < NIS5G_DOM_COUNT; d++) {
        if (!s->domain_total[d])
            continue;
        struct nis5g_buf v = NIS5G_BUF_INIT;
        for (uint32_t k = 0; k < s->n_top[d] && k < 5; k++)
            nis5g_buf_addf(&v, "%s%s %.1f%%", k ? ", " : "", nis5g_dict_str(&m->vendors, s->top[d][k].vendor),
                           100.0 * (double)s->top[d][k].count / (double)s->domain_total[d]);
        if (s->n_top[d] > 5)
            nis5g_buf_addf(&v, ", +%u more", s->n_top[d] - 5);
        cli_table_cell(t, nis5g_domain_names[d]);
        cli_table_cell(t, cli_num((long long)s->domain_total[d], a));
        cli_table_cell(t, v.data);
        nis5g_buf_release(&v);
    }
    cli_table_print(t, f);

    fprintf(f, "\nActive elements by operator, domain and vendor\n");
    t = cli_table_new();
    cli_table_col(t, "operator", 0);
    cli_table_col(t, "domain", 0);
    cli_table_col(t, "elements", 1);
    cli_table_col(t, "vendors", 0);
    for (size_t i = 0; i < s->n_cells;) {
        size_t j = i;
        uint64_t tot = 0;
        while (j < s->n_cells && s->cells[j].op == s->cells[i].op && s->cells[j].domain == s->cells[i].domain)
            tot += s->cells[j++].count;
        struct nis5g_buf v = NIS5G_BUF_INIT;
        for (size_t k = i; k < j; k++) {
            if (k - i == 6) {
                nis5g_buf_addf(&v, ", +%zu more", j - k);
                break;
            }
            nis5g_buf_addf(&v, "%s%s %s", k > i ? ", " : "", nis5g_dict_str(&m->vendors, s->cells[k].vendor),
                           cli_num((long long)s->cells[k].count, a));
        }
        cli_table_cell(t, nis5g_dict_str(&m->operators, s->cells[i].op));
        cli_table_cell(t, nis5g_domain_names[s->cells[i].domain]);
        cli_table_cell(t, cli_num((long long)tot, a));
        cli_table_cell(t, v.data);
        nis5g_buf_release(&v);
        i = j;
    }
    cli_table_print(t, f);
}

static int run(struct nis5g_ctx *ctx, int argc, char **argv)
{
    int json = 0;
    int32_t snap = NIS5G_NO_DATE;
    for (int i = 1; i < argc; i++) {
        const char *v;
        int r;
        if (cli_is(argv[i], "--json"))
            json = 1;
        else if ((r = cli_opt(ctx, argc, argv, &i, "--snapshot", &v))) {
            if (r < 0 || cli_date(ctx, "--snapshot", v, &snap))
                return 2;
        } else
            return cli_bad_option(ctx, argv[i]);
    }
    struct nis5g_model *m;
    int rc = cli_load_model(ctx, snap, NIS5G_PART_ELEMENTS, &m, NULL);
    if (rc)
        return rc;
    struct nis5g_summary s;
    struct nis5g_err err = { 0 };
    double t0 = cli_now();
    if (nis5g_summary_compute(m, &s, &err)) {
        nis5g_model_free(m);
        return cli_fail_err(ctx, &err);
    }
    cli_timing("aggregation", t0);
    if (json)
        rc = cli_print_json(ctx, to_json(m, &s));
    else
        print_text(ctx, m, &s);
    nis5g_summary_release(&s);
    nis5g_model_free(m);
    return rc;
}

const struct nis5g_cmd nis5g_cmd_summary = {
    .name = "summary",
    .usage = "summary [--snapshot YYYY-MM-DD] [--json]",
    .summary = "the national summary: operators, sites, active elements by domain and vendor",
    .help = "Options:\n"
            "  --snapshot DATE  summarise that snapshot (default: the latest)\n"
            "  --json           print the summary as JSON (see docs/json.md)\n",
    .flags = CMD_STORE_READ,
    .run = run,
};
