/*
 * cmd-diversity.c — `nis5g diversity`: vendor shares and HHI per group,
 * single-vendor dependencies first (diversity.h).
 */
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "cmd.h"
#include "nis5g/buf.h"
#include "nis5g/date.h"
#include "nis5g/diversity.h"

/* Parse "a,b" into field bits (in the order given; the result is ordered
 * by field anyway). Returns -1 after printing a usage error. */
static int parse_fields(struct nis5g_ctx *ctx, const char *v, unsigned *fields)
{
    const char *p = v;
    if (strcmp(v, "none") == 0)
        return 0;
    while (*p) {
        const char *q = strchr(p, ',');
        size_t n = q ? (size_t)(q - p) : strlen(p);
        int f = nis5g_name_index(nis5g_div_field_names, NIS5G_DIV_NFIELDS, p, n);
        if (f < 0) {
            cli_fail(ctx, NIS5G_EUSAGE,
                     "unknown grouping field '%.*s' (expected operator, domain, function, region or country)",
                     (int)n, p);
            return -1;
        }
        *fields |= 1u << f;
        p += n;
        if (*p == ',')
            p++;
    }
    return 0;
}

static json_t *num(double x, int integral)
{
    return integral ? json_integer((json_int_t)llround(x)) : json_real(x);
}

static json_t *to_json(const struct nis5g_model *m, const struct nis5g_diversity *d, enum nis5g_div_weight w,
                       json_t *deps)
{
    json_t *by = json_array();
    for (int f = 0; f < NIS5G_DIV_NFIELDS; f++)
        if (d->fields & (1u << f))
            json_array_append_new(by, json_string(nis5g_div_field_names[f]));
    json_t *groups = json_array();
    for (size_t i = 0; i < d->n_groups; i++) {
        const struct nis5g_div_group *g = &d->groups[i];
        json_t *o = json_object();
        for (int f = 0; f < NIS5G_DIV_NFIELDS; f++)
            if (d->fields & (1u << f))
                json_object_set_new(o, nis5g_div_field_names[f],
                                    g->key[f] == NIS5G_NONE ? json_null()
                                                            : json_string(nis5g_div_key_name(m, f, g->key[f])));
        json_object_set_new(o, "total", num(g->total, 1));
        json_object_set_new(o, "hhi", json_real(g->hhi));
        json_object_set_new(o, "single_vendor", json_boolean(g->n_vendors == 1));
        json_t *vs = json_array();
        for (uint32_t k = 0; k < g->n_vendors; k++) {
            const struct nis5g_div_vendor *v = &d->vendors[g->vend_off + k];
            json_array_append_new(vs, json_pack("{s:s, s:o, s:f}", "vendor", nis5g_div_vendor_name(m, v->vendor),
                                                "count", num(v->count, 1), "share", v->share));
        }
        json_object_set_new(o, "vendors", vs);
        json_array_append_new(groups, o);
    }
    char day[11];
    return json_pack("{s:s, s:s, s:o, s:o, s:o}", "as_of", nis5g_date_format(m->as_of, day), "weight",
                     w == NIS5G_DIV_BY_ELEMENTS ? "elements" : "subscribers", "by", by, "groups", groups,
                     "single_vendor_dependencies", deps);
}

static void print_table(struct nis5g_ctx *ctx, const struct nis5g_model *m, const struct nis5g_diversity *d,
                        size_t from, size_t to, int max_vendors)
{
    struct cli_table *t = cli_table_new();
    for (int f = 0; f < NIS5G_DIV_NFIELDS; f++)
        if (d->fields & (1u << f))
            cli_table_col(t, nis5g_div_field_names[f], 0);
    cli_table_col(t, "total", 1);
    cli_table_col(t, "HHI", 1);
    cli_table_col(t, "vendors (share)", 0);
    char a[32];
    for (size_t i = from; i < to; i++) {
        const struct nis5g_div_group *g = &d->groups[i];
        for (int f = 0; f < NIS5G_DIV_NFIELDS; f++)
            if (d->fields & (1u << f))
                cli_table_cell(t, g->key[f] == NIS5G_NONE ? "-" : nis5g_div_key_name(m, f, g->key[f]));
        cli_table_cell(t, cli_num(llround(g->total), a));
        cli_table_cellf(t, "%.0f", g->hhi);
        struct nis5g_buf v = NIS5G_BUF_INIT;
        for (uint32_t k = 0; k < g->n_vendors; k++) {
            if ((int)k == max_vendors) {
                nis5g_buf_addf(&v, ", +%u more", g->n_vendors - k);
                break;
            }
            const struct nis5g_div_vendor *x = &d->vendors[g->vend_off + k];
            nis5g_buf_addf(&v, "%s%s %.1f%%", k ? ", " : "", nis5g_div_vendor_name(m, x->vendor), 100 * x->share);
        }
        cli_table_cell(t, v.data);
        nis5g_buf_release(&v);
    }
    cli_table_print(t, ctx->out);
}

