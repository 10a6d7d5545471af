/*
 * cmd-summary.c — `nis5g summary`: the national picture in a few tables.
 */
#include <stdlib.h>
#include <string.h>

#include "cmd.h"
#include "nis5g/buf.h"
#include "nis5g/date.h"
#include "nis5g/summary.h"

static int print_text(struct nis5g_ctx *ctx, const void *result)
{
    const struct nis5g_summary_result *r = result;
    const struct nis5g_model *m = r->m;
    const struct nis5g_summary *s = &r->s;
    FILE *f = ctx->out;
    char day[11], a[32], b[32], c[32], d4[32], e5[32];
    uint64_t radio = 0;
    for (uint32_t o = 0; o < s->n_ops; o++)
        radio += s->ops[o].radio_sites;
    fprintf(f, "Snapshot %s: %s operators, %s sites (%s with radios), %s elements (%s active), %u vendors\n\n",
            nis5g_date_format(m->as_of, day), nis5g_thousands(s->n_ops, a), nis5g_thousands(m->sites.n, b), nis5g_thousands((long long)radio, d4),
            nis5g_thousands((long long)s->total, c), nis5g_thousands((long long)s->active, e5), s->vendors_active);

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
        cli_table_cell(t, m->op_subscribers[o] < 0 ? "" : nis5g_thousands(m->op_subscribers[o], a));
        cli_table_cell(t, nis5g_thousands((long long)x->sites, a));
        cli_table_cell(t, nis5g_thousands((long long)x->radio_sites, a));
        cli_table_cell(t, nis5g_thousands((long long)x->elements[NIS5G_ST_ACTIVE], a));
        cli_table_cell(t, nis5g_thousands((long long)x->elements[NIS5G_ST_PLANNED], a));
        cli_table_cell(t, nis5g_thousands((long long)x->elements[NIS5G_ST_RETIRED], a));
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
        cli_table_cell(t, nis5g_thousands((long long)s->domain_total[d], a));
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
                           nis5g_thousands((long long)s->cells[k].count, a));
        }
        cli_table_cell(t, nis5g_dict_str(&m->operators, s->cells[i].op));
        cli_table_cell(t, nis5g_domain_names[s->cells[i].domain]);
        cli_table_cell(t, nis5g_thousands((long long)tot, a));
        cli_table_cell(t, v.data);
        nis5g_buf_release(&v);
        i = j;
    }
    cli_table_print(t, f);
    return 0;
}

static const struct nis5g_opt opts[] = { CLI_QUERY_OPTS(nis5g_summary_opts, "print JSON (see docs/json.md)") };

const struct nis5g_cmd nis5g_cmd_summary = {
    .name = "summary",
    .summary = "the national summary: operators, sites, active elements by domain and vendor",
    .opts = opts,
    .flags = CMD_STORE_READ,
    .query = &nis5g_query_summary,
    .print = print_text,
};
