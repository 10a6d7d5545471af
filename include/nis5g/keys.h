/*
 * keys.h — Ed25519 keys of Member States (libsodium) and the workspace's
 * table of trusted peer keys (docs/keygen.md, docs/trust.md).
 *
 * Key files are text: a header line naming the kind, format version and
 * state, then the key in base64 (RFC 4648, with padding):
 *
 *   nis5g-secret-key 1 SE           nis5g-public-key 1 SE
 *   <88 base64 characters>          <44 base64 characters>
 *
 * The secret file holds libsodium's 64-byte secret key (seed and public
 * key); it is created with mode 0600 and never overwritten. A key's
 * fingerprint is the first 16 bytes of BLAKE2b (crypto_generichash) of the
 * 32-byte public key, in lower-case hex (32 characters).
 *
 * The workspace also keeps its own identity (the state and public key of
 * the last keygen run against it): import-package needs to know which
 * state it is to check recipients.
 */
#ifndef NIS5G_KEYS_H
#define NIS5G_KEYS_H

#include <stddef.h>

#include <jansson.h>

#include "nis5g/buf.h"
#include "nis5g/err.h"
#include "nis5g/store.h"
#include "nis5g/opts.h"

#define NIS5G_PK_BYTES 32
#define NIS5G_SK_BYTES 64
#define NIS5G_SIG_BYTES 64
#define NIS5G_FPR_LEN 32 /* hex characters */

struct nis5g_pubkey {
    char state[3];
    unsigned char pk[NIS5G_PK_BYTES];
    char fpr[NIS5G_FPR_LEN + 1];
};

struct nis5g_seckey {
    char state[3];
    unsigned char sk[NIS5G_SK_BYTES];
    struct nis5g_pubkey pub;
};

/* Initialise libsodium once (safe to call repeatedly). NIS5G_EINTERNAL
 * when it cannot be initialised. */
int nis5g_crypto_init(struct nis5g_err *err);

/* 1 when s is a Member State code as packages use it: two capital letters,
 * an ISO 3166-1 code ("EL" is normalised to "GR" by nis5g_state_norm). */
int nis5g_state_valid(const char *s);
/* Copy the normalised code of s into out[3]; NIS5G_EUSAGE with a message
 * when s is not a valid code. */
int nis5g_state_norm(const char *s, char out[3], struct nis5g_err *err);

void nis5g_fingerprint(const unsigned char pk[NIS5G_PK_BYTES], char out[NIS5G_FPR_LEN + 1]);

/* Make a key pair for state: the secret key in path (O_EXCL, mode 0600),
 * the public key in path.pub (O_EXCL, 0644). NIS5G_EEXIST when either
 * file exists (nothing is written then), NIS5G_EIO on write errors (a
 * partly written pair is removed). *pub receives the public key. */
int nis5g_keygen(const char *state, const char *path, struct nis5g_pubkey *pub, struct nis5g_err *err);

/* Read a key file. NIS5G_EIO when unreadable, NIS5G_EPARSE (naming the
 * file) when it is not a key file of that kind. A secret key whose public
 * half does not match its seed is refused (NIS5G_EPARSE), and so is a
 * secret key file that others may read or write (NIS5G_EDENIED). */
int nis5g_pubkey_read(const char *path, struct nis5g_pubkey *out, struct nis5g_err *err);
int nis5g_seckey_read(const char *path, struct nis5g_seckey *out, struct nis5g_err *err);

/* The text of a public key file ("nis5g-public-key 1 SE\n<base64>\n"). */
void nis5g_pubkey_format(const struct nis5g_pubkey *k, struct nis5g_buf *out);

/* ---- The workspace's trusted keys (one per state) ---------------------- */

struct nis5g_trusted {
    struct nis5g_pubkey key;
    char added_at[32]; /* UTC, ISO 8601 */
    char added_by[64];
};

/* Trust key for its state. A state already trusted with another key is
 * NIS5G_EEXIST unless replace; the same key again is a no-op. added_by is
 * recorded as given (e.g. the login name). */
int nis5g_trust_add(struct nis5g_store *st, const struct nis5g_pubkey *key, const char *added_by, int replace,
                    struct nis5g_err *err);
/* Every trusted key, by state. *list is the caller's (free()). */
int nis5g_trust_list(struct nis5g_store *st, struct nis5g_trusted **list, size_t *n, struct nis5g_err *err);
/* The trusted key of state; NIS5G_ENOTFOUND when none. */
int nis5g_trust_get(struct nis5g_store *st, const char *state, struct nis5g_trusted *out, struct nis5g_err *err);
/* Forget state's key; NIS5G_ENOTFOUND when none. Packages held from the
 * state stay (they were verified when imported). */
int nis5g_trust_remove(struct nis5g_store *st, const char *state, struct nis5g_err *err);

/* The workspace's own identity: set by keygen, read by import-package and
 * eu. nis5g_identity_get returns NIS5G_ENOTFOUND when none was set. */
int nis5g_identity_set(struct nis5g_store *st, const struct nis5g_pubkey *key, struct nis5g_err *err);
int nis5g_identity_get(struct nis5g_store *st, struct nis5g_pubkey *out, struct nis5g_err *err);

/* ---- The queries (query.h; query/q-trust.c): `nis5g trust add|list|remove` */

struct nis5g_trust_params {
    const char *state; /* CC (add, remove) */
    const char *file;  /* PUBKEY_FILE (add): must be a key of CC */
    int replace;       /* add: --replace a state's other key */
    const char *by;    /* add: who trusts it (the login name); not an option */
};
struct nis5g_trust_result {
    struct nis5g_pubkey key;    /* add: the key trusted; remove: .state */
    struct nis5g_trusted *list; /* list */
    size_t n;
};
extern const struct nis5g_opt nis5g_trust_add_opts[];
extern const struct nis5g_opt nis5g_trust_list_opts[];
extern const struct nis5g_opt nis5g_trust_remove_opts[];
/* list: {"trusted": [{"state", "fingerprint", "added_at", "added_by"}]};
 * add: {"state", "fingerprint"}; remove: {"removed": STATE}. */
json_t *nis5g_trust_list_json(const void *result);
json_t *nis5g_trust_add_json(const void *result);
json_t *nis5g_trust_remove_json(const void *result);
struct nis5g_query;
extern const struct nis5g_query nis5g_query_trust_add, nis5g_query_trust_list, nis5g_query_trust_remove;

#endif
