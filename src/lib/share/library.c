/*
 * library.c — the EU toolbox, the risk scenarios and their mapping as a
 * CISO Assistant library (library.h, docs/export-library.md).
 *
 * CISO Assistant's loader needs urn, ref_id, locale, version and objects at
 * the top; urn and ref_id on every threat, reference control and framework;
 * urn on every requirement node, whose threats and reference_controls must
 * name objects that exist and whose parent_urn must name an earlier node.
 * Reference control categories are among its own (policy, process,
 * technical, physical, procedure). URNs are lowercase, as the loader
 * stores them.
 */
#include <stdio.h>
#include <string.h>

#include "nis5g/library.h"

void nis5g_yaml_quote(struct nis5g_buf *b, const char *s, size_t n)
{
    nis5g_buf_addch(b, '"');
    for (size_t i = 0; i < n; i++) {
        unsigned char c = (unsigned char)s[i];
        unsigned char d = i + 1 < n ? (unsigned char)s[i + 1] : 0, e = i + 2 < n ? (unsigned char)s[i + 2] : 0;
        if (c == '"' || c == '\\') {
            nis5g_buf_addch(b, '\\');
            nis5g_buf_addch(b, (char)c);
        } else if (c == '\t') {
            nis5g_buf_adds(b, "\\t");
        } else if (c == '\n') {
            nis5g_buf_adds(b, "\\n");
        } else if (c == '\r') {
            nis5g_buf_adds(b, "\\r");
        } else if (c < 0x20 || c == 0x7f) {
            nis5g_buf_addf(b, "\\x%02X", c);
        } else if (c == 0xC2 && d >= 0x80 && d <= 0x9F) { /* C1 control U+0080..U+009F */
            nis5g_buf_addf(b, "\\x%02X", d);
            i++;
        } else if (c == 0xE2 && d == 0x80 && (e == 0xA8 || e == 0xA9)) { /* line, paragraph separator */
            nis5g_buf_addf(b, "\\u%04X", e == 0xA8 ? 0x2028 : 0x2029);
            i += 2;
        } else if (c == 0xEF && d == 0xBB && e == 0xBF) { /* byte-order mark */
            nis5g_buf_adds(b, "\\uFEFF");
            i += 2;
        } else {
            nis5g_buf_addch(b, (char)c);
        }
    }
    nis5g_buf_addch(b, '"');
}

static void put_str(struct nis5g_buf *b, const char *s)
{
    nis5g_yaml_quote(b, s, strlen(s));
}

/* `INDENTkey: "value"` and a newline. */
static void put_kv(struct nis5g_buf *b, const char *indent, const char *key, const char *value)
{
    nis5g_buf_addf(b, "%s%s: ", indent, key);
    put_str(b, value);
    nis5g_buf_addch(b, '\n');
}

/* "sm01" from "SM01": URNs are stored lowercase by the loader. */
static void lower(char *out, size_t cap, const char *s)
{
    size_t i = 0;
    for (; s[i] && i + 1 < cap; i++)
        out[i] = (char)(s[i] >= 'A' && s[i] <= 'Z' ? s[i] + 32 : s[i]);
    out[i] = 0;
}

static void urn(char *out, size_t cap, const char *type, const char *id)
{
    char low[64];
    lower(low, sizeof low, id);
    snprintf(out, cap, NIS5G_LIBRARY_URN ":%s:" NIS5G_LIBRARY_ID "%s%s", type, *low ? ":" : "", low);
}

/* The three families of the toolbox, in the order of toolbox.csv's kinds. */
static const struct family {
    const char *kind, *ref, *name, *one, *category, *what;
} families[3] = {
    { "strategic", "SM", "Strategic measures", "Strategic measure", "policy",
      "Measures of the toolbox that national authorities take: the regulatory powers, the risk profiles of suppliers and "
      "their restriction, diversity and resilience." },
    { "technical", "TM", "Technical measures", "Technical measure", "technical",
      "Measures of the toolbox that strengthen the security of 5G networks and equipment: baseline requirements, access "
      "controls, software integrity, physical security, procurement conditions, certification and continuity." },
    { "supporting", "SA", "Supporting actions", "Supporting action", "process",
      "Actions that enable, assist or improve the effectiveness of the strategic and technical measures." },
};