/* Single-vendor dependencies: an operator's domain, function or region
 * served by one vendor (element counts), from three groupings. */
static const int dep_kinds[3] = { NIS5G_DIV_DOMAIN, NIS5G_DIV_FUNCTION, NIS5G_DIV_REGION };

static json_t *deps_json(const struct nis5g_model *m, const struct nis5g_diversity *deps)
{
    json_t *arr = json_array();
    for (int k = 0; k < 3; k++)
        for (size_t i = 0; i < deps[k].n_groups && deps[k].groups[i].n_vendors == 1; i++) {
            const struct nis5g_div_group *g = &deps[k].groups[i];
            if (g->key[dep_kinds[k]] == NIS5G_NONE)
                continue;
            json_array_append_new(
                arr, json_pack("{s:s, s:s, s:s, s:s, s:I}", "operator",
                               nis5g_div_key_name(m, NIS5G_DIV_OPERATOR, g->key[NIS5G_DIV_OPERATOR]), "kind",
                               nis5g_div_field_names[dep_kinds[k]], "value",
                               nis5g_div_key_name(m, dep_kinds[k], g->key[dep_kinds[k]]), "vendor",
                               nis5g_div_vendor_name(m, deps[k].vendors[g->vend_off].vendor), "elements",
                               (json_int_t)llround(g->total)));
        }
    return arr;
}

static void print_deps(struct nis5g_ctx *ctx, const struct nis5g_model *m, const struct nis5g_diversity *deps)
{
    size_t n = 0, shown = 0, limit = 25;
    for (int k = 0; k < 3; k++)
        for (size_t i = 0; i < deps[k].n_groups && deps[k].groups[i].n_vendors == 1; i++)
            n += deps[k].groups[i].key[dep_kinds[k]] != NIS5G_NONE;
    fprintf(ctx->out, "Single-vendor dependencies: %zu (an operator's domain, function or region served by one vendor)\n",
            n);
    if (!n)
        return;
    struct cli_table *t = cli_table_new();
    cli_table_col(t, "operator", 0);
    cli_table_col(t, "kind", 0);
    cli_table_col(t, "value", 0);
    cli_table_col(t, "vendor", 0);
    cli_table_col(t, "elements", 1);
    char a[32];
    for (int k = 0; k < 3; k++)
        for (size_t i = 0; i < deps[k].n_groups && deps[k].groups[i].n_vendors == 1 && shown < limit; i++) {
            const struct nis5g_div_group *g = &deps[k].groups[i];
            if (g->key[dep_kinds[k]] == NIS5G_NONE)
                continue;
            cli_table_cell(t, nis5g_div_key_name(m, NIS5G_DIV_OPERATOR, g->key[NIS5G_DIV_OPERATOR]));
            cli_table_cell(t, nis5g_div_field_names[dep_kinds[k]]);
            cli_table_cell(t, nis5g_div_key_name(m, dep_kinds[k], g->key[dep_kinds[k]]));
            cli_table_cell(t, nis5g_div_vendor_name(m, deps[k].vendors[g->vend_off].vendor));
            cli_table_cell(t, cli_num(llround(g->total), a));
            shown++;
        }
    cli_table_print(t, ctx->out);
    if (n > shown)
        fprintf(ctx->out, "(+%zu more; --json lists them all)\n", n - shown);
}

