/*
 * package.h — national packages: what a Member State shares with its peers
 * (SPEC §6, docs/package.md).
 *
 * A package is a JSON object (the header — format, signer state, TLP 2.0
 * marking, recipients, snapshot date, creation time, program version,
 * detail flag — and the sections) written in canonical form (canon.h). The
 * package file is the canonical form of
 *
 *   {"package": PACKAGE, "signature": {"algorithm": "ed25519",
 *    "fingerprint": FPR, "value": BASE64}}
 *
 * followed by one newline, where the signature is a detached Ed25519
 * signature over the canonical bytes of PACKAGE. Every byte of the file is
 * thus either checked by the signature or fixed by the canonical form: a
 * single flipped byte anywhere is caught.
 *
 * Import (nis5g_package_import) accepts a package only when it is well
 * formed, signed by the trusted key of the state it names, addressed to
 * this workspace's state (or to no one in particular), and not older than
 * one already held from that state for the same snapshot; accepted
 * packages are stored with their provenance in one transaction.
 */
#ifndef NIS5G_PACKAGE_H
#define NIS5G_PACKAGE_H

#include <stddef.h>
#include <stdint.h>

#include <jansson.h>

#include "nis5g/buf.h"
#include "nis5g/err.h"
#include "nis5g/keys.h"
#include "nis5g/model.h"
#include "nis5g/opts.h"
#include "nis5g/store.h"

/* TLP 2.0, least to most restrictive. */
enum nis5g_tlp { NIS5G_TLP_CLEAR, NIS5G_TLP_GREEN, NIS5G_TLP_AMBER, NIS5G_TLP_AMBER_STRICT, NIS5G_TLP_RED,
                 NIS5G_TLP_COUNT };
extern const char *const nis5g_tlp_names[NIS5G_TLP_COUNT];  /* "clear", ..., "amber+strict", "red" */
extern const char *const nis5g_tlp_labels[NIS5G_TLP_COUNT]; /* "TLP:CLEAR", ... */
/* Index of a TLP name (either form, any case), or -1. */
int nis5g_tlp_parse(const char *s);

#define NIS5G_PACKAGE_FORMAT "nis5g-package"
#define NIS5G_PACKAGE_FORMAT_VERSION 1
#define NIS5G_MAX_RECIPIENTS 64

/* ---- Sections --------------------------------------------------------- */

/* What a section holds: aggregates (shared by default) or element- or
 * site-level detail (only with --detail, TLP:RED and named recipients). */
enum nis5g_section_level { NIS5G_SECTION_AGGREGATE, NIS5G_SECTION_DETAIL };

struct nis5g_section_info {
    const char *name;
    int level;            /* enum nis5g_section_level */
    const char *what;     /* one line for --dry-run and docs */
};
/* The known sections, in package order, and a lookup (NULL if unknown). */
extern const struct nis5g_section_info nis5g_sections[];
extern const size_t nis5g_n_sections;
const struct nis5g_section_info *nis5g_section_find(const char *name);

/* The sections computed from a model: vendor_shares, national_shares,
 * suppliers and measures (needs NIS5G_PART_ELEMENTS); with detail also
 * elements and sites (needs ELEMENT_IDS and ELEMENT_DETAIL). Sections that
 * come from other analyses (policy findings, kill-switch, risk) are added
 * by the caller with json_object_set_new. Returns a new object. */
json_t *nis5g_package_sections(const struct nis5g_model *m, int detail, struct nis5g_err *err);

struct nis5g_profile;
struct nis5g_check;
/* Add each vendor's profile in force (profile.h: "profile", "rule_risk",
 * "decided_by", "why") to the suppliers section. prof: vendors.n entries. */
void nis5g_package_add_profiles(json_t *sections, const struct nis5g_model *m, const struct nis5g_profile *prof);
/* Add the policy_findings section from a policy check (policy.h): one row
 * per rule and operator with its findings and what must still change;
 * rules grouped by something other than the operator get one row for the
 * rule (operator null), rules without findings one row with 0. No element
 * or site appears. */
void nis5g_package_add_findings(json_t *sections, const struct nis5g_model *m, const struct nis5g_check *c);
/* Add the killswitch section (resilience.h): for each vendor with active
 * elements, the share of radio sites with service (and of their
 * subscribers) lost when all its equipment fails, in percent, 2 decimals.
 * Needs NIS5G_PART_ELEMENTS | NIS5G_PART_LINKS. */
