/*
 * test-harness.c — the harness itself can fail: a failed check prints
 * both sides and makes the binary exit non-zero, a file without tests is
 * an error, and tests run in the order of the file. Each case runs the
 * harness in a child process (fork) with its own table of tests and reads
 * what it printed.
 */
#include <sys/wait.h>
#include <unistd.h>

#include "harness.h"
#include "nis5g/buf.h"

/* Run harness_run() in a child with tests[0..n) as its table; its output
 * (stdout and stderr) goes to out, its exit status is returned (-1 when it
 * did not exit normally). */
static int run_child(const struct harness_test *tests, int n, struct nis5g_buf *out)
{
    int fd[2];
    if (pipe(fd) != 0)
        return -1;
    fflush(stdout);
    fflush(stderr);
    pid_t pid = fork();
    if (pid < 0)
        return -1;
    if (pid == 0) {
        close(fd[0]);
        dup2(fd[1], 1);
        dup2(fd[1], 2);
        if (n)
            memcpy(harness_tests, tests, (size_t)n * sizeof *tests);
        harness_ntests = n;
        harness_failed = harness_checks = 0;
        harness_setup = harness_teardown = NULL;
        int rc = harness_run();
        fflush(stdout);
        fflush(stderr);
        _exit(rc); /* no atexit handlers: the parent owns this memory */
    }
    close(fd[1]);
    char b[4096];
    ssize_t k;
    while ((k = read(fd[0], b, sizeof b)) > 0)
        nis5g_buf_add(out, b, (size_t)k);
    close(fd[0]);
    int status;
    if (waitpid(pid, &status, 0) != pid || !WIFEXITED(status))
        return -1;
    return WEXITSTATUS(status);
}

static void failing_int(void)
{
    int two = 2;
    ASSERT_EQ_INT(1 + 1, 2);
    ASSERT_EQ_INT(two, 3);
}

static void failing_str(void)
{
    ASSERT_EQ_STR("abc", "abd");
    ASSERT_EQ_STR(NULL, "x");
}

static void failing_mem(void)
{
    unsigned char a[4] = { 1, 2, 3, 4 }, b[4] = { 1, 2, 9, 4 };
    ASSERT_EQ_MEM(a, b, 4);
}

static void passing(void)
{
    ASSERT(1);
}

static void first(void)
{
    printf("first ran\n");
}

static void second(void)
{
    printf("second ran\n");
}

#define CONTAINS(hay, needle) CHECK_(strstr((hay), (needle)) != NULL, "'%s' not in:\n%s", (needle), (hay))

TEST(failed_check_prints_both_sides_and_exits_non_zero)
{
    struct harness_test t[] = { { "passing", passing, 1, NULL }, { "failing_int", failing_int, 2, NULL },
                                { "failing_str", failing_str, 3, NULL }, { "failing_mem", failing_mem, 4, NULL } };
    struct nis5g_buf out = NIS5G_BUF_INIT;
    ASSERT_EQ_INT(run_child(t, 4, &out), 1);
    const char *s = out.data ? out.data : "";
    CONTAINS(s, "ok   passing\n");
    CONTAINS(s, "FAIL failing_int\n");
    CONTAINS(s, "[failing_int] two == 3: 2 != 3");
    CONTAINS(s, "test-harness.c:");
    CONTAINS(s, "[failing_str] \"abc\" == \"abd\": 'abc' != 'abd'");
    CONTAINS(s, "'(null)' != 'x'");
    CONTAINS(s, "differ at byte 2: 0x03 != 0x09");
    CONTAINS(s, "2 passed, 4 failed\n");
    nis5g_buf_release(&out);
}

TEST(all_passing_exits_zero)
{
    struct harness_test t[] = { { "passing", passing, 1, NULL } };
    struct nis5g_buf out = NIS5G_BUF_INIT;
    ASSERT_EQ_INT(run_child(t, 1, &out), 0);
    ASSERT_EQ_STR(out.data, "ok   passing\n1 passed, 0 failed\n");
    nis5g_buf_release(&out);
}

TEST(no_tests_is_an_error)
{
    struct nis5g_buf out = NIS5G_BUF_INIT;
    ASSERT_EQ_INT(run_child(NULL, 0, &out), 1);
    CONTAINS(out.data ? out.data : "", "no tests in this file");
    nis5g_buf_release(&out);
}

TEST(tests_run_in_file_order)
{
    /* registered backwards; run by line */
    struct harness_test t[] = { { "second", second, 20, NULL }, { "first", first, 10, NULL } };
    struct nis5g_buf out = NIS5G_BUF_INIT;
    ASSERT_EQ_INT(run_child(t, 2, &out), 0);
    ASSERT_EQ_STR(out.data, "first ran\nok   first\nsecond ran\nok   second\n0 passed, 0 failed\n");
    nis5g_buf_release(&out);
}

TEST(xfail_hides_known_failures_and_flags_fixed_ones)
{
    struct harness_test t[] = { { "known", failing_int, 1, "bug 1" }, { "passing", passing, 2, NULL } };
    struct nis5g_buf out = NIS5G_BUF_INIT;
    ASSERT_EQ_INT(run_child(t, 2, &out), 0);
    const char *s = out.data ? out.data : "";
    CONTAINS(s, "xfail known: bug 1\n");
    CONTAINS(s, "ok   passing\n");
    nis5g_buf_reset(&out);
    struct harness_test u[] = { { "fixed", passing, 1, "bug 2" } };
    ASSERT_EQ_INT(run_child(u, 1, &out), 1);
    CONTAINS(out.data ? out.data : "", "XPASS fixed: passes now; make it a TEST (it was: bug 2)\n");
    nis5g_buf_release(&out);
}

TEST(registered_automatically)
{
    /* this file's own TESTs are in the table without any list */
    int seen = 0;
    for (int i = 0; i < harness_ntests; i++)
        seen += strcmp(harness_tests[i].name, "registered_automatically") == 0 ||
                strcmp(harness_tests[i].name, "no_tests_is_an_error") == 0;
    ASSERT_EQ_INT(seen, 2);
    ASSERT_EQ_INT(harness_ntests, 6);
}
