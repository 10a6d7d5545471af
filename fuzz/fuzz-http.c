/*
 * fuzz-http.c — libFuzzer driver for the server's request handling, in
 * process: each input is the raw bytes of one HTTP request (request line,
 * headers, cookies, body), handed to libmicrohttpd over a socket pair and
 * served by the server's own code (src/server/: route lookup, bearer and
 * cookie authentication, the CSRF header, query strings, JSON bodies of
 * login, measures, exports, approvals, policies, users and tokens,
 * multipart uploads, TAXII's page parameters) against a small workspace
 * made once at start: a generated dataset of Malta imported as a
 * snapshot, the state's key, two admins and a peer of state DE, each
 * with a token, an admin session, and one export of MT at TLP:GREEN
 * prepared and approved (the four-eyes rule), so that TAXII has objects.
 *
 * The input names the credentials by placeholders replaced before it is
 * sent: @ADMIN@ and @PEER@ (tokens), @SID@ and @CSRF@ (the admin's session
 * cookie and CSRF token), @ADMIN2@ (the second admin's token), @SHARED@ (the TAXII "shared" collection's id).
 * What the server answers is not checked here — only that nothing it
 * does with any request crashes, overflows, leaks or trips UBSan.
 * FUZZ_TRACE=1 prints the status line of each answer to stderr.
 * Changes the requests make (a measure set, a policy stored) stay in the
 * workspace for the rest of the run.
 *
 * Built (with the server's sources) and run by `make fuzz` and `make fuzz-smoke`
 * from fuzz/corpus/http.
 */
#include <arpa/inet.h>
#include <errno.h>
#include <fcntl.h>
#include <netinet/in.h>
#include <signal.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>
#include <unistd.h>

#include <microhttpd.h>

#include "nis5g/generate.h"
#include "nis5g/import.h"
#include "nis5g/keys.h"
#include "nis5g/sessions.h"
#include "nis5g/taxii.h"
#include "nis5g/tokens.h"
#include "nis5g/users.h"
#include "server.h"

int LLVMFuzzerInitialize(int *argc, char ***argv);
int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

static struct srv S;
static struct MHD_Daemon *D;
static char dir[64], db[96], key[96];
static char admin_token[NIS5G_TOKEN_LEN + 1], peer_token[NIS5G_TOKEN_LEN + 1], admin2_token[NIS5G_TOKEN_LEN + 1];
static char sid[NIS5G_SESSION_ID_LEN + 1], csrf[128], shared[40];
static int trace; /* FUZZ_TRACE=1: print each response's status line */

static void die(const char *what, const struct nis5g_err *err)
{
    fprintf(stderr, "fuzz-http: %s: %s\n", what, err ? err->msg : strerror(errno));
    exit(1);
}

static void rm_rf(const char *path)
{
    char cmd[160];
    snprintf(cmd, sizeof cmd, "rm -rf '%s'", path);
    if (system(cmd) != 0)
        fprintf(stderr, "fuzz-http: cannot remove %s\n", path);
}

static void cleanup(void)
{
    if (D)
        MHD_stop_daemon(D);
    srv_cache_release_all(&S.cache);
    srv_docs_release(&S.docs);
    rm_rf(dir);
}

/* the dataset of a small country, imported as the one snapshot */
static void make_snapshot(struct nis5g_store *st)
{
    struct nis5g_err err = { 0 };
    char data[96];
    snprintf(data, sizeof data, "%s/data", dir);
    struct nis5g_gen_opts g = { .country = "MT", .scale = 0.05, .seed = 1, .dir = data };
    if (nis5g_generate(&g, NULL, &err))
        die("generate", &err);
    const char *paths[] = { data };
    struct nis5g_import_opts io = { .as_of = nis5g_date_from_ymd(2026, 6, 30) };
    struct nis5g_model *m = NULL;
    struct nis5g_diags diags = { 0 };
    if (nis5g_import(paths, 1, &io, &m, &diags)) {
        err.code = NIS5G_EPARSE;
        snprintf(err.msg, sizeof err.msg, "%s", diags.n ? diags.v[0].msg : "?");
        die("import", &err);
    }
    nis5g_diags_release(&diags);
    if (nis5g_store_save_model(st, m, "fuzz", NULL, &err))
        die("save", &err);
    nis5g_model_free(m);
}