int nis5g_package_add_killswitch(json_t *sections, const struct nis5g_model *m, struct nis5g_err *err);

struct nis5g_assessment;
/* From a risk assessment (risk.h): add the risk section — the
 * nation's R1-R9 with likelihood, impact, score, level, residual and the
 * explanation of each — and replace the measures section by the effective
 * statuses (the snapshot's, overridden by later `nis5g measures set`), each
 * with its source. */
void nis5g_package_add_risk(json_t *sections, const struct nis5g_assessment *a);

/* ---- Export ---------------------------------------------------------- */

struct nis5g_export_opts {
    char state[3];
    int tlp;                                  /* enum nis5g_tlp */
    char to[NIS5G_MAX_RECIPIENTS][3];         /* recipients, any order */
    size_t n_to;
    int detail;
    char snapshot[11];                        /* YYYY-MM-DD */
    char created[32];                         /* YYYY-MM-DDTHH:MM:SSZ */
};

/* Check the options: --detail needs TLP:RED and recipients; TLP:RED needs
 * recipients. NIS5G_EUSAGE with the reason. */
int nis5g_export_check(const struct nis5g_export_opts *o, struct nis5g_err *err);

/* A package (header + sections, which it takes over). Recipients are
 * sorted and deduplicated. */
json_t *nis5g_package_new(const struct nis5g_export_opts *o, json_t *sections);

/* Sign pkg with k and append the package file's bytes to out. The key's
 * state must be the package's signer (NIS5G_EUSAGE otherwise). */
int nis5g_package_sign(const json_t *pkg, const struct nis5g_seckey *k, struct nis5g_buf *out,
                       struct nis5g_err *err);

/* ---- Reading and verifying -------------------------------------------- */

struct nis5g_package {
    char signer[3];
    int tlp;
    char recipients[NIS5G_MAX_RECIPIENTS][3];
    size_t n_recipients;
    char snapshot[11];
    char created[32];
    char generator[64];
    int detail;
    char fpr[NIS5G_FPR_LEN + 1];          /* the signing key's, as the file claims */
    unsigned char sig[NIS5G_SIG_BYTES];
    char *body;                          /* canonical bytes of the package member */
    size_t body_len;
    json_t *doc;                         /* the package member */
};

/* Parse a package file: canonical form, structure, header values. Does not
 * check the signature. NIS5G_EPARSE (malformed) or NIS5G_EVERIFY
 * (unsigned, or not canonical: altered) with the reason. *p is released
 * with nis5g_package_release, also after a failure. */
int nis5g_package_parse(const char *bytes, size_t len, struct nis5g_package *p, struct nis5g_err *err);
void nis5g_package_release(struct nis5g_package *p);

/* Verify the signature with key (which must be the signer's state's).
 * NIS5G_EVERIFY with the reason. */
int nis5g_package_verify(const struct nis5g_package *p, const struct nis5g_pubkey *key, struct nis5g_err *err);

/* ---- Import into a workspace ------------------------------------------ */

struct nis5g_import_result {
    int code;            /* 0 accepted; else why refused */
    char msg[300];       /* the reason, or what was done ("new", "replaces ...", "already held") */
    char signer[3];
    char snapshot[11];
    char fpr[NIS5G_FPR_LEN + 1];
    int held;            /* accepted because the very same package is already held */
};

/* Import package files (all or nothing, one transaction). own_state is
 * this workspace's state. res has n entries. Returns 0 when every package
 * was accepted, else the code of the first refusal (nothing changed). */
int nis5g_package_import(struct nis5g_store *st, const char *const *files, size_t n, const char *own_state,
                         const char *received_by, struct nis5g_import_result *res, struct nis5g_err *err);

/* Import one package given as bytes (a package fetched from a peer, for
 * nis5g pull), with the same checks as a file; source is what the
 * workspace records as where it came from. One transaction (a savepoint
 * inside the caller's). 0 when accepted (res->held when already held),
 * else the refusal's code with res->msg and err saying why. */
int nis5g_package_import_bytes(struct nis5g_store *st, const char *bytes, size_t len, const char *source,
                               const char *own_state, const char *received_by, struct nis5g_import_result *res,
                               struct nis5g_err *err);

/* A package held in the workspace. */
struct nis5g_held {
    int64_t id;
    char signer[3];
    char snapshot[11];
    char created[32];
    int tlp;
    char recipients[200];  /* comma-separated, "" for none */
    int detail;
    char generator[64];
    char fpr[NIS5G_FPR_LEN + 1];
    char received_at[32];
    char received_by[64];
    char source[512];
};

