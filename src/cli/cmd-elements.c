/*
 * cmd-elements.c — `nis5g elements`: the network elements behind a figure,
 * filtered, sorted and paged (the query in query/q-elements.c): an aligned
 * table for people, --json and --csv for machines (docs/elements.md).
 */
#include <stdlib.h>

#include "cmd.h"
#include "nis5g/buf.h"
#include "nis5g/date.h"
#include "nis5g/elements.h"
#include "nis5g/text.h"

/* The page as an aligned table, then a blank line. */
static void print_rows(FILE *f, const struct nis5g_elements_result *r)
{
    const struct nis5g_model *m = r->m;
    char day[11];
    struct cli_table *t = cli_table_new();
    static const char *const cols[] = { "id",       "operator", "site",   "region",    "domain",   "function",
                                        "vendor",   "product",  "status", "installed", "high risk" };
    for (int k = 0; k < 11; k++)
        cli_table_col(t, cols[k], 0);
    for (size_t i = 0; i < r->page.n; i++) {
        uint32_t e = r->page.rows[i], site = m->el_site[e];
        uint16_t fn = m->el_function[e];
        cli_table_cell(t, nis5g_dict_str(&m->elements, e));
        cli_table_cell(t, nis5g_dict_str(&m->operators, m->el_operator[e]));
        cli_table_cell(t, site == NIS5G_NONE ? "" : nis5g_dict_str(&m->sites, site));
        cli_table_cell(t, site == NIS5G_NONE ? "" : nis5g_dict_str(&m->regions, m->site_region[site]));
        cli_table_cell(t, nis5g_domain_names[m->el_domain[e]]);
        cli_table_cell(t, fn == NIS5G_NONE16 || fn >= m->functions.n ? "" : nis5g_dict_str(&m->functions, fn));
        cli_table_cell(t, nis5g_dict_str(&m->vendors, m->el_vendor[e]));
        cli_table_cell(t, m->el_product ? nis5g_dict_str(&m->products, m->el_product[e]) : "");
        cli_table_cell(t, nis5g_status_names[m->el_status[e]]);
        cli_table_cell(t, m->el_installed[e] == NIS5G_NO_DATE ? "" : nis5g_date_format(m->el_installed[e], day));
        cli_table_cell(t, r->high[m->el_vendor[e]] ? "yes" : "");
    }
    cli_table_print(t, f);
    fputc('\n', f);
}

static void print_text(FILE *f, const struct nis5g_elements_result *r)
{
    char a[32], b[32];
    if (r->page.n)
        print_rows(f, r);
    fprintf(f, "%s of %s elements", nis5g_thousands((long long)r->page.n, a),
            nis5g_thousands((long long)r->page.total, b));
    if (r->sel.offset)
        fprintf(f, " (after the first %s)", nis5g_thousands((long long)r->sel.offset, a));
    fputc('\n', f);
}

struct params {
    struct nis5g_elements_params q;
    int format; /* 0 text, 1 --json, 2 --csv (both: an error, options.c) */
};

static const struct nis5g_opt opts[] = {
    NIS5G_OPT_INCLUDE_(struct params, q, nis5g_elements_opts),
    { .type = NIS5G_OPT_FLAG, .name = "json", .help = "print JSON (docs/json.md, section elements)",
      .offset = offsetof(struct params, format), .value = 1 },
    { .type = NIS5G_OPT_FLAG, .name = "csv", .help = "print CSV: a header and the rows of the page (docs/elements.md)",
      .offset = offsetof(struct params, format), .value = 2 },
    NIS5G_OPT_END_,
};

static void init(void *params)
{
    nis5g_elements_params_init(&((struct params *)params)->q);
}

static int run(struct nis5g_ctx *ctx, void *params)
{
    const struct params *p = params;
    const struct nis5g_query *q = &nis5g_query_elements;
    struct nis5g_elements_result r = { 0 };
    int rc = cli_query_compute(ctx, q, &p->q, &r);
    if (!rc) {
        double t0 = cli_now();
        if (p->format == 1) {
            rc = cli_query_print_json(ctx, q, &r);
        } else if (p->format == 2) {
            struct nis5g_buf b = NIS5G_BUF_INIT;
            nis5g_elements_csv(r.m, &r.page, r.high, &b);
            if (b.len)
                fwrite(b.data, 1, b.len, ctx->out);
            nis5g_buf_release(&b);
        } else {
            print_text(ctx->out, &r);
        }
        cli_timing("output", t0);
    }
    cli_query_release(ctx, q, &r);
    return rc;
}

const struct nis5g_cmd nis5g_cmd_elements = {
    .name = "elements",
    .summary = "the network elements behind a figure: filtered, sorted, paged",
    .opts = opts,
    .params_size = sizeof(struct params),
    .init = init,
    .flags = CMD_STORE_READ,
    .run = run,
    .help_extra = "Filters given more than once are alternatives; different filters all hold.\n"
                  "An unknown operator, vendor, site, region, domain, status or rule is an error (exit 2).\n"
                  "Output, sorting and the CSV's formula escaping: docs/elements.md.\n",
};