static const struct family *family_of(const struct nis5g_measure_def *m)
{
    for (int f = 0; f < 3; f++)
        if (strcmp(m->kind, families[f].kind) == 0)
            return &families[f];
    return &families[0]; /* the catalogue allows only the three kinds */
}

/* "R3 (lowers likelihood), R5 (lowers impact)" for measure k. */
static void mitigates(const struct nis5g_catalog *c, size_t k, struct nis5g_buf *b)
{
    for (size_t i = 0; i < c->n_mapping; i++)
        if (c->mapping[i].measure == k)
            nis5g_buf_addf(b, "%s%s (lowers %s)", b->len ? ", " : "", c->scenarios[c->mapping[i].scenario].id,
                           nis5g_lowers_names[c->mapping[i].lowers]);
}

static void put_header(struct nis5g_buf *b)
{
    char u[160];
    urn(u, sizeof u, "library", "");
    put_kv(b, "", "urn", u);
    put_kv(b, "", "locale", "en");
    put_kv(b, "", "ref_id", "EU-5G-TOOLBOX");
    put_kv(b, "", "name", "EU toolbox of risk mitigating measures for 5G networks");
    put_kv(b, "", "description",
           "The measures of the EU toolbox for 5G security (strategic measures SM, technical measures TM, supporting "
           "actions SA), the nine risk scenarios of the EU coordinated risk assessment of 5G networks (R1-R9) as "
           "threats, and which measure mitigates which scenario, as nis5g assesses them (its data/toolbox.csv, "
           "data/scenarios.csv and data/mapping.csv).");
    put_kv(b, "", "copyright",
           "Measures and scenarios: NIS Cooperation Group, Cybersecurity of 5G networks - EU Toolbox of risk "
           "mitigating measures (2020) and EU coordinated risk assessment of the cybersecurity of 5G networks (2019). "
           "Mapping of measures to scenarios: nis5g.");
    nis5g_buf_adds(b, "version: 1\n");
    put_kv(b, "", "provider", "NIS Cooperation Group");
    put_kv(b, "", "packager", "nis5g");
    nis5g_buf_adds(b, "objects:\n");
}

static void put_threats(const struct nis5g_catalog *c, struct nis5g_buf *b, struct nis5g_buf *tmp)
{
    char u[160];
    nis5g_buf_adds(b, "  threats:\n");
    for (int s = 0; s < NIS5G_N_SCENARIOS; s++) {
        const struct nis5g_scenario *sc = &c->scenarios[s];
        urn(u, sizeof u, "threat", sc->id);
        nis5g_buf_adds(b, "  - ");
        put_kv(b, "", "urn", u);
        put_kv(b, "    ", "ref_id", sc->id);
        put_kv(b, "    ", "name", sc->title);
        nis5g_buf_reset(tmp);
        nis5g_buf_addf(tmp, "Risk scenario of the EU coordinated risk assessment of 5G networks (%s). Threatens: ",
                       sc->group);
        for (const char *p = sc->threats; *p; p++)
            nis5g_buf_adds(tmp, *p == ';' ? ", " : (char[]){ *p, 0 });
        nis5g_buf_adds(tmp, ". Threat actors: ");
        for (size_t a = 0; a < sc->n_actors; a++)
            nis5g_buf_addf(tmp, "%s%s", a ? ", " : "", c->actors[sc->actors[a]].name);
        nis5g_buf_adds(tmp, ".");
        put_kv(b, "    ", "description", tmp->data);
    }
}

static void put_controls(const struct nis5g_catalog *c, struct nis5g_buf *b, struct nis5g_buf *tmp)
{
    char u[160];
    nis5g_buf_adds(b, "  reference_controls:\n");
    for (size_t k = 0; k < c->n_measures; k++) {
        const struct nis5g_measure_def *m = &c->measures[k];
        const struct family *f = family_of(m);
        urn(u, sizeof u, "reference_control", m->code);
        nis5g_buf_adds(b, "  - ");
        put_kv(b, "", "urn", u);
        put_kv(b, "    ", "ref_id", m->code);
        put_kv(b, "    ", "name", m->title);
        put_kv(b, "    ", "category", f->category);
        nis5g_buf_reset(tmp);
        mitigates(c, k, tmp);
        struct nis5g_buf d;
        nis5g_buf_init(&d);
        nis5g_buf_addf(&d, "%s of the EU toolbox for 5G networks (%s).", f->one, m->code);
        if (tmp->len)
            nis5g_buf_addf(&d, " Mitigates %s.", tmp->data);
        put_kv(b, "    ", "description", d.data);
        nis5g_buf_release(&d);
    }
}

