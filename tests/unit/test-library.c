/* test-library.c — the CISO Assistant library: the YAML quoting of every
 * kind of character by hand, and the library of the shipped catalogues
 * (counts, the ids of its objects, fixed bytes for the same input). */
#include <string.h>

#include "harness.h"
#include "nis5g/library.h"

static void check_quote(const char *in, size_t n, const char *want)
{
    struct nis5g_buf b;
    nis5g_buf_init(&b);
    nis5g_yaml_quote(&b, in, n);
    ASSERT_EQ_STR(b.data, want);
    nis5g_buf_release(&b);
}

TEST(yaml_quote_plain_and_specials)
{
    check_quote("", 0, "\"\"");
    check_quote("SM01", 4, "\"SM01\"");
    /* what a plain scalar could not hold: indicators, a colon, a comment, leading spaces */
    check_quote("- a: b # c", 10, "\"- a: b # c\"");
    check_quote("  yes", 5, "\"  yes\"");
    check_quote("say \"hi\" \\o/", 12, "\"say \\\"hi\\\" \\\\o/\"");
    check_quote("a\tb\nc\rd", 7, "\"a\\tb\\nc\\rd\"");
}

TEST(yaml_quote_controls_and_unicode)
{
    check_quote("\x01\x1f\x7f", 3, "\"\\x01\\x1F\\x7F\"");
    check_quote("a\0b", 3, "\"a\\x00b\"");
    check_quote("\xc2\x85", 2, "\"\\x85\"");                 /* NEL, a C1 control */
    check_quote("x\xe2\x80\xa8y\xe2\x80\xa9", 8, "\"x\\u2028y\\u2029\""); /* line and paragraph separators */
    check_quote("\xef\xbb\xbfz", 4, "\"\\uFEFFz\"");
    /* other UTF-8 is kept as it is */
    check_quote("suppliers\xe2\x80\x99 \xc3\xa9t\xc3\xa9 \xe2\x80\x94", 22,
                "\"suppliers\xe2\x80\x99 \xc3\xa9t\xc3\xa9 \xe2\x80\x94\"");
}

TEST(library_of_the_catalogues)
{
    struct nis5g_catalog c;
    struct nis5g_diags d;
    nis5g_diags_init(&d);
    ASSERT_EQ_INT(nis5g_catalog_load(&c, &d), NIS5G_OK);
    struct nis5g_buf a, b;
    nis5g_buf_init(&a);
    nis5g_buf_init(&b);
    struct nis5g_library_counts n;
    nis5g_library_yaml(&c, &a, &n);
    nis5g_library_yaml(&c, &b, NULL);
    ASSERT_EQ_INT((long long)n.threats, 9);
    ASSERT_EQ_INT((long long)n.reference_controls, (long long)c.n_measures);
    ASSERT_EQ_INT((long long)n.requirement_nodes, 3 + (long long)c.n_measures);
    ASSERT_EQ_INT((long long)n.links, (long long)c.n_mapping);
    ASSERT(a.len == b.len && memcmp(a.data, b.data, a.len) == 0);
    const char *head = "urn: \"urn:nis5g:risk:library:eu-5g-toolbox\"\nlocale: \"en\"\n";
    ASSERT(strncmp(a.data, head, strlen(head)) == 0);
    ASSERT(strstr(a.data, "  - urn: \"urn:nis5g:risk:threat:eu-5g-toolbox:r9\"\n    ref_id: \"R9\"\n"));
    ASSERT(strstr(a.data, "  - urn: \"urn:nis5g:risk:reference_control:eu-5g-toolbox:tm11\"\n    ref_id: \"TM11\"\n"));
    ASSERT(strstr(a.data, "    - urn: \"urn:nis5g:risk:req_node:eu-5g-toolbox:sa10\"\n      assessable: true\n"
                          "      depth: 2\n      parent_urn: \"urn:nis5g:risk:req_node:eu-5g-toolbox:sa\"\n"));
    nis5g_buf_release(&a);
    nis5g_buf_release(&b);
    nis5g_catalog_release(&c);
    nis5g_diags_release(&d);
}
