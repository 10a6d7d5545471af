/* test-canon.c — canonical JSON: the exact bytes for known values, refusal
 * of every non-canonical spelling, and dump/parse/dump round trips. */
#include "harness.h"
#include "base/canon.h"
#include "base/rng.h"

static char *dump(const json_t *v)
{
    struct nis5g_buf b = NIS5G_BUF_INIT;
    ASSERT_EQ_INT(nis5g_canon_dump(v, &b, NULL), 0);
    return nis5g_buf_detach(&b, NULL);
}

static void expect(const char *json_in, const char *want)
{
    json_error_t je;
    json_t *v = json_loads(json_in, JSON_DECODE_ANY, &je);
    ASSERT(v != NULL);
    if (!v)
        return;
    char *got = dump(v);
    ASSERT_EQ_STR(got, want);
    free(got);
    json_decref(v);
}

TEST(known_bytes)
{
    expect("{ \"b\": 1, \"a\": [true, false, null], \"A\": \"x\" }", "{\"A\":\"x\",\"a\":[true,false,null],\"b\":1}");
    /* keys by bytes: "a" < "aa" < "b"; UTF-8 after ASCII */
    expect("{\"b\":0,\"aa\":0,\"a\":0,\"\xc3\xa9\":0,\"z\":0}", "{\"a\":0,\"aa\":0,\"b\":0,\"z\":0,\"\xc3\xa9\":0}");
    expect("\"q\\\"b\\\\s\\/t\\n\\u001f\\u00e9\"", "\"q\\\"b\\\\s/t\\n\\u001f\xc3\xa9\"");
    expect("\"\\b\\f\\r\\t\"", "\"\\b\\f\\r\\t\"");
    expect("0.1", "0.1");
    expect("1.5", "1.5");
    expect("100.0", "100");
    expect("-0.0", "0");
    expect("1e-7", "1e-7");
    expect("0.000001", "0.000001");
    expect("1.25e20", "1.25e+20");
    expect("1e17", "100000000000000000");
    expect("1.5e21", "1.5e+21");
    expect("-2.5e-9", "-2.5e-9");
    expect("123456.789", "123456.789");
    expect("0.30000000000000004", "0.30000000000000004");
    expect("-42", "-42");
    expect("{\"x\":{\"b\":[{\"d\":1,\"c\":2}],\"a\":{}}}", "{\"x\":{\"a\":{},\"b\":[{\"c\":2,\"d\":1}]}}");
    expect("[]", "[]");
}

static int parse_code(const char *s)
{
    json_t *v = NULL;
    struct nis5g_err e = { 0 };
    int rc = nis5g_canon_parse(s, strlen(s), &v, &e);
    json_decref(v);
    return rc;
}

TEST(parse_refuses_non_canonical)
{
    ASSERT_EQ_INT(parse_code("{\"a\":1,\"b\":[1,2]}"), 0);
    ASSERT_EQ_INT(parse_code("{\"b\":1,\"a\":2}"), NIS5G_EVERIFY);     /* order */
    ASSERT_EQ_INT(parse_code("{\"a\": 1}"), NIS5G_EVERIFY);           /* whitespace */
    ASSERT_EQ_INT(parse_code("{\"a\":1.0}"), NIS5G_EVERIFY);          /* number spelling */
    ASSERT_EQ_INT(parse_code("{\"a\":1E2}"), NIS5G_EVERIFY);
    ASSERT_EQ_INT(parse_code("{\"a\":\"\\u0041\"}"), NIS5G_EVERIFY);  /* needless escape */
    ASSERT_EQ_INT(parse_code("{\"a\":\"\\/\"}"), NIS5G_EVERIFY);
    ASSERT_EQ_INT(parse_code("{\"a\":1} "), NIS5G_EVERIFY);          /* trailing blank */
    ASSERT_EQ_INT(parse_code("{\"a\":1,\"a\":2}"), NIS5G_EPARSE);     /* duplicate key */
    ASSERT_EQ_INT(parse_code("{\"a\":"), NIS5G_EPARSE);
    ASSERT_EQ_INT(parse_code("{\"a\":\"\xff\"}"), NIS5G_EPARSE);      /* not UTF-8 */
    json_t *v = NULL;
    ASSERT_EQ_INT(nis5g_canon_parse("{\"a\":\"\\u0000\"}", 14, &v, NULL), NIS5G_EPARSE); /* NUL */
}

/* A random value: nested objects and arrays of strings, integers, reals. */
static json_t *random_value(struct nis5g_rng *r, int depth)
{
    uint64_t k = nis5g_rng_next(r) % (depth > 3 ? 4 : 6);
    char s[16];
    switch (k) {
    case 0: return json_integer((json_int_t)(nis5g_rng_next(r) % 2000001) - 1000000);
    case 1: {
        double x = (double)(int64_t)(nis5g_rng_next(r) >> 11) / (double)(1ull << (nis5g_rng_next(r) % 60));
        return json_real(nis5g_rng_next(r) & 1 ? -x : x);
    }
    case 2: {
        size_t n = nis5g_rng_next(r) % 8;
        for (size_t i = 0; i < n; i++)
            s[i] = (char)(1 + nis5g_rng_next(r) % 126);
        return json_stringn(s, n);
    }
    case 3: return nis5g_rng_next(r) & 1 ? json_true() : json_null();
    case 4: {
        json_t *a = json_array();
        for (int i = (int)(nis5g_rng_next(r) % 4); i > 0; i--)
            json_array_append_new(a, random_value(r, depth + 1));
        return a;
    }
    default: {
        json_t *o = json_object();
        for (int i = (int)(nis5g_rng_next(r) % 5); i > 0; i--) {
            snprintf(s, sizeof s, "k%u", (unsigned)(nis5g_rng_next(r) % 50));
            json_object_set_new(o, s, random_value(r, depth + 1));
        }
        return o;
    }
    }
}

TEST(round_trip)
{
    struct nis5g_rng r;
    nis5g_rng_seed(&r, 7);
    for (int t = 0; t < 2000; t++) {
        json_t *v = random_value(&r, 0);
        char *a = dump(v);
        json_t *w = NULL;
        struct nis5g_err e = { 0 };
        int rc = nis5g_canon_parse(a, strlen(a), &w, &e);
        if (rc) {
            ASSERT_EQ_STR(e.msg, "");
            ASSERT_EQ_STR(a, "");
        }
        /* an integral real reads back as an integer: compare the bytes */
        if (w) {
            char *b = dump(w);
            ASSERT_EQ_STR(b, a);
            free(b);
        }
        free(a);
        json_decref(v);
        json_decref(w);
    }
}
