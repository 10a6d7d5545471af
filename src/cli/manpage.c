/*
 * manpage.c — the man pages and the bash completion, printed from the
 * command table and the option tables (`nis5g help --man [CMD]`, `nis5g
 * help --completion`), so that they say exactly what the program accepts.
 * `make install` writes them out.
 */
#include <string.h>

#include "cmd.h"
#include "nis5g/buf.h"
#include "nis5g/version.h"

/* Text for troff: a backslash doubled, a leading dot or quote escaped. */
static void roff(struct nis5g_buf *b, const char *s)
{
    if (*s == '.' || *s == '\'')
        nis5g_buf_adds(b, "\\&");
    for (; *s; s++) {
        if (*s == '\\')
            nis5g_buf_adds(b, "\\e");
        else if (*s == '-')
            nis5g_buf_adds(b, "\\-");
        else
            nis5g_buf_addch(b, *s);
        if (*s == '\n' && (s[1] == '.' || s[1] == '\''))
            nis5g_buf_adds(b, "\\&");
    }
}

static void man_options(struct nis5g_buf *b, const struct nis5g_opt *t)
{
    for (const struct nis5g_opt *o = t; o && o->type != NIS5G_OPT_END; o++) {
        if (o->type == NIS5G_OPT_INCLUDE) {
            man_options(b, o->include);
            continue;
        }
        if ((o->flags & NIS5G_OPT_HIDDEN) || !o->help)
            continue;
        nis5g_buf_adds(b, ".TP\n");
        if (nis5g_opt_is_positional(o)) {
            nis5g_buf_adds(b, "\\fI");
            roff(b, o->arg ? o->arg : "ARG");
            nis5g_buf_adds(b, "\\fR\n");
        } else {
            nis5g_buf_adds(b, "\\fB");
            if (o->short_name)
                nis5g_buf_addf(b, "\\-%c%s", o->short_name, o->name ? "\\fR, \\fB" : "");
            if (o->name) {
                nis5g_buf_adds(b, "\\-\\-");
                roff(b, o->name);
            }
            nis5g_buf_adds(b, "\\fR");
            if (o->type != NIS5G_OPT_FLAG) {
                nis5g_buf_adds(b, " \\fI");
                roff(b, o->arg ? o->arg : "VALUE");
                nis5g_buf_adds(b, "\\fR");
            }
            nis5g_buf_adds(b, "\n");
        }
        roff(b, o->help);
        nis5g_buf_adds(b, "\n");
    }
}

static void man_command(struct nis5g_buf *b, const struct nis5g_cmd *c)
{
    char upper[64];
    size_t k = 0;
    for (const char *p = c->name; *p && k < sizeof upper - 1; p++)
        upper[k++] = (char)(*p >= 'a' && *p <= 'z' ? *p - 32 : *p);
    upper[k] = 0;
    nis5g_buf_addf(b, ".TH NIS5G\\-%s 1 \"\" \"nis5g %s\" \"nis5g manual\"\n.SH NAME\nnis5g\\-", upper, NIS5G_VERSION);
    roff(b, c->name);
    nis5g_buf_adds(b, " \\- ");
    roff(b, c->summary);
    nis5g_buf_adds(b, "\n.SH SYNOPSIS\n.nf\n");
    struct nis5g_buf u = NIS5G_BUF_INIT;
    cli_usage(&u, c, "");
    for (char *line = u.data; line && *line;) {
        char *nl = strchr(line, '\n');
        if (nl)
            *nl = 0;
        roff(b, strncmp(line, "   or: ", 7) == 0 ? line + 7 : line);
        nis5g_buf_adds(b, "\n");
        line = nl ? nl + 1 : NULL;
    }
    nis5g_buf_release(&u);
    nis5g_buf_adds(b, ".fi\n.SH DESCRIPTION\n");
    roff(b, c->summary);
    nis5g_buf_adds(b, ".\n");
    if (c->help_extra) {
        nis5g_buf_adds(b, ".PP\n");
        roff(b, c->help_extra);
    }
    if (c->opts) {
        nis5g_buf_adds(b, ".SH OPTIONS\n");
        man_options(b, c->opts);
    }
    for (const struct nis5g_cmd *const *s = c->subs; s && *s; s++) {
        nis5g_buf_addf(b, ".SH \"%s %s\"\n", c->name, (*s)->name);
        roff(b, (*s)->summary);
        nis5g_buf_adds(b, ".\n");
        man_options(b, (*s)->opts);
    }
    nis5g_buf_addf(b, ".SH SEE ALSO\n\\fBnis5g\\fR(1); docs/%s.md in the source tree.\n", c->name);
}