static void make_user(struct nis5g_store *st, const char *name, enum nis5g_role role, const char *state,
                      char token[NIS5G_TOKEN_LEN + 1])
{
    struct nis5g_err err = { 0 };
    struct nis5g_user u = { .role = role };
    snprintf(u.name, sizeof u.name, "%s", name);
    snprintf(u.state, sizeof u.state, "%s", state);
    if (nis5g_user_add(st, &u, "fuzz-password-1", srv_now(), &err) ||
        nis5g_token_create(st, name, 30, srv_now(), token, NULL, &err))
        die("user", &err);
}

static void make_workspace(void)
{
    snprintf(dir, sizeof dir, "%s/nis5g-fuzz-http-XXXXXX", getenv("TMPDIR") ? getenv("TMPDIR") : "/tmp");
    if (!mkdtemp(dir))
        die("mkdtemp", NULL);
    snprintf(db, sizeof db, "%s/w.db", dir);
    struct nis5g_store *st = NULL;
    struct nis5g_err err = { 0 };
    if (nis5g_store_open(db, NIS5G_STORE_CREATE, &st, &err))
        die("workspace", &err);
    make_snapshot(st);
    make_user(st, "admin", NIS5G_ROLE_ADMIN, "", admin_token);
    make_user(st, "admin2", NIS5G_ROLE_ADMIN, "", admin2_token);
    make_user(st, "peer", NIS5G_ROLE_PEER, "DE", peer_token);
    struct nis5g_pubkey pub;
    snprintf(key, sizeof key, "%s/mt.key", dir);
    if (nis5g_keygen("MT", key, &pub, &err) || nis5g_identity_set(st, &pub, &err))
        die("keygen", &err);
    struct nis5g_user u;
    struct nis5g_session s;
    if (nis5g_user_get(st, "admin", &u, &err) || nis5g_session_create(st, u.id, srv_now(), &s, &err))
        die("session", &err);
    snprintf(sid, sizeof sid, "%s", s.id);
    snprintf(csrf, sizeof csrf, "%s", s.csrf);
    struct nis5g_taxii_collection *c = NULL;
    size_t n = 0;
    if (nis5g_taxii_collections(st, NULL, &c, &n, &err) == 0 && n)
        snprintf(shared, sizeof shared, "%s", c[0].id);
    free(c);
    nis5g_store_close(st);
}

/* data with the placeholders replaced */
static void expand(const uint8_t *data, size_t size, struct nis5g_buf *out)
{
    static const struct {
        const char *name, *value;
    } subst[] = { { "@ADMIN@", admin_token }, { "@PEER@", peer_token }, { "@SID@", sid },
                  { "@CSRF@", csrf },         { "@SHARED@", shared }, { "@ADMIN2@", admin2_token } };
    for (size_t i = 0; i < size;) {
        size_t k = 0;
        for (; k < sizeof subst / sizeof subst[0]; k++) {
            size_t n = strlen(subst[k].name);
            if (size - i >= n && memcmp(data + i, subst[k].name, n) == 0) {
                nis5g_buf_adds(out, subst[k].value);
                i += n;
                break;
            }
        }
        if (k == sizeof subst / sizeof subst[0])
            nis5g_buf_add(out, (const char *)data + i++, 1);
    }
}

