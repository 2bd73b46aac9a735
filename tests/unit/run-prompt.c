/* SPDX-License-Identifier: BSD-2-Clause */
/* The prompt's pure parts: line editing fed by a scripted terminal, word
 * splitting, and property formatting. */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <cmocka.h>

#include "prompt/line.c"
#include "prompt/format.c"

struct term {
    const char *in;
    size_t len, pos;
    char echo[1024];
    size_t echoed;
};

static int term_getc(void *ctx)
{
    struct term *t = ctx;
    return t->pos < t->len ? (unsigned char)t->in[t->pos++] : -1;
}

static void term_put(void *ctx, const char *s, size_t n)
{
    struct term *t = ctx;
    assert_true(t->echoed + n < sizeof(t->echo));
    memcpy(t->echo + t->echoed, s, n);
    t->echoed += n;
    t->echo[t->echoed] = '\0';
}

#define TERM(t, text) struct term t = { text, sizeof(text) - 1, 0, "", 0 }
#define IO(t) ((struct line_io){ term_getc, term_put, &(t), false })

static void a_line_is_read_and_echoed(void **state)
{
    (void)state;
    char buf[32];
    TERM(t, "boot disk1\r");
    struct line_io io = IO(t);
    assert_int_equal(line_read(&io, buf, sizeof(buf)), LINE_OK);
    assert_string_equal(buf, "boot disk1");
    assert_string_equal(t.echo, "boot disk1\r\n");
    assert_int_equal(line_read(&io, buf, sizeof(buf)), LINE_END);
}

static void backspace_delete_and_ctrl_u_edit(void **state)
{
    (void)state;
    char buf[32];
    TERM(t, "bx\bo\x7fot\x15help\x7f\x7f\x7f\x7f\x7f" "dt\n");
    struct line_io io = IO(t);
    assert_int_equal(line_read(&io, buf, sizeof(buf)), LINE_OK);
    assert_string_equal(buf, "dt");
}

static void crlf_is_one_line_and_lf_alone_ends_one(void **state)
{
    (void)state;
    char buf[32];
    TERM(t, "a\r\nb\n\nc\r\r");
    struct line_io io = IO(t);
    const char *want[] = { "a", "b", "", "c", "" };
    for (int i = 0; i < 5; i++) {
        assert_int_equal(line_read(&io, buf, sizeof(buf)), LINE_OK);
        assert_string_equal(buf, want[i]);
    }
    assert_int_equal(line_read(&io, buf, sizeof(buf)), LINE_END);
}

static void escape_sequences_and_control_bytes_are_swallowed(void **state)
{
    (void)state;
    char buf[32];
    TERM(t, "\x1b[Ade\x1b[1;5Cv\x01\x02\x1bOices\r");
    struct line_io io = IO(t);
    assert_int_equal(line_read(&io, buf, sizeof(buf)), LINE_OK);
    /* ESC O is a two-byte sequence: 'O' is taken with it. */
    assert_string_equal(buf, "devices");
    TERM(t2, "ab\x1b[12");
    io = IO(t2);
    assert_int_equal(line_read(&io, buf, sizeof(buf)), LINE_END);
}

static void ctrl_c_cancels(void **state)
{
    (void)state;
    char buf[32];
    TERM(t, "reset\x03" "help\r");
    struct line_io io = IO(t);
    assert_int_equal(line_read(&io, buf, sizeof(buf)), LINE_CANCELLED);
    assert_string_equal(buf, "");
    assert_int_equal(line_read(&io, buf, sizeof(buf)), LINE_OK);
    assert_string_equal(buf, "help");
}

static void an_over_long_line_is_dropped_whole(void **state)
{
    (void)state;
    char buf[8];
    TERM(t, "0123456789abc\x7f\x7f\rok\r");
    struct line_io io = IO(t);
    assert_int_equal(line_read(&io, buf, sizeof(buf)), LINE_TOO_LONG);
    assert_int_equal(strlen(buf), 7);
    assert_int_equal(line_read(&io, buf, sizeof(buf)), LINE_OK);
    assert_string_equal(buf, "ok");
    /* Exactly size - 1 characters still fit. */
    TERM(t2, "1234567\r");
    io = IO(t2);
    assert_int_equal(line_read(&io, buf, sizeof(buf)), LINE_OK);
    assert_string_equal(buf, "1234567");
    /* Ctrl-U after an overflow starts the line again. */
    TERM(t3, "0123456789\x15" "ab\r");
    io = IO(t3);
    assert_int_equal(line_read(&io, buf, sizeof(buf)), LINE_OK);
    assert_string_equal(buf, "ab");
}

