/*
 * test-catalog.c — the shipped catalogues load; a broken one gets an error
 * with its file, line and column; elements fall into asset classes.
 */
#include <stdlib.h>
#include <unistd.h>

#include "harness.h"
#include "nis5g/buf.h"
#include "nis5g/catalog.h"
#include "nis5g/data.h"

static char dir[64];

TEST(shipped)
{
    struct nis5g_catalog c;
    struct nis5g_diags d;
    nis5g_diags_init(&d);
    ASSERT_EQ_INT(nis5g_catalog_load(&c, &d), NIS5G_OK);
    ASSERT_EQ_INT(d.errors, 0);
    ASSERT_EQ_INT(c.n_measures, 29);
    ASSERT_EQ_INT(c.n_mapping, 35);
    ASSERT_EQ_INT(c.n_actors, 7);
    ASSERT_EQ_INT(c.n_classes, 10);
    ASSERT_EQ_STR(c.scenarios[4].id, "R5");
    ASSERT_EQ_STR(c.scenarios[4].title, "State interference through the 5G supply chain");
    ASSERT_EQ_INT(c.scenarios[4].n_actors, 1);
    ASSERT_EQ_STR(c.actors[c.scenarios[4].actors[0]].id, "state");
    int tm03 = nis5g_catalog_measure(&c, "TM03", 4);
    ASSERT(tm03 >= 0);
    ASSERT_EQ_STR(c.measures[tm03].title, "Strict access controls");
    ASSERT_EQ_STR(c.measures[tm03].kind, "technical");
    ASSERT_EQ_INT(nis5g_catalog_measure(&c, "TM12", 4), -1);
    /* every scenario has at least one measure */
    int per[9] = { 0 };
    for (size_t i = 0; i < c.n_mapping; i++)
        per[c.mapping[i].scenario]++;
    for (int k = 0; k < 9; k++)
        ASSERT(per[k] > 0);
    ASSERT_EQ_INT(per[0], 6); /* R1 TM01 TM02 TM05 SM02 SA01 SA04 */
    nis5g_catalog_release(&c);
    nis5g_diags_release(&d);
}

/* Copy the shipped files to dir, replace one by text, load, and return the
 * first diagnostic as "file:line:col: msg". */
static void broken(const char *file, const char *text, char *out, size_t n)
{
    const char *names[] = { "scenarios.csv", "toolbox.csv", "mapping.csv", "assets.csv", "threat-actors.csv" };
    for (int i = 0; i < 5; i++) {
        struct nis5g_buf p = NIS5G_BUF_INIT, q = NIS5G_BUF_INIT;
        nis5g_data_path(names[i], &p, NULL);
        nis5g_buf_addf(&q, "%s/%s", dir, names[i]);
        char *data;
        size_t len;
        FILE *f = fopen(q.data, "w");
        if (strcmp(names[i], file) == 0)
            fputs(text, f);
        else if (nis5g_read_file(p.data, &data, &len) == 0) {
            fwrite(data, 1, len, f);
            free(data);
        }
        fclose(f);
        nis5g_buf_release(&p);
        nis5g_buf_release(&q);
    }
    struct nis5g_catalog c;
    struct nis5g_diags d;
    nis5g_diags_init(&d);
    int rc = nis5g_catalog_load_dir(&c, dir, &d);
    if (rc == 0) {
        snprintf(out, n, "(loaded)");
        nis5g_catalog_release(&c);
    } else if (d.n) {
        snprintf(out, n, "%s:%d:%d: %s%s%s%s", d.v[0].file, d.v[0].line, d.v[0].col, d.v[0].msg,
                 d.v[0].got ? " — got '" : "", d.v[0].got ? d.v[0].got : "", d.v[0].got ? "'" : "");
    } else {
        snprintf(out, n, "(no diagnostic)");
    }
    nis5g_diags_release(&d);
}

