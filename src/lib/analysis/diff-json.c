/*
 * diff-json.c — a diff (diff.h) as text values and as the document of
 * docs/json.md#diff, which the CLI's --json and GET /api/v1/diff give.
 */
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "nis5g/buf.h"
#include "nis5g/date.h"
#include "nis5g/diff.h"

static const char *const rule_status[3] = { "ok", "pending", "violation" };

static int cmp_str(const void *x, const void *y)
{
    return strcmp(*(char *const *)x, *(char *const *)y);
}

/* The dependencies of row as "E7" or "E9 (pool amf)", sorted; *out and
 * each string are the caller's. */
static size_t deps_text(const struct nis5g_model *m, uint32_t row, char ***out)
{
    uint32_t k0 = m->dep_off[row], n = m->dep_off[row + 1] - k0;
    char **v = nis5g_xcalloc(n + 1, sizeof *v);
    struct nis5g_buf b = NIS5G_BUF_INIT;
    for (uint32_t k = 0; k < n; k++) {
        nis5g_buf_reset(&b);
        nis5g_buf_adds(&b, nis5g_dict_str(&m->elements, m->dep[k0 + k]));
        if (m->dep_group[k0 + k] != NIS5G_NONE)
            nis5g_buf_addf(&b, " (pool %s)", nis5g_dict_str(&m->groups, m->dep_group[k0 + k]));
        v[k] = nis5g_xstrdup(b.data);
    }
    nis5g_buf_release(&b);
    qsort(v, n, sizeof *v, cmp_str);
    *out = v;
    return n;
}

static void deps_free(char **v, size_t n)
{
    for (size_t k = 0; k < n; k++)
        free(v[k]);
    free(v);
}

int nis5g_diff_value(const struct nis5g_model *m, uint32_t row, enum nis5g_diff_field f, struct nis5g_buf *out)
{
    char day[11];
    nis5g_buf_reset(out);
    switch (f) {
    case NIS5G_DF_OPERATOR: nis5g_buf_adds(out, nis5g_dict_str(&m->operators, m->el_operator[row])); break;
    case NIS5G_DF_DOMAIN: nis5g_buf_adds(out, nis5g_domain_names[m->el_domain[row]]); break;
    case NIS5G_DF_FUNCTION: nis5g_buf_adds(out, nis5g_dict_str(&m->functions, m->el_function[row])); break;
    case NIS5G_DF_VENDOR: nis5g_buf_adds(out, nis5g_dict_str(&m->vendors, m->el_vendor[row])); break;
    case NIS5G_DF_PRODUCT: nis5g_buf_adds(out, nis5g_dict_str(&m->products, m->el_product[row])); break;
    case NIS5G_DF_STATUS: nis5g_buf_adds(out, nis5g_status_names[m->el_status[row]]); break;
    case NIS5G_DF_SITE: nis5g_buf_adds(out, nis5g_dict_str(&m->sites, m->el_site[row])); break;
    case NIS5G_DF_INSTALLED:
        if (m->el_installed[row] != NIS5G_NO_DATE)
            nis5g_buf_adds(out, nis5g_date_format(m->el_installed[row], day));
        break;
    case NIS5G_DF_DEPENDENCIES: {
        char **v;
        size_t n = deps_text(m, row, &v);
        for (size_t k = 0; k < n; k++)
            nis5g_buf_addf(out, "%s%s", k ? ", " : "", v[k]);
        deps_free(v, n);
        break;
    }
    case NIS5G_DF_COUNT: break;
    }
    return out->len > 0;
}

/* A field's value as JSON: a string or null; the dependencies an array. */
static json_t *jvalue(const struct nis5g_model *m, uint32_t row, enum nis5g_diff_field f, struct nis5g_buf *b)
{
    if (f == NIS5G_DF_DEPENDENCIES) {
        char **v;
        size_t n = deps_text(m, row, &v);
        json_t *a = json_array();
        for (size_t k = 0; k < n; k++)
            json_array_append_new(a, json_string(v[k]));
        deps_free(v, n);
        return a;
    }
    return nis5g_diff_value(m, row, f, b) ? json_string(b->data) : json_null();
}

static json_t *jelement(const struct nis5g_model *m, uint32_t row, struct nis5g_buf *b)
{
    json_t *j = json_pack("{s:s}", "element", nis5g_dict_str(&m->elements, row));
    for (int f = 0; f < NIS5G_DF_DEPENDENCIES; f++)
        json_object_set_new(j, nis5g_diff_field_names[f], jvalue(m, row, f, b));
    return j;
}

static json_t *jchanged(const struct nis5g_diff *d, const struct nis5g_diff_changed *c, struct nis5g_buf *b)
{
    json_t *ch = json_array();
    for (int f = 0; f < NIS5G_DF_COUNT; f++)
        if (c->fields & (1u << f))
            json_array_append_new(ch, json_pack("{s:s, s:o, s:o}", "field", nis5g_diff_field_names[f], "from",
                                                jvalue(d->a, c->a, f, b), "to", jvalue(d->b, c->b, f, b)));
    return json_pack("{s:s, s:s, s:s, s:o}", "element", nis5g_dict_str(&d->b->elements, c->b), "operator",
                     nis5g_dict_str(&d->b->operators, d->b->el_operator[c->b]), "domain",
                     nis5g_domain_names[d->b->el_domain[c->b]], "changes", ch);
}

static json_t *jcounts(const struct nis5g_diff_count *c, size_t n, const char *key)
{
    json_t *a = json_array();
    for (size_t k = 0; k < n; k++)
        json_array_append_new(a, json_pack("{s:s, s:I, s:I, s:I, s:I, s:I}", key, c[k].name, "before",
                                           (json_int_t)c[k].before, "after", (json_int_t)c[k].after, "added",
                                           (json_int_t)c[k].added, "removed", (json_int_t)c[k].removed,
                                           "changed", (json_int_t)c[k].changed));
    return a;
}

