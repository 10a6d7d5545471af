/*
 * cmd-whatif.c — `nis5g whatif ban VENDOR`: the elements to replace, the
 * estimated cost, the months needed at a replacement rate, and the vendor
 * shares and HHI after the replacement (whatif.h).
 */
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "cmd.h"
#include "nis5g/buf.h"
#include "nis5g/data.h"
#include "nis5g/date.h"
#include "nis5g/whatif.h"

static json_t *groups_json(const struct nis5g_model *m, const struct nis5g_diversity *d)
{
    json_t *groups = json_array();
    for (size_t i = 0; i < d->n_groups; i++) {
        const struct nis5g_div_group *g = &d->groups[i];
        json_t *o = json_object();
        for (int f = 0; f < NIS5G_DIV_NFIELDS; f++)
            if (d->fields & (1u << f))
                json_object_set_new(o, nis5g_div_field_names[f], json_string(nis5g_div_key_name(m, f, g->key[f])));
        json_object_set_new(o, "total", json_real(g->total));
        json_object_set_new(o, "hhi", json_real(g->hhi));
        json_t *vs = json_array();
        for (uint32_t k = 0; k < g->n_vendors; k++) {
            const struct nis5g_div_vendor *v = &d->vendors[g->vend_off + k];
            json_array_append_new(vs, json_pack("{s:s, s:f, s:f}", "vendor", nis5g_div_vendor_name(m, v->vendor),
                                                "count", v->count, "share", v->share));
        }
        json_object_set_new(o, "vendors", vs);
        json_array_append_new(groups, o);
    }
    return json_pack("{s:o}", "groups", groups);
}

static const struct nis5g_div_group *same_group(const struct nis5g_diversity *d, const struct nis5g_div_group *g)
{
    for (size_t i = 0; i < d->n_groups; i++)
        if (memcmp(d->groups[i].key, g->key, sizeof g->key) == 0)
            return &d->groups[i];
    return NULL;
}

static void vendors_text(const struct nis5g_model *m, const struct nis5g_diversity *d,
                         const struct nis5g_div_group *g, struct nis5g_buf *b)
{
    for (uint32_t k = 0; g && k < g->n_vendors; k++) {
        if (k == 5) {
            nis5g_buf_addf(b, ", +%u more", g->n_vendors - k);
            break;
        }
        const struct nis5g_div_vendor *v = &d->vendors[g->vend_off + k];
        nis5g_buf_addf(b, "%s%s %.1f%%", k ? ", " : "", nis5g_div_vendor_name(m, v->vendor), 100 * v->share);
    }
}

/* Before/after table of the groups whose vendor list changed. */
static void change_table(struct nis5g_ctx *ctx, const struct nis5g_model *m, const struct nis5g_diversity *before,
                         const struct nis5g_diversity *after)
{
    struct cli_table *t = cli_table_new();
    for (int f = 0; f < NIS5G_DIV_NFIELDS; f++)
        if (before->fields & (1u << f))
            cli_table_col(t, nis5g_div_field_names[f], 0);
    cli_table_col(t, "HHI before", 1);
    cli_table_col(t, "HHI after", 1);
    cli_table_col(t, "vendors after (share)", 0);
    for (size_t i = 0; i < before->n_groups; i++) {
        const struct nis5g_div_group *g = &before->groups[i], *a = same_group(after, g);
        int changed = !a || a->n_vendors != g->n_vendors || fabs(a->hhi - g->hhi) > 1e-9;
        for (uint32_t k = 0; a && !changed && k < g->n_vendors; k++)
            changed = before->vendors[g->vend_off + k].vendor != after->vendors[a->vend_off + k].vendor;
        if (!changed)
            continue;
        for (int f = 0; f < NIS5G_DIV_NFIELDS; f++)
            if (before->fields & (1u << f))
                cli_table_cell(t, nis5g_div_key_name(m, f, g->key[f]));
        cli_table_cellf(t, "%.0f", g->hhi);
        cli_table_cellf(t, "%.0f", a ? a->hhi : 0.0);
        struct nis5g_buf b = NIS5G_BUF_INIT;
        vendors_text(m, after, a, &b);
        cli_table_cell(t, b.data);
        nis5g_buf_release(&b);
    }
    cli_table_print(t, ctx->out);
}