TEST(errors)
{
    char got[400];
    broken("toolbox.csv", "measure,kind,title\nSM01,strategic,A\nTM3,technical,B\n", got, sizeof got);
    ASSERT_EQ_STR(got, "toolbox.csv:3:1: expected a measure code: SM, TM or SA and two digits (e.g. TM03) — got 'TM3'");
    broken("toolbox.csv", "measure,kind,title\nSM01,strategic,A\nSM01,strategic,B\n", got, sizeof got);
    ASSERT_EQ_STR(got, "toolbox.csv:3:1: duplicate measure — got 'SM01'");
    broken("toolbox.csv", "measure,kind,title\nTM01,strategic,A\n", got, sizeof got);
    ASSERT_EQ_STR(got, "toolbox.csv:2:6: expected the kind 'technical' for a TM measure — got 'strategic'");
    broken("toolbox.csv", "measure,kind,titel\n", got, sizeof got);
    ASSERT_EQ_STR(got, "toolbox.csv:1:14: unknown column (toolbox.csv has: measure, kind, title) — got 'titel'");
    broken("mapping.csv", "scenario,measure,lowers\nR1,TM01,likelihood\nR1,TM99,impact\n", got, sizeof got);
    ASSERT_EQ_STR(got, "mapping.csv:3:4: unknown measure (not in toolbox.csv) — got 'TM99'");
    broken("mapping.csv", "scenario,measure,lowers\nR10,TM01,likelihood\n", got, sizeof got);
    ASSERT_EQ_STR(got, "mapping.csv:2:1: unknown scenario (expected R1-R9 of scenarios.csv) — got 'R10'");
    broken("mapping.csv", "scenario,measure,lowers\nR1,TM01,both\n", got, sizeof got);
    ASSERT_EQ_STR(got, "mapping.csv:2:9: expected what the measure lowers: likelihood or impact — got 'both'");
    broken("assets.csv", "class,name,sensitivity\ncore,Core,high\n", got, sizeof got);
    ASSERT_EQ_STR(got, "assets.csv:2:11: expected a sensitivity: critical, sensitive or standard — got 'high'");
    broken("assets.csv", "class,name,sensitivity,domains\ncore,Core,critical,cor\n", got, sizeof got);
    ASSERT_EQ_STR(got, "assets.csv:2:20: unknown domain 'cor' (expected ran, transport, core, management, edge, "
                       "interconnect or infrastructure)");
    broken("threat-actors.csv", "actor,name,kind,seriousness\nstate,States,adversarial,9\n", got, sizeof got);
    ASSERT_EQ_STR(got, "threat-actors.csv:2:26: expected a seriousness from 1 to 5 — got '9'");
    broken("scenarios.csv",
           "scenario,group,title,threats,actors\nR1,g,t,,failure\nR2,g,t,,\nR3,g,t,,\nR4,g,t,,\nR5,g,t,,spies\n", got,
           sizeof got);
    ASSERT_EQ_STR(got, "scenarios.csv:6:9: unknown threat actor 'spies' (not in threat-actors.csv)");
    broken("scenarios.csv", "scenario,group,title\nR1,g,t\nR2,g,t\nR3,g,t\nR4,g,t\nR5,g,t\nR6,g,t\nR7,g,t\nR9,g,t\n",
           got, sizeof got);
    ASSERT_EQ_STR(got, "scenarios.csv:10:1: missing scenario R8 (the risk method scores R1-R9)");
    broken("scenarios.csv", "scenario,group,title\nR1,g,\"unclosed\n", got, sizeof got);
    ASSERT(strstr(got, "scenarios.csv:2:") == got);
    broken("scenarios.csv", "scenario,group\n", got, sizeof got);
    ASSERT_EQ_STR(got, "scenarios.csv:1:1: missing required column 'title'");
}

SETUP
{
    snprintf(dir, sizeof dir, "/tmp/nis5g-cat-XXXXXX");
    return mkdtemp(dir) ? 0 : -1;
}

TEARDOWN
{
    const char *names[] = { "scenarios.csv", "toolbox.csv", "mapping.csv", "assets.csv", "threat-actors.csv" };
    for (int i = 0; i < 5; i++) {
        char p[128];
        snprintf(p, sizeof p, "%s/%s", dir, names[i]);
        unlink(p);
    }
    return rmdir(dir);
}