static json_t *jnum(double x)
{
    return isnan(x) ? json_null() : json_real(x);
}

static size_t upto(size_t n, size_t limit)
{
    return limit && limit < n ? limit : n;
}

static json_t *jelements(const struct nis5g_diff *d, size_t limit)
{
    struct nis5g_buf b = NIS5G_BUF_INIT;
    json_t *added = json_array(), *removed = json_array(), *changed = json_array();
    for (size_t k = 0; k < upto(d->n_added, limit); k++)
        json_array_append_new(added, jelement(d->b, d->added[k], &b));
    for (size_t k = 0; k < upto(d->n_removed, limit); k++)
        json_array_append_new(removed, jelement(d->a, d->removed[k], &b));
    for (size_t k = 0; k < upto(d->n_changed, limit); k++)
        json_array_append_new(changed, jchanged(d, &d->changed[k], &b));
    nis5g_buf_release(&b);
    return json_pack("{s:o, s:o, s:o}", "added", added, "removed", removed, "changed", changed);
}

static json_t *jfigures(const struct nis5g_diff *d)
{
    json_t *hhi = json_array(), *shares = json_array(), *ks = json_array();
    for (int k = 0; k < NIS5G_DOM_COUNT; k++) {
        const struct nis5g_diff_hhi *h = &d->hhi[k];
        if (isnan(h->from) && isnan(h->to))
            continue;
        json_array_append_new(hhi, json_pack("{s:s, s:o, s:o, s:o}", "domain", nis5g_domain_names[k], "from",
                                             jnum(h->from), "to", jnum(h->to), "change",
                                             jnum(isnan(h->from) || isnan(h->to) ? NAN : h->to - h->from)));
    }
    for (size_t k = 0; k < d->n_shares; k++) {
        const struct nis5g_diff_share *s = &d->shares[k];
        json_array_append_new(shares, json_pack("{s:s, s:s, s:s, s:s, s:f, s:f, s:f}", "vendor", s->vendor,
                                                "profile_from", nis5g_risk_names[s->profile_from], "profile_to",
                                                nis5g_risk_names[s->profile_to], "domain",
                                                s->domain < 0 ? "all" : nis5g_domain_names[s->domain], "from",
                                                s->from, "to", s->to, "change", s->to - s->from));
    }
    for (size_t k = 0; k < d->n_ks; k++) {
        const struct nis5g_diff_ks *x = &d->ks[k];
        json_array_append_new(ks, json_pack("{s:s, s:{s:I, s:I}, s:{s:I, s:I}}", "vendor", x->vendor,
                                            "sites_lost", "from", (json_int_t)x->sites_from, "to",
                                            (json_int_t)x->sites_to, "subscribers_lost", "from",
                                            (json_int_t)x->subs_from, "to", (json_int_t)x->subs_to));
    }
    return json_pack("{s:o, s:o, s:{s:{s:I, s:I}, s:I, s:o}}", "hhi", hhi, "high_risk_shares", shares,
                     "killswitch", "radio_sites", "from", (json_int_t)d->radio_sites_from, "to",
                     (json_int_t)d->radio_sites_to, "vendors", (json_int_t)d->n_ks_vendors, "changed", ks);
}

static json_t *jrules(const struct nis5g_diff *d)
{
    if (!d->have_rules)
        return json_null();
    char day[11];
    json_t *a = json_array();
    for (size_t k = 0; k < d->n_rules; k++) {
        const struct nis5g_diff_rule *r = &d->rules[k];
        json_array_append_new(a, json_pack("{s:s, s:o, s:s, s:s, s:{s:I, s:I}}", "id", r->id, "title",
                                           r->title ? json_string(r->title) : json_null(), "from",
                                           rule_status[r->from], "to", rule_status[r->to], "findings", "from",
                                           (json_int_t)r->findings_from, "to", (json_int_t)r->findings_to));
    }
    return json_pack("{s:s, s:I, s:o}", "at", nis5g_date_format(d->at, day), "rules", (json_int_t)d->n_rules_all,
                     "changed", a);
}

json_t *nis5g_diff_to_json(const struct nis5g_diff *d, size_t limit)
{
    char da[11], db[11];
    json_t *j = json_pack("{s:s, s:s, s:{s:I, s:I, s:I, s:I, s:I, s:I}}", "from", nis5g_date_format(d->a->as_of, da),
                          "to", nis5g_date_format(d->b->as_of, db), "summary", "elements_from",
                          (json_int_t)d->a->n_elements, "elements_to", (json_int_t)d->b->n_elements, "added",
                          (json_int_t)d->n_added, "removed", (json_int_t)d->n_removed, "changed",
                          (json_int_t)d->n_changed, "unchanged", (json_int_t)d->n_unchanged);
    /* the lists hold at most `limit` elements each; the summary counts all */
    json_object_set_new(j, "limit", limit ? json_integer((json_int_t)limit) : json_null());
    json_object_update_new(j, jelements(d, limit));
    json_object_set_new(j, "by_operator", jcounts(d->by_operator, d->n_by_operator, "operator"));
    json_object_set_new(j, "by_domain", jcounts(d->by_domain, NIS5G_DOM_COUNT, "domain"));
    json_object_set_new(j, "by_vendor", jcounts(d->by_vendor, d->n_by_vendor, "vendor"));
    json_object_update_new(j, jfigures(d));
    json_object_set_new(j, "rules", jrules(d));
    return j;
}
