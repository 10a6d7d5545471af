/*
 * cmd-suppliers.c — `nis5g suppliers`: each vendor's risk factors, its
 * profile and what decided it (the factor rule of docs/profile.md, the
 * suppliers.csv designation, or a policy's designate line).
 */
#include <stdlib.h>
#include <string.h>

#include "cmd.h"
#include "nis5g/buf.h"
#include "nis5g/date.h"
#include "nis5g/policy.h"
#include "nis5g/profile.h"
#include "policy-load.h"

static int run(struct nis5g_ctx *ctx, int argc, char **argv)
{
    int json = 0;
    int32_t snap_day = NIS5G_NO_DATE;
    char **files = nis5g_xcalloc((size_t)argc, sizeof *files);
    size_t nf = 0;
    int rc = 0;
    for (int i = 1; i < argc; i++) {
        const char *v;
        int r;
        if (cli_is(argv[i], "--json")) {
            json = 1;
        } else if ((r = cli_opt(ctx, argc, argv, &i, "--policy", &v)) != 0) {
            if (r < 0) {
                free(files);
                return 2;
            }
            files[nf++] = (char *)v;
            while (i + 1 < argc && strncmp(argv[i + 1], "--", 2) != 0)
                files[nf++] = argv[++i];
        } else if ((r = cli_opt(ctx, argc, argv, &i, "--snapshot", &v)) != 0) {
            if (r < 0 || cli_date(ctx, "--snapshot", v, &snap_day)) {
                free(files);
                return 2;
            }
        } else {
            free(files);
            return cli_bad_option(ctx, argv[i]);
        }
    }
    struct nis5g_policy *p = NULL;
    if (nf && (rc = cli_load_policies(ctx, files, nf, &p)) != 0) {
        free(files);
        return rc;
    }
    free(files);
    struct nis5g_model *m = NULL;
    struct nis5g_snapshot snap;
    if ((rc = cli_load_model(ctx, snap_day, NIS5G_PART_BASE, &m, &snap)) != 0) {
        nis5g_policy_free(p);
        return rc;
    }
    /* Designations: a policy's designate lines, by vendor name. */
    size_t nd = 0;
    struct nis5g_designation *des = nis5g_xcalloc(p ? p->n_des + 1 : 1, sizeof *des);
    struct nis5g_diags d;
    nis5g_diags_init(&d);
    for (size_t i = 0; p && i < p->n_des; i++) {
        uint32_t v = nis5g_dict_finds(&m->vendors, p->des[i].vendor);
        if (v == NIS5G_NONE) {
            size_t sl;
            const char *src = nis5g_policy_line(p, p->des[i].file, p->des[i].line, &sl);
            nis5g_diags_add(&d, NIS5G_WARNING, NIS5G_EINPUT, p->des[i].file, p->des[i].line, p->des[i].col, src,
                            sl, p->des[i].vendor, strlen(p->des[i].vendor),
                            "unknown vendor in designation: not in the data");
            continue;
        }
        des[nd++] = (struct nis5g_designation){ v, p->des[i].risk, p->des[i].reason, p->des[i].where };
    }
    cli_print_diags(ctx, &d);
    nis5g_diags_release(&d);
    struct nis5g_profile *prof = nis5g_xcalloc(m->vendors.n + 1, sizeof *prof);
    nis5g_profiles(m, des, nd, prof);

    /* Vendors in name order, for people and diffs alike. */
    uint32_t *order = nis5g_xcalloc(m->vendors.n + 1, sizeof *order);
    for (uint32_t v = 0; v < m->vendors.n; v++)
        order[v] = v;
    for (uint32_t i = 1; i < m->vendors.n; i++) { /* insertion sort: vendors are few */
        uint32_t x = order[i], j = i;
        while (j > 0 && strcmp(nis5g_dict_str(&m->vendors, order[j - 1]), nis5g_dict_str(&m->vendors, x)) > 0) {
            order[j] = order[j - 1];
            j--;
        }
        order[j] = x;
    }
    if (json) {
        json_t *arr = json_array();
        for (uint32_t i = 0; i < m->vendors.n; i++) {
            uint32_t v = order[i];
            const struct nis5g_profile *pr = &prof[v];
            json_t *o = json_object();
            json_object_set_new(o, "vendor", json_string(nis5g_dict_str(&m->vendors, v)));
            int known = m->sup_known && m->sup_known[v];
            uint32_t cc = known && m->sup_country ? m->sup_country[v] : NIS5G_NONE;
            json_object_set_new(o, "country", cc == NIS5G_NONE ? json_null() : json_string(nis5g_dict_str(&m->countries, cc)));
            int so = known && m->sup_state_owned ? m->sup_state_owned[v] : -1;
            json_object_set_new(o, "state_owned", so < 0 ? json_null() : json_boolean(so));
            json_t *f = json_object();
            for (int k = 0; k < NIS5G_F_COUNT; k++) {
                uint8_t x = known ? nis5g_factor(m, v, (enum nis5g_factor)k) : NIS5G_FACTOR_UNSET;
                json_object_set_new(f, nis5g_factor_names[k], x == NIS5G_FACTOR_UNSET ? json_null() : json_integer(x));
            }
            json_object_set_new(o, "factors", f);
            json_object_set_new(o, "profile", json_string(nis5g_risk_names[pr->risk]));
            json_object_set_new(o, "rule_profile", known ? json_string(nis5g_risk_names[pr->rule_risk]) : json_null());
            json_object_set_new(o, "rule", pr->rule ? json_string(pr->rule) : json_null());
            json_object_set_new(o, "decided_by", json_string(nis5g_profile_source_names[pr->source]));
            json_object_set_new(o, "why", json_string(pr->why));
            uint32_t notes = known && m->sup_notes ? m->sup_notes[v] : NIS5G_NONE;
            json_object_set_new(o, "notes", notes == NIS5G_NONE ? json_null() : json_string(nis5g_dict_str(&m->text, notes)));
            json_array_append_new(arr, o);
        }
        char d1[11];
        rc = cli_print_json(ctx, json_pack("{s:s, s:o}", "snapshot", nis5g_date_format(snap.as_of, d1), "suppliers", arr));
    } else {
        struct cli_table *t = cli_table_new();
        static const char *const short_names[NIS5G_F_COUNT] = { "gov", "law", "chk", "own", "prs", "sup", "qlt" };
        cli_table_col(t, "vendor", 0);
        cli_table_col(t, "country", 0);
        for (int k = 0; k < NIS5G_F_COUNT; k++)
            cli_table_col(t, short_names[k], 1);
        cli_table_col(t, "profile", 0);
        cli_table_col(t, "decided by", 0);
        cli_table_col(t, "why", 0);
        for (uint32_t i = 0; i < m->vendors.n; i++) {
            uint32_t v = order[i];
            int known = m->sup_known && m->sup_known[v];
            cli_table_cell(t, nis5g_dict_str(&m->vendors, v));
            uint32_t cc = known && m->sup_country ? m->sup_country[v] : NIS5G_NONE;
            cli_table_cell(t, cc == NIS5G_NONE ? "-" : nis5g_dict_str(&m->countries, cc));
            for (int k = 0; k < NIS5G_F_COUNT; k++) {
                uint8_t x = known ? nis5g_factor(m, v, (enum nis5g_factor)k) : NIS5G_FACTOR_UNSET;
                if (x == NIS5G_FACTOR_UNSET)
                    cli_table_cell(t, "-");
                else
                    cli_table_cellf(t, "%d", x);
            }
            cli_table_cell(t, nis5g_risk_names[prof[v].risk]);
            cli_table_cell(t, nis5g_profile_source_names[prof[v].source]);
            cli_table_cell(t, prof[v].why);
        }
        cli_table_print(t, ctx->out);
        fprintf(ctx->out, "\nfactors: gov=gov_links law=intel_law chk=no_checks own=opaque_ownership "
                          "prs=pressure sup=supply_risk qlt=quality_issues (0-3); rule: docs/profile.md\n");
    }
    free(order);
    free(prof);
    free(des);
    nis5g_model_free(m);
    nis5g_policy_free(p);
    return rc;
}

const struct nis5g_cmd nis5g_cmd_suppliers = {
    .name = "suppliers",
    .usage = "suppliers [--policy FILE...] [--snapshot DATE] [--json]",
    .summary = "supplier risk profiles: factors, profile and what decided it",
    .help = "Options:\n"
            "  --policy FILE...  apply the designate lines of these policies (they win over suppliers.csv)\n"
            "  --snapshot DATE   use the snapshot of this as-of date (default: the latest)\n"
            "  --json            print {\"suppliers\":[{\"vendor\",\"factors\",\"profile\",\"decided_by\",\"why\",...}]}\n",
    .flags = CMD_STORE_READ,
    .run_argv = run,
};