/* The packages held: all of them, or (latest_only) the one with the latest
 * snapshot of each signer; by signer. With docs non-NULL, *docs gets an
 * array of their parsed package members, in the same order. */
int nis5g_packages_held(struct nis5g_store *st, int latest_only, struct nis5g_held **list, size_t *n,
                        json_t **docs, struct nis5g_err *err);

/* ---- The sharing queries (query.h) ------------------------------------ */

struct nis5g_query_env;
struct nis5g_assessment;

/* TLP names for a CHOICE option (opts.h): nis5g_tlp_names, NULL-terminated. */
extern const char *const nis5g_tlp_choices[NIS5G_TLP_COUNT + 1];

/* What this state shares, as export, eu, stix and oscal gather it
 * (query/q-share.c). */
struct nis5g_share_params {
    int32_t snapshot;            /* NIS5G_NO_DATE: the latest */
    int detail;                  /* add element- and site-level sections */
    struct nis5g_strlist policy; /* sources (env->read_source); none: profiles from the data */
};
void nis5g_share_params_init(struct nis5g_share_params *g);

/* The sections of the snapshot: those of nis5g_package_sections, the
 * profiles in force, the policy findings (deadlines as of the snapshot's
 * date), the kill-switch losses and the risk assessment (a, when given,
 * else a new one as `nis5g risk` makes it). Diagnostics of the policies go
 * to env->diags. 0 with *sections (the caller's) and *snap, or an error. */
int nis5g_share_sections(const struct nis5g_query_env *env, const struct nis5g_share_params *g,
                         const struct nis5g_assessment *a, json_t **sections, struct nis5g_snapshot *snap,
                         struct nis5g_err *err);
/* The same as a package document with the header o (state, tlp, recipients,
 * detail), whose snapshot and created fields are filled from the snapshot. */
int nis5g_share_package(const struct nis5g_query_env *env, const struct nis5g_share_params *g,
                        const struct nis5g_assessment *a, struct nis5g_export_opts *o, json_t **pkg,
                        struct nis5g_err *err);
/* The exporting state: given (normalised), else the workspace's identity
 * (keygen); NIS5G_EUSAGE "which state is this? ..." when neither. */
int nis5g_share_state(const struct nis5g_query_env *env, const char *given, char out[3], struct nis5g_err *err);

/* `nis5g export` (query/q-export.c): the signed package of this state. It
 * records nothing: the result holds the package file's bytes, which the
 * front end writes or sends. */
struct nis5g_export_params {
    struct nis5g_share_params share; /* --snapshot, --policy, --detail */
    struct nis5g_export_opts head;   /* --tlp and --to (state, detail: from the others) */
    const char *state;               /* --state CC: must be the key's */
    const char *key;                 /* --key FILE: the state's secret key */
    int dry_run;                     /* the document only: no signature, no bytes */
};
struct nis5g_export_result {
    struct nis5g_export_opts head; /* as exported: snapshot and created filled */
    char fpr[NIS5G_FPR_LEN + 1];   /* of the signing key */
    json_t *pkg;                   /* the package document */
    struct nis5g_buf file;         /* the package file (empty with dry_run) */
};
extern const struct nis5g_opt nis5g_export_opts[];
void nis5g_export_params_init(void *params);
/* The package document (the dry run's --json). */
json_t *nis5g_export_json(const void *result);
/* --to's value: state codes separated by commas, added to the recipients
 * of the struct nis5g_export_opts at field (an opts.h CUSTOM parser). */
int nis5g_export_parse_to(const char *value, void *field, struct nis5g_err *err);
struct nis5g_query;
extern const struct nis5g_query nis5g_query_export;

/* `nis5g import-package` (query/q-package.c): verify and keep peers'
 * packages, all or nothing. A refusal is not a failure of the query: the
 * result says which package was refused and why (status). */
struct nis5g_package_import_params {
    struct nis5g_strlist files; /* FILE... */
    const char *by;             /* who receives them (the login name); not an option */
};
struct nis5g_package_import_result {
    const char *const *files;
    size_t n;
    struct nis5g_import_result *res; /* n */
    int status;                      /* 0 all imported, else the code of the first refusal */
    char msg[256];                   /* why nothing was imported */
};
extern const struct nis5g_opt nis5g_package_import_opts[];
json_t *nis5g_package_import_json(const void *result);
extern const struct nis5g_query nis5g_query_import_package;

#endif
