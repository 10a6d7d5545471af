/*
 * elements-list.c — the element listing alone (nis5g_elements_list) on the
 * EU27 workspace, the model loaded once as the server holds it: the time
 * of the questions a drill-down asks, each the best of 5 runs. Built and
 * run by bench-elements.sh; not part of make check.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "nis5g/date.h"
#include "nis5g/elements.h"
#include "nis5g/store.h"

static double now(void)
{
    struct timespec t;
    clock_gettime(CLOCK_MONOTONIC, &t);
    return (double)t.tv_sec + (double)t.tv_nsec / 1e9;
}

struct question {
    const char *what;
    const char *vendor, *operator, *domain, *region;
    int sort, desc, high;
    uint64_t offset, limit;
};

int main(int argc, char **argv)
{
    struct nis5g_store *st;
    struct nis5g_err err = { 0 };
    struct nis5g_snapshot snap;
    struct nis5g_model *m;
    if (argc < 2 || nis5g_store_open(argv[1], NIS5G_STORE_READONLY, &st, &err) ||
        nis5g_store_snapshot(st, NIS5G_NO_DATE, &snap, &err) ||
        nis5g_store_load_model(st, snap.id, NIS5G_PART_ALL, &m, &err)) {
        fprintf(stderr, "elements-list: %s\n", err.msg);
        return 1;
    }
    nis5g_model_index(m);
    uint8_t *high = calloc(m->vendors.n + 1, 1);
    uint32_t hw = nis5g_dict_finds(&m->vendors, "Huawei"), zte = nis5g_dict_finds(&m->vendors, "ZTE");
    if (hw != NIS5G_NONE)
        high[hw] = 1;
    if (zte != NIS5G_NONE)
        high[zte] = 1;
    const char *op = nis5g_dict_str(&m->operators, 0);
    static const struct question qs[] = {
        { "every element, by id, first page of 100", NULL, NULL, NULL, NULL, NIS5G_ES_ID, 0, 0, 0, 100 },
        { "every element, by vendor desc, page 50 (offset 4900)", NULL, NULL, NULL, NULL, NIS5G_ES_VENDOR, 1, 0, 4900, 100 },
        { "vendor Huawei, domain ran, by installed desc, 100", "Huawei", NULL, "ran", NULL, NIS5G_ES_INSTALLED, 1, 0, 0, 100 },
        { "high-risk, by site, 100", NULL, NULL, NULL, NULL, NIS5G_ES_SITE, 0, 1, 0, 100 },
        { "one operator, core, by function, 100", NULL, "", "core", NULL, NIS5G_ES_FUNCTION, 0, 0, 0, 100 },
        { "region AT13, by id, 100", NULL, NULL, NULL, "AT13", NIS5G_ES_ID, 0, 0, 0, 100 },
        { "every element, by id, page 100,000 of 100 (a selection)", NULL, NULL, NULL, NULL, NIS5G_ES_ID, 0, 0, 9999900, 100 },
    };
    for (size_t i = 0; i < sizeof qs / sizeof qs[0]; i++) {
        const struct question *q = &qs[i];
        double best = 1e9;
        uint64_t total = 0;
        for (int run = 0; run < 5; run++) {
            double t0 = now();
            struct nis5g_el_select s = { .sort = q->sort, .desc = q->desc, .high = high, .high_only = q->high,
                                         .offset = q->offset, .limit = q->limit };
            if ((q->vendor && nis5g_el_select_add(&s, m, NIS5G_EF_VENDOR, q->vendor, &err)) ||
                (q->operator && nis5g_el_select_add(&s, m, NIS5G_EF_OPERATOR, op, &err)) ||
                (q->domain && nis5g_el_select_add(&s, m, NIS5G_EF_DOMAIN, q->domain, &err)) ||
                (q->region && nis5g_el_select_add(&s, m, NIS5G_EF_REGION, q->region, &err))) {
                fprintf(stderr, "elements-list: %s\n", err.msg);
                return 1;
            }
            struct nis5g_el_page pg;
            nis5g_elements_list(m, &s, &pg, &err);
            double t = now() - t0;
            total = pg.total;
            nis5g_el_page_release(&pg);
            nis5g_el_select_release(&s);
            if (t < best)
                best = t;
            if (q->offset > 1000000) /* a full sort: once is enough */
                break;
        }
        printf("%-58s %10llu matching  %.3f s\n", q->what, (unsigned long long)total, best);
    }
    free(high);
    nis5g_model_free(m);
    nis5g_store_close(st);
    return 0;
}