/* One assessable node per measure under its family's node. */
static void put_measure_node(const struct nis5g_catalog *c, size_t k, struct nis5g_buf *b,
                             struct nis5g_library_counts *n)
{
    const struct nis5g_measure_def *m = &c->measures[k];
    const struct family *f = family_of(m);
    char u[160];
    urn(u, sizeof u, "req_node", m->code);
    nis5g_buf_adds(b, "    - ");
    put_kv(b, "", "urn", u);
    nis5g_buf_adds(b, "      assessable: true\n      depth: 2\n");
    urn(u, sizeof u, "req_node", f->ref);
    put_kv(b, "      ", "parent_urn", u);
    put_kv(b, "      ", "ref_id", m->code);
    put_kv(b, "      ", "name", m->title);
    struct nis5g_buf d;
    nis5g_buf_init(&d);
    nis5g_buf_addf(&d, "The measure %s of the EU toolbox is in place: %s.", m->code, m->title);
    put_kv(b, "      ", "description", d.data);
    nis5g_buf_release(&d);
    int any = 0;
    for (size_t i = 0; i < c->n_mapping; i++) {
        if (c->mapping[i].measure != k)
            continue;
        if (!any++)
            nis5g_buf_adds(b, "      threats:\n");
        urn(u, sizeof u, "threat", c->scenarios[c->mapping[i].scenario].id);
        nis5g_buf_adds(b, "      - ");
        put_str(b, u);
        nis5g_buf_addch(b, '\n');
        n->links++;
    }
    nis5g_buf_adds(b, "      reference_controls:\n");
    urn(u, sizeof u, "reference_control", m->code);
    nis5g_buf_adds(b, "      - ");
    put_str(b, u);
    nis5g_buf_addch(b, '\n');
    n->requirement_nodes++;
}

static void put_framework(const struct nis5g_catalog *c, struct nis5g_buf *b, struct nis5g_library_counts *n)
{
    char u[160];
    nis5g_buf_adds(b, "  framework:\n");
    urn(u, sizeof u, "framework", "");
    put_kv(b, "    ", "urn", u);
    put_kv(b, "    ", "ref_id", "EU-5G-TOOLBOX");
    put_kv(b, "    ", "name", "EU toolbox of risk mitigating measures for 5G networks");
    put_kv(b, "    ", "description",
           "One requirement per measure of the EU toolbox, grouped in strategic measures, technical measures and "
           "supporting actions; each names the risk scenarios (R1-R9) it mitigates.");
    nis5g_buf_adds(b, "    requirement_nodes:\n");
    for (int f = 0; f < 3; f++) {
        urn(u, sizeof u, "req_node", families[f].ref);
        nis5g_buf_adds(b, "    - ");
        put_kv(b, "", "urn", u);
        nis5g_buf_adds(b, "      assessable: false\n      depth: 1\n");
        put_kv(b, "      ", "ref_id", families[f].ref);
        put_kv(b, "      ", "name", families[f].name);
        put_kv(b, "      ", "description", families[f].what);
        n->requirement_nodes++;
        for (size_t k = 0; k < c->n_measures; k++)
            if (family_of(&c->measures[k]) == &families[f])
                put_measure_node(c, k, b, n);
    }
}

void nis5g_library_yaml(const struct nis5g_catalog *c, struct nis5g_buf *out, struct nis5g_library_counts *counts)
{
    struct nis5g_library_counts n = { .threats = NIS5G_N_SCENARIOS, .reference_controls = c->n_measures };
    struct nis5g_buf tmp;
    nis5g_buf_init(&tmp);
    put_header(out);
    put_threats(c, out, &tmp);
    put_controls(c, out, &tmp);
    put_framework(c, out, &n);
    nis5g_buf_release(&tmp);
    if (counts)
        *counts = n;
}