static void man_overview(struct nis5g_buf *b)
{
    nis5g_buf_addf(b, ".TH NIS5G 1 \"\" \"nis5g %s\" \"nis5g manual\"\n.SH NAME\nnis5g \\- 5G supply-chain "
                      "security for national authorities and operators\n.SH SYNOPSIS\n\\fBnis5g\\fR "
                      "[\\fB\\-\\-db\\fR \\fIPATH\\fR] \\fICOMMAND\\fR [\\fIARGS\\fR...]\n.SH DESCRIPTION\n"
                      "An inventory of 5G network elements and their suppliers in one SQLite workspace, checked on "
                      "import; supplier risk profiles, restriction policies with deadlines, diversity, kill-switch "
                      "and outage simulation, the EU toolbox's risk scenarios, signed packages shared between "
                      "Member States, and an HTTP server.\n.SH COMMANDS\n",
                   NIS5G_VERSION);
    for (const struct nis5g_cmd *const *c = nis5g_commands; *c; c++) {
        nis5g_buf_addf(b, ".TP\n\\fBnis5g\\-%s\\fR(1)\n", (*c)->name);
        roff(b, (*c)->summary);
        nis5g_buf_adds(b, "\n");
    }
    nis5g_buf_adds(b, ".SH OPTIONS\n.TP\n\\fB\\-\\-db\\fR \\fIPATH\\fR\nthe workspace (default: $NIS5G_DB, else "
                      "./nis5g.db)\n.TP\n\\fB\\-\\-version\\fR\nthe version and the data directory\n"
                      ".SH EXIT STATUS\n0 success, 1 violations found, 2 bad input or usage, 3 any other failure.\n");
}

int cli_man(FILE *f, const char *name)
{
    struct nis5g_buf b = NIS5G_BUF_INIT;
    const struct nis5g_cmd *c = name ? cmd_find(name) : NULL;
    if (name && !c) {
        fprintf(stderr, "nis5g help: '%s' is not a nis5g command\n", name);
        return 2;
    }
    if (c)
        man_command(&b, c);
    else
        man_overview(&b);
    fputs(b.data, f);
    nis5g_buf_release(&b);
    return 0;
}

/* The long options of a command (INCLUDEs flattened), space-separated. */
static void option_words(struct nis5g_buf *b, const struct nis5g_opt *t)
{
    for (const struct nis5g_opt *o = t; o && o->type != NIS5G_OPT_END; o++) {
        if (o->type == NIS5G_OPT_INCLUDE)
            option_words(b, o->include);
        else if (!(o->flags & NIS5G_OPT_HIDDEN) && !nis5g_opt_is_positional(o) && o->name)
            nis5g_buf_addf(b, " --%s", o->name);
    }
}

int cli_completion(FILE *f)
{
    struct nis5g_buf b = NIS5G_BUF_INIT;
    nis5g_buf_adds(&b, "# bash completion for nis5g, generated by `nis5g help --completion`\n"
                       "_nis5g() {\n"
                       "  local cur=${COMP_WORDS[COMP_CWORD]} cmd='' sub='' i\n"
                       "  for ((i = 1; i < COMP_CWORD; i++)); do\n"
                       "    case ${COMP_WORDS[i]} in --db) ((i++)) ;; -*) ;; *) if [ -z \"$cmd\" ]; then "
                       "cmd=${COMP_WORDS[i]}; elif [ -z \"$sub\" ]; then sub=${COMP_WORDS[i]}; fi ;; esac\n"
                       "  done\n"
                       "  local words\n"
                       "  case \"$cmd $sub\" in\n");
    for (const struct nis5g_cmd *const *c = nis5g_commands; *c; c++) {
        for (const struct nis5g_cmd *const *s = (*c)->subs; s && *s; s++) {
            nis5g_buf_addf(&b, "    \"%s %s\") words='", (*c)->name, (*s)->name);
            option_words(&b, (*s)->opts);
            nis5g_buf_adds(&b, "' ;;\n");
        }
        nis5g_buf_addf(&b, "    \"%s \"*) words='", (*c)->name);
        for (const struct nis5g_cmd *const *s = (*c)->subs; s && *s; s++)
            nis5g_buf_addf(&b, " %s", (*s)->name);
        option_words(&b, (*c)->opts);
        nis5g_buf_adds(&b, "' ;;\n");
    }
    nis5g_buf_adds(&b, "    *) words='--db --version help");
    for (const struct nis5g_cmd *const *c = nis5g_commands; *c; c++)
        nis5g_buf_addf(&b, " %s", (*c)->name);
    nis5g_buf_adds(&b, "' ;;\n  esac\n"
                       "  if [[ $cur == -* || -z $cmd ]]; then\n"
                       "    COMPREPLY=($(compgen -W \"$words\" -- \"$cur\"))\n"
                       "  else\n"
                       "    COMPREPLY=($(compgen -W \"$words\" -- \"$cur\") $(compgen -f -- \"$cur\"))\n"
                       "  fi\n"
                       "}\ncomplete -F _nis5g nis5g\n");
    fputs(b.data, f);
    nis5g_buf_release(&b);
    return 0;
}