static int parse_domains(struct nis5g_ctx *ctx, const char *v, unsigned *mask)
{
    const char *p = v;
    while (*p) {
        const char *q = strchr(p, ',');
        size_t n = q ? (size_t)(q - p) : strlen(p);
        int d = nis5g_name_index(nis5g_domain_names, NIS5G_DOM_COUNT, p, n);
        if (d < 0) {
            cli_fail(ctx, NIS5G_EUSAGE, "unknown domain '%.*s' (expected ran, transport, core, management, edge, "
                                        "interconnect or infrastructure)", (int)n, p);
            return -1;
        }
        *mask |= 1u << d;
        p += n;
        if (*p == ',')
            p++;
    }
    return 0;
}

static int run(struct nis5g_ctx *ctx, int argc, char **argv)
{
    if (argc < 2 || strcmp(argv[1], "ban") != 0)
        return cli_fail(ctx, NIS5G_EUSAGE, "expected 'whatif ban VENDOR' (usage: nis5g whatif ban VENDOR ...)");
    int json = 0;
    unsigned domains = 0;
    double rate = 0;
    const char *vendor = NULL, *costs_path = NULL;
    int32_t snap = NIS5G_NO_DATE;
    int rc = 0;
    for (int i = 2; i < argc && !rc; i++) {
        const char *v;
        int r;
        if (cli_is(argv[i], "--json"))
            json = 1;
        else if ((r = cli_opt(ctx, argc, argv, &i, "--domains", &v)))
            rc = r < 0 || parse_domains(ctx, v, &domains) ? 2 : 0;
        else if ((r = cli_opt(ctx, argc, argv, &i, "--costs", &v)))
            rc = r < 0 ? 2 : (costs_path = v, 0);
        else if ((r = cli_opt(ctx, argc, argv, &i, "--snapshot", &v)))
            rc = r < 0 || cli_date(ctx, "--snapshot", v, &snap) ? 2 : 0;
        else if ((r = cli_opt(ctx, argc, argv, &i, "--rate", &v))) {
            if (r < 0) {
                rc = 2;
                break;
            }
            char *end;
            rate = strtod(v, &end);
            if (end == v || !(rate > 0) || isinf(rate) || (*end && strcmp(end, "/month") != 0))
                rc = cli_fail(ctx, NIS5G_EUSAGE, "expected --rate N/month with N > 0, got '%s'", v);
        } else if (argv[i][0] == '-' && argv[i][1])
            rc = cli_bad_option(ctx, argv[i]);
        else if (!vendor)
            vendor = argv[i];
        else
            rc = cli_fail(ctx, NIS5G_EUSAGE, "one vendor at a time: unexpected '%s'", argv[i]);
    }
    if (!rc && !vendor)
        rc = cli_fail(ctx, NIS5G_EUSAGE, "expected the vendor to ban: nis5g whatif ban VENDOR");
    if (rc)
        return rc;

    struct nis5g_costs costs;
    nis5g_costs_init(&costs);
    struct nis5g_err err = { 0 };
    struct nis5g_buf path = NIS5G_BUF_INIT;
    if (nis5g_data_path("costs.csv", &path, &err) == NIS5G_OK) {
        if (nis5g_costs_load(&costs, path.data, &err))
            rc = cli_fail_err(ctx, &err);
    } else if (!costs_path) {
        rc = cli_fail_err(ctx, &err);
    }
    if (!rc && costs_path && nis5g_costs_load(&costs, costs_path, &err))
        rc = cli_fail_err(ctx, &err);
    if (rc) {
        nis5g_buf_release(&path);
        nis5g_costs_release(&costs);
        return rc;
    }

    struct nis5g_model *m;
    if ((rc = cli_load_model(ctx, snap, NIS5G_PART_ELEMENTS, &m, NULL))) {
        nis5g_buf_release(&path);
        nis5g_costs_release(&costs);
        return rc;
    }
    uint32_t vid = nis5g_dict_finds(&m->vendors, vendor);
    struct nis5g_whatif w;
    memset(&w, 0, sizeof w);
    if (vid == NIS5G_NONE)
        rc = cli_fail(ctx, NIS5G_EUSAGE, "unknown vendor '%s'", vendor);
    else if (nis5g_whatif_ban(m, (uint16_t)vid, domains, &costs, &w, &err))
        rc = cli_fail_err(ctx, &err);
    if (rc)
        goto out;

    double months = rate > 0 ? ceil((double)w.elements / rate) : -1;
    char a[32], b[32];
    if (json) {
        json_t *doms = json_array();
        for (int d = 0; d < NIS5G_DOM_COUNT; d++)
            if (w.domains & (1u << d))
                json_array_append_new(doms, json_string(nis5g_domain_names[d]));
        json_t *per_op = json_object();
        for (uint32_t o = 0; o < m->operators.n; o++)
            if (w.op_elements[o])
                json_object_set_new(per_op, nis5g_dict_str(&m->operators, o), json_integer((json_int_t)w.op_elements[o]));
        json_t *lines = json_array();
        for (size_t i = 0; i < w.n_lines; i++) {
            const struct nis5g_whatif_line *l = &w.lines[i];
            json_array_append_new(
                lines, json_pack("{s:s, s:s, s:I, s:o, s:o, s:s}", "domain", nis5g_domain_names[l->domain], "function",
                                 nis5g_dict_str(&m->functions, l->function), "elements", (json_int_t)l->elements,
                                 "unit_cost_eur", l->unit_cost >= 0 ? json_real(l->unit_cost) : json_null(), "cost_eur",
                                 l->unit_cost >= 0 ? json_real(l->cost) : json_null(), "source", l->source));
        }
        char day[11];
        json_t *o = json_pack("{s:s, s:s, s:o, s:I, s:o, s:o, s:f, s:b, s:o, s:o, s:o, s:o, s:o, s:o}", "as_of",
                              nis5g_date_format(m->as_of, day), "vendor", vendor, "domains", doms, "elements",
                              (json_int_t)w.elements, "per_operator", per_op, "replace", lines, "cost_eur", w.cost,
                              "cost_complete", w.cost_complete, "rate_per_month", rate > 0 ? json_real(rate) : json_null(),
                              "months", months >= 0 ? json_integer((json_int_t)months) : json_null(), "before",
                              groups_json(m, &w.before), "after", groups_json(m, &w.after), "national_before",
                              groups_json(m, &w.before_dom), "national_after", groups_json(m, &w.after_dom));
        rc = cli_print_json(ctx, o);
        goto out;
    }
    FILE *f = ctx->out;
    struct nis5g_buf doms = NIS5G_BUF_INIT;
    for (int d = 0; d < NIS5G_DOM_COUNT; d++)
        if (w.domains & (1u << d))
            nis5g_buf_addf(&doms, "%s%s", doms.len ? ", " : "", nis5g_domain_names[d]);
    fprintf(f, "Ban %s from %s: %s active element%s to replace\n", vendor,
            w.domains == (1u << NIS5G_DOM_COUNT) - 1 ? "every domain" : doms.data, cli_num((long long)w.elements, a),
            w.elements == 1 ? "" : "s");
    nis5g_buf_release(&doms);
    if (!w.elements) {
        fprintf(f, "nothing to replace\n");
        goto out;
    }
    struct cli_table *t = cli_table_new();
    cli_table_col(t, "domain", 0);
    cli_table_col(t, "function", 0);
    cli_table_col(t, "elements", 1);
    cli_table_col(t, "unit cost (EUR)", 1);
    cli_table_col(t, "cost (EUR)", 1);
    for (size_t i = 0; i < w.n_lines; i++) {
        const struct nis5g_whatif_line *l = &w.lines[i];
        cli_table_cell(t, nis5g_domain_names[l->domain]);
        cli_table_cell(t, nis5g_dict_str(&m->functions, l->function));
        cli_table_cell(t, cli_num((long long)l->elements, a));
        cli_table_cell(t, l->unit_cost >= 0 ? cli_num(llround(l->unit_cost), a) : "unknown");
        cli_table_cell(t, l->unit_cost >= 0 ? cli_num(llround(l->cost), b) : "unknown");
    }
    cli_table_cell(t, "total");
    cli_table_cell(t, "");
    cli_table_cell(t, cli_num((long long)w.elements, a));
    cli_table_cell(t, "");
    cli_table_cell(t, cli_num(llround(w.cost), b));
    cli_table_print(t, f);
    if (!w.cost_complete)
        fprintf(f, "(some functions have no unit cost; the total leaves them out)\n");
    fprintf(f, "unit costs: %s%s%s\n", path.len ? "data/costs.csv (assumptions, see data/costs.md)" : "",
            costs_path && path.len ? " overridden by " : "", costs_path ? costs_path : "");
    /* Per operator, most elements first (at most 10 named). */
    uint32_t nop = 0, shown = 0;
    for (uint32_t o = 0; o < m->operators.n; o++)
        nop += w.op_elements[o] != 0;
    uint8_t *done = nis5g_xcalloc(m->operators.n ? m->operators.n : 1, 1);
    fprintf(f, "\nper operator:");
    while (shown < nop && shown < 10) {
        uint32_t best = NIS5G_NONE;
        for (uint32_t o = 0; o < m->operators.n; o++)
            if (!done[o] && w.op_elements[o] && (best == NIS5G_NONE || w.op_elements[o] > w.op_elements[best]))
                best = o;
        done[best] = 1;
        fprintf(f, "%s %s %s", shown ? "," : "", nis5g_dict_str(&m->operators, best),
                cli_num((long long)w.op_elements[best], a));
        shown++;
    }
    free(done);
    if (nop > shown)
        fprintf(f, ", +%u more operators", nop - shown);
    fprintf(f, "\n");
    if (rate > 0)
        fprintf(f, "at %g a month: %.0f month%s\n", rate, months, months == 1 ? "" : "s");
    fprintf(f, "\nNational shares by domain, before and after the replacement\n");
    change_table(ctx, m, &w.before_dom, &w.after_dom);
    fprintf(f, "\nBy operator and domain\n");
    change_table(ctx, m, &w.before, &w.after);
out:
    nis5g_whatif_release(&w);
    nis5g_buf_release(&path);
    nis5g_costs_release(&costs);
    nis5g_model_free(m);
    return rc;
}

const struct nis5g_cmd nis5g_cmd_whatif = {
    .name = "whatif",
    .usage = "whatif ban VENDOR [--domains D,...] [--rate N/month] [--costs FILE] [--snapshot DATE] [--json]",
    .summary = "what banning a vendor would take: elements, cost, months, diversity after",
    .help = "Options:\n"
            "  --domains D,...   ban from these domains only (default: every domain)\n"
            "  --rate N/month    replacements a month; gives the months needed\n"
            "  --costs FILE      unit costs overriding data/costs.csv (same columns; see docs/whatif.md)\n"
            "  --snapshot DATE   use that snapshot (default: the latest)\n"
            "  --json            print the plan as JSON (see docs/json.md)\n",
    .flags = CMD_STORE_READ,
    .run_argv = run,
};
