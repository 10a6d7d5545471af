/*
 * package-killswitch.c — the killswitch section of a national package from
 * the resilience module (package.h). Only percentages leave the country:
 * no site, element or dependency chain.
 */
#include <math.h>
#include <stdlib.h>

#include "nis5g/package.h"

#include "nis5g/resilience.h"

int nis5g_package_add_killswitch(json_t *sections, const struct nis5g_model *m, struct nis5g_err *err)
{
    unsigned need = NIS5G_PART_ELEMENTS | NIS5G_PART_LINKS;
    if ((m->parts & need) != need)
        return nis5g_err_set(err, NIS5G_EINTERNAL, "the model lacks the links the kill-switch needs");
    uint32_t nv = m->vendors.n;
    uint8_t *has = calloc(nv ? nv : 1, 1);
    if (!has)
        return nis5g_err_set(err, NIS5G_ENOMEM, "out of memory");
    for (uint32_t e = 0; e < m->n_elements; e++)
        if (m->el_status[e] == NIS5G_ST_ACTIVE)
            has[m->el_vendor[e]] = 1;
    uint16_t *ids = nis5g_xcalloc(nv ? nv : 1, sizeof *ids);
    struct nis5g_ks_scenario *sc = nis5g_xcalloc(nv ? nv : 1, sizeof *sc);
    size_t n = 0;
    for (uint32_t v = 0; v < nv; v++)
        if (has[v]) {
            ids[n] = (uint16_t)v;
            sc[n].vendors = &ids[n];
            sc[n].n_vendors = 1;
            n++;
        }
    struct nis5g_radio_sites rs;
    nis5g_radio_sites_build(m, &rs);
    struct nis5g_ks_result *res = nis5g_xcalloc(n ? n : 1, sizeof *res);
    nis5g_killswitch_run(m, &rs, sc, n, res, NULL, NULL);
    json_t *arr = json_array();
    for (size_t i = 0; i < n; i++) {
        double sp = rs.n_base ? 100.0 * res[i].sites_lost / rs.n_base : 0;
        double bp = rs.subs_base > 0 ? 100.0 * (double)res[i].subs_lost / (double)rs.subs_base : 0;
        json_array_append_new(arr, json_pack("{s:s, s:f, s:f}", "vendor", nis5g_dict_str(&m->vendors, ids[i]),
                                             "sites_lost_pct", round(sp * 100) / 100, "subscribers_lost_pct",
                                             round(bp * 100) / 100));
        nis5g_ks_result_release(&res[i]);
    }
    free(res);
    nis5g_radio_sites_release(&rs);
    free(sc);
    free(ids);
    free(has);
    json_object_set_new(sections, "killswitch", arr);
    return 0;
}