/* Send req on a fresh connection and read until the server closes it. */
static void exchange(const char *req, size_t len, struct nis5g_buf *answer)
{
    int sv[2];
    if (socketpair(AF_UNIX, SOCK_STREAM | SOCK_CLOEXEC, 0, sv) != 0)
        die("socketpair", NULL);
    fcntl(sv[0], F_SETFL, O_NONBLOCK);
    struct sockaddr_in sin = { .sin_family = AF_INET, .sin_port = htons(40000) };
    sin.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
    if (MHD_add_connection(D, sv[1], (const struct sockaddr *)&sin, sizeof sin) != MHD_YES) {
        close(sv[0]);
        return;
    }
    size_t sent = 0;
    int shut = 0;
    char sink[16384];
    int first = 1;
    for (int round = 0; round < 20000; round++) {
        if (sent < len) {
            ssize_t w = write(sv[0], req + sent, len - sent);
            if (w > 0)
                sent += (size_t)w;
            else if (w < 0 && errno != EAGAIN && errno != EINTR)
                sent = len; /* the server closed early */
        }
        if (sent == len && !shut)
            shut = !shutdown(sv[0], SHUT_WR);
        MHD_run(D);
        ssize_t got = read(sv[0], sink, sizeof sink);
        if (got > 0 && answer)
            nis5g_buf_add(answer, sink, (size_t)got);
        if (got > 0 && first && trace) {
            fprintf(stderr, "fuzz-http: %.*s\n", (int)strcspn(sink, "\r\n"), sink);
            first = 0;
        }
        if (got == 0 || (got < 0 && errno != EAGAIN && errno != EINTR))
            break;
    }
    close(sv[0]);
    for (int round = 0; round < 100; round++) {
        MHD_run(D);
        const union MHD_DaemonInfo *di = MHD_get_daemon_info(D, MHD_DAEMON_INFO_CURRENT_CONNECTIONS);
        if (!di || di->num_connections == 0)
            break;
    }
}

/* one request with a bearer token (a placeholder) and a JSON body */
static void send_json(const char *method, const char *path, const char *who, const char *json,
                      struct nis5g_buf *answer)
{
    struct nis5g_buf t = NIS5G_BUF_INIT, b = NIS5G_BUF_INIT;
    nis5g_buf_addf(&t, "%s %s HTTP/1.1\r\nHost: x\r\nAuthorization: Bearer %s\r\n", method, path, who);
    if (json)
        nis5g_buf_addf(&t, "Content-Type: application/json\r\nContent-Length: %zu\r\n", strlen(json));
    nis5g_buf_addf(&t, "Connection: close\r\n\r\n%s", json ? json : "");
    expand((const uint8_t *)t.data, t.len, &b);
    exchange(b.data, b.len, answer);
    nis5g_buf_release(&t);
    nis5g_buf_release(&b);
}

int LLVMFuzzerInitialize(int *argc, char ***argv)
{
    signal(SIGPIPE, SIG_IGN);
    trace = getenv("FUZZ_TRACE") != NULL;
    make_workspace();
    S.cfg.db_path = db;
    S.cfg.max_body = 64 * 1024;
    S.cfg.key_file = key;
    srv_cache_init(&S.cache);
    srv_docs_init(&S.docs);
    pthread_mutex_init(&S.inflight_mu, NULL);
    pthread_cond_init(&S.inflight_cv, NULL);
    D = srv_start_inprocess(&S);
    if (!D)
        die("daemon", NULL);
    atexit(cleanup);
    /* open the thread's workspace connection and load the snapshot now,
     * not inside the first input (they are kept for the whole run); one
     * export prepared and approved by a second admin, so that the TAXII
     * collection "shared" has objects to filter and page */
    send_json("GET", "/api/v1/summary", "@ADMIN@", NULL, NULL);
    struct nis5g_buf a = NIS5G_BUF_INIT;
    send_json("POST", "/api/v1/exports", "@ADMIN@", "{\"state\":\"MT\",\"tlp\":\"green\"}", &a);
    const char *body = a.data ? strstr(a.data, "\r\n\r\n") : NULL;
    json_t *doc = body ? json_loads(body + 4, 0, NULL) : NULL;
    const char *digest = json_string_value(json_object_get(doc, "digest"));
    json_int_t id = json_integer_value(json_object_get(doc, "id"));
    if (!digest) {
        fprintf(stderr, "fuzz-http: the export was not prepared: %s\n", a.data ? a.data : "");
        exit(1);
    }
    char path[64], approve[128];
    snprintf(path, sizeof path, "/api/v1/exports/%lld/approve", (long long)id);
    snprintf(approve, sizeof approve, "{\"digest\":\"%s\"}", digest);
    send_json("POST", path, "@ADMIN2@", approve, NULL);
    json_decref(doc);
    nis5g_buf_release(&a);
    return 0;
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    struct nis5g_buf b = NIS5G_BUF_INIT;
    expand(data, size, &b);
    exchange(b.data ? b.data : "", b.len, NULL);
    nis5g_buf_release(&b);
    return 0;
}
