/* SPDX-License-Identifier: BSD-2-Clause */
/* Escaping untrusted text, and the log that does it to every line: nothing
 * a disk, the network or NVRAM hands over can end a line early, forge one,
 * or reach the terminal as a control sequence. */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <cmocka.h>

#include "lib/text.c"
#include "board/log.c"

/* The console, captured; the clock and power-off, faked. */
static char console[8192];
static size_t console_len;
static char failed_with[512];
void console_write(const char *buf, size_t len)
{
    assert_true(console_len + len < sizeof(console));
    memcpy(console + console_len, buf, len);
    console_len += len;
    console[console_len] = '\0';
}
void console_puts(const char *s) { console_write(s, strlen(s)); }
bool console_mid_line(void) { return console_len && console[console_len - 1] != '\n'; }
uint64_t timebase_us(void) { return 1234567; }
void power_fail(const char *reason)
{
    snprintf(failed_with, sizeof(failed_with), "%s", reason);
    mock_assert(0, "power_fail", __FILE__, __LINE__);   /* fatal does not return */
    abort();
}

static void reset(void) { console_len = 0; console[0] = '\0'; }

static void controls_and_high_bytes_are_escaped(void **state)
{
    (void)state;
    char out[64];
    assert_string_equal(str_escape(out, sizeof(out), "vmlinux", false), "vmlinux");
    assert_string_equal(str_escape(out, sizeof(out), "a\nb\r\x1b[2J\x7f\x9b", false),
                        "a\\x0ab\\x0d\\x1b[2J\\x7f\\x9b");
    assert_string_equal(str_escape(out, sizeof(out), "one\ntwo", true), "one\ntwo");
    /* Cut at a whole character, never inside an escape. */
    assert_string_equal(str_escape(out, 8, "ab\x01z", false), "ab\\x01z");
    assert_string_equal(str_escape(out, 7, "ab\x01z", false), "ab\\x01");
    assert_string_equal(str_escape(out, 6, "ab\x01z", false), "ab");
    assert_string_equal(str_escape(out, 1, "ab", false), "");
}

static void random_bytes_never_leave_anything_unsafe(void **state)
{
    (void)state;
    char in[200], out[300];
    srand(7);
    for (int round = 0; round < 2000; round++) {
        size_t n = (size_t)rand() % (sizeof(in) - 1);
        for (size_t i = 0; i < n; i++)
            in[i] = (char)(1 + rand() % 255);
        in[n] = '\0';
        size_t outlen = 1 + (size_t)rand() % sizeof(out);
        str_escape(out, outlen, in, false);
        assert_true(strlen(out) < outlen);
        for (const char *p = out; *p; p++)
            assert_true(text_safe((unsigned char)*p, false));
    }
}

static void sizes_take_a_unit_that_fits(void **state)
{
    (void)state;
    char out[32];
    assert_string_equal(size_text(out, sizeof(out), 512), "512 bytes");
    assert_string_equal(size_text(out, sizeof(out), 39 * 1024 + 100), "39 KiB");
    assert_string_equal(size_text(out, sizeof(out), 2048ull << 20), "2048 MiB");
}

/* A DHCP boot file name carrying a newline, a forged verdict and a screen
 * clear stays one log line, and the fatal line too. */
static void log_lines_cannot_be_forged(void **state)
{
    (void)state;
    const char *hostile = "boot\nSLUICE-FATAL: forged\x1b[2J\r";
    reset();
    log_info("boot file '%s'\n", hostile);
    assert_string_equal(console, "[   1.234] sluice: boot file 'boot\\x0aSLUICE-FATAL: forged\\x1b[2J\\x0d'\r\n");
    reset();
    log_raw("line one\nline two %s\n", "\x1b]0;title\x07");
    assert_string_equal(console, "line one\r\nline two \\x1b]0;title\\x07\r\n");
    reset();
    log_progress("  tftp %s", "a\rb");
    assert_string_equal(console, "\r  tftp a\\x0db");
    reset();
    expect_assert_failure(fatal("nothing to boot: %s", hostile));
    /* (console_puts, faked here, writes "\n" as it is) */
    assert_string_equal(console, "SLUICE-FATAL: nothing to boot: boot\\x0aSLUICE-FATAL: forged\\x1b[2J\\x0d\n");
    assert_null(strchr(failed_with, '\n'));
    assert_int_equal(strstr(console, "SLUICE-FATAL") - console, 0);
    assert_null(strstr(console + 1, "\nSLUICE-FATAL"));
    /* After a prompt, or a client's "Press any key to continue...": a line of its own. */
    reset();
    console_write("sluice> ", 8);
    expect_assert_failure(fatal("no OS"));
    assert_string_equal(console, "sluice> \nSLUICE-FATAL: no OS\n");
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(controls_and_high_bytes_are_escaped),
        cmocka_unit_test(random_bytes_never_leave_anything_unsafe),
        cmocka_unit_test(sizes_take_a_unit_that_fits),
        cmocka_unit_test(log_lines_cannot_be_forged),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