static void print_text(struct nis5g_ctx *ctx, const struct nis5g_model *m, const struct nis5g_diversity *d,
                       const struct nis5g_diversity *deps, enum nis5g_div_weight w)
{
    print_deps(ctx, m, deps);
    struct nis5g_buf by;
    nis5g_buf_init(&by);
    for (int f = 0; f < NIS5G_DIV_NFIELDS; f++)
        if (d->fields & (1u << f))
            nis5g_buf_addf(&by, "%s%s", by.len ? " and " : ", per ", nis5g_div_field_names[f]);
    fprintf(ctx->out, "\nVendor shares by %s%s (%zu group%s%s)\n",
            w == NIS5G_DIV_BY_ELEMENTS ? "active elements" : "subscribers served", by.data, d->n_groups,
            d->n_groups == 1 ? "" : "s", d->fields ? "; single-vendor groups first" : "");
    nis5g_buf_release(&by);
    print_table(ctx, m, d, 0, d->n_groups, d->fields ? 5 : 12);
}

static int run(struct nis5g_ctx *ctx, int argc, char **argv)
{
    int json = 0, by_given = 0;
    unsigned fields = 0;
    enum nis5g_div_weight weight = NIS5G_DIV_BY_ELEMENTS;
    int32_t snap = NIS5G_NO_DATE;
    for (int i = 1; i < argc; i++) {
        const char *v;
        int r;
        if (cli_is(argv[i], "--json"))
            json = 1;
        else if ((r = cli_opt(ctx, argc, argv, &i, "--by", &v))) {
            if (r < 0 || parse_fields(ctx, v, &fields))
                return 2;
            by_given = 1;
        } else if ((r = cli_opt(ctx, argc, argv, &i, "--weight", &v))) {
            if (r < 0)
                return 2;
            if (strcmp(v, "elements") == 0)
                weight = NIS5G_DIV_BY_ELEMENTS;
            else if (strcmp(v, "subscribers") == 0)
                weight = NIS5G_DIV_BY_SUBSCRIBERS;
            else
                return cli_fail(ctx, NIS5G_EUSAGE, "unknown weight '%s' (expected elements or subscribers)", v);
        } else if ((r = cli_opt(ctx, argc, argv, &i, "--snapshot", &v))) {
            if (r < 0 || cli_date(ctx, "--snapshot", v, &snap))
                return 2;
        } else if (argv[i][0] != '-' && by_given) {
            /* `--by operator domain`: more fields after --by. */
            if (parse_fields(ctx, argv[i], &fields))
                return 2;
        } else
            return cli_bad_option(ctx, argv[i]);
    }
    if (!by_given)
        fields = (1u << NIS5G_DIV_OPERATOR) | (1u << NIS5G_DIV_DOMAIN);
    struct nis5g_model *m;
    int rc = cli_load_model(ctx, snap, NIS5G_PART_ELEMENTS, &m, NULL);
    if (rc)
        return rc;
    struct nis5g_diversity d;
    struct nis5g_err err = { 0 };
    double t0 = cli_now();
    if (nis5g_diversity_compute(m, fields, weight, &d, &err)) {
        nis5g_model_free(m);
        return cli_fail_err(ctx, &err);
    }
    struct nis5g_diversity deps[3];
    for (int k = 0; k < 3; k++)
        nis5g_diversity_compute(m, (1u << NIS5G_DIV_OPERATOR) | (1u << dep_kinds[k]), NIS5G_DIV_BY_ELEMENTS, &deps[k],
                                &err);
    cli_timing("diversity", t0);
    if (json)
        rc = cli_print_json(ctx, to_json(m, &d, weight, deps_json(m, deps)));
    else
        print_text(ctx, m, &d, deps, weight);
    for (int k = 0; k < 3; k++)
        nis5g_diversity_release(&deps[k]);
    nis5g_diversity_release(&d);
    nis5g_model_free(m);
    return rc;
}

const struct nis5g_cmd nis5g_cmd_diversity = {
    .name = "diversity",
    .usage = "diversity [--by FIELD[,FIELD...]] [--weight elements|subscribers] [--snapshot DATE] [--json]",
    .summary = "vendor shares and concentration (HHI) per group; single-vendor dependencies first",
    .help = "Options:\n"
            "  --by FIELDS       group by operator, domain, function, region and/or country\n"
            "                    (comma-separated or repeated; default: operator,domain;\n"
            "                    'none': one national group)\n"
            "  --weight W        count elements (default) or subscribers served (docs/diversity.md)\n"
            "  --snapshot DATE   use that snapshot (default: the latest)\n"
            "  --json            print the groups as JSON (see docs/json.md)\n",
    .flags = CMD_STORE_READ,
    .run_argv = run,
};