static void random_input_never_overflows(void **state)
{
    (void)state;
    static char in[4096];
    char buf[16];
    srand(7);
    for (int round = 0; round < 200; round++) {
        for (size_t i = 0; i < sizeof(in); i++)
            in[i] = (char)rand();
        struct term t = { in, sizeof(in), 0, "", 0 };
        struct line_io io = { term_getc, term_put, &t, false };
        while (line_read(&io, buf, sizeof(buf)) != LINE_END) {
            assert_true(strlen(buf) < sizeof(buf));
            t.echoed = 0;
        }
    }
}

static void words_are_split(void **state)
{
    (void)state;
    char line[] = "  setenv\tboot-device  disk1 net ";
    char *w[4];
    assert_int_equal(line_split(line, w, 4), 4);
    assert_string_equal(w[0], "setenv");
    assert_string_equal(w[1], "boot-device");
    assert_string_equal(w[3], "net");
    char many[] = "a b c d e";
    assert_int_equal(line_split(many, w, 4), ERR_FULL);
    char none[] = " \t ";
    assert_int_equal(line_split(none, w, 4), 0);
}

static void properties_are_formatted(void **state)
{
    (void)state;
    char out[64];
    assert_string_equal(format_prop((const uint8_t *)"disk\0", 5, out, sizeof(out)), "\"disk\"");
    assert_string_equal(format_prop((const uint8_t *)"a\0bc\0", 5, out, sizeof(out)), "\"a\", \"bc\"");
    static const uint8_t cells[] = { 0, 0, 0, 1, 0x80, 0, 0, 0 };
    assert_string_equal(format_prop(cells, 8, out, sizeof(out)), "<0x1 0x80000000>");
    static const uint8_t bytes[] = { 0, 0xff, 7 };
    assert_string_equal(format_prop(bytes, 3, out, sizeof(out)), "[00 ff 07]");
    assert_string_equal(format_prop(bytes, 0, out, sizeof(out)), "");
    /* Empty strings inside and non-printable text are not strings. */
    assert_string_equal(format_prop((const uint8_t *)"a\0\0b\0", 6, out, sizeof(out)),
                        "[61 00 00 62 00 00]");
    static const uint8_t many[200] = { 1 };
    /* Cut by the buffer: it ends in "..." and fills it exactly. */
    format_prop(many, 200, out, sizeof(out));
    assert_int_equal(strlen(out), sizeof(out) - 1);
    assert_memory_equal(out, "<0x1000000 0x0 0x0", 18);
    assert_string_equal(out + sizeof(out) - 4, "...");
    char big[256];
    format_prop(many, 200, big, sizeof(big));
    assert_int_equal(strlen(big), 10 + 15 * 4 + 5);     /* 16 cells, then " ...>" */
    assert_string_equal(big + strlen(big) - 5, " ...>");
    char tiny[8];
    assert_string_equal(format_prop((const uint8_t *)"abcdefghij\0", 11, tiny, sizeof(tiny)),
                        "\"abc...");
}

static void random_properties_fit(void **state)
{
    (void)state;
    uint8_t v[80];
    char out[48];
    srand(11);
    for (int i = 0; i < 20000; i++) {
        size_t len = (size_t)rand() % sizeof(v);
        for (size_t j = 0; j < len; j++)
            v[j] = (uint8_t)(rand() % 3 ? 'a' + rand() % 26 : rand());
        format_prop(v, len, out, 1 + (size_t)rand() % sizeof(out));
    }
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(a_line_is_read_and_echoed),
        cmocka_unit_test(backspace_delete_and_ctrl_u_edit),
        cmocka_unit_test(crlf_is_one_line_and_lf_alone_ends_one),
        cmocka_unit_test(escape_sequences_and_control_bytes_are_swallowed),
        cmocka_unit_test(ctrl_c_cancels),
        cmocka_unit_test(an_over_long_line_is_dropped_whole),
        cmocka_unit_test(random_input_never_overflows),
        cmocka_unit_test(words_are_split),
        cmocka_unit_test(properties_are_formatted),
        cmocka_unit_test(random_properties_fit),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
