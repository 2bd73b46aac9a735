/* hvterm console: H_PUT_TERM_CHAR takes at most 16 bytes per call, packed
 * big-endian into two registers; H_GET_TERM_CHAR returns them the same way. */
#include <stdbool.h>
#include <string.h>
#include <libfdt.h>
#include "console.h"
#include "hcall.h"

#define HVTERM_CHUNK 16
#define BUSY_RETRIES 1000

static uint32_t vtermno = 0x71000000;   /* QEMU's first vty, until the tree says */

void console_init(const void *fdt)
{
    const char *path = fdt_getprop(fdt, fdt_path_offset(fdt, "/chosen"), "stdout-path", NULL);
    int node = path ? fdt_path_offset(fdt, path) : fdt_node_offset_by_compatible(fdt, -1, "hvterm1");
    int len;
    const fdt32_t *reg = node >= 0 ? fdt_getprop(fdt, node, "reg", &len) : NULL;
    if (reg && len >= 4)
        vtermno = fdt32_to_cpu(reg[0]);
}

static uint64_t pack_be(const char *p, size_t n)
{
    uint64_t v = 0;
    for (size_t i = 0; i < 8; i++)
        v = (v << 8) | (i < n ? (uint8_t)p[i] : 0);
    return v;
}

static void put_chunk(const char *p, size_t n)
{
    uint64_t hi = pack_be(p, n), lo = n > 8 ? pack_be(p + 8, n - 8) : 0;
    for (int i = 0; i < BUSY_RETRIES; i++)
        if (hcall(H_PUT_TERM_CHAR, vtermno, n, hi, lo, NULL) != H_BUSY)
            return;
}

/* The firmware's own text also goes to a screen once one is attached; the
 * text before that is kept (the first HISTORY_MAX bytes) and shown on it
 * first, so the screen starts with the banner. */
#define HISTORY_MAX 8192
static char history[HISTORY_MAX];
static size_t history_len;
static void (*mirror)(const char *buf, size_t len);
static size_t (*keyboard)(char *buf, size_t len);
static bool to_serial = true, to_screen = true;

void console_set_keyboard(size_t (*read)(char *buf, size_t len))
{
    keyboard = read;
}

void console_set_mirror(void (*write)(const char *buf, size_t len))
{
    mirror = write;
    if (mirror && to_screen)
        mirror(history, history_len);
}

void console_route(bool serial, bool screen)
{
    to_serial = serial;
    to_screen = screen;
}

void console_write(const char *buf, size_t len)
{
    if (!mirror && history_len < HISTORY_MAX) {
        size_t n = len < HISTORY_MAX - history_len ? len : HISTORY_MAX - history_len;
        memcpy(history + history_len, buf, n);
        history_len += n;
    }
    if (mirror && to_screen)
        mirror(buf, len);
    if (to_serial || !mirror)
        console_write_serial(buf, len);
}

void console_write_serial(const char *buf, size_t len)
{
    while (len) {
        size_t n = len < HVTERM_CHUNK ? len : HVTERM_CHUNK;
        put_chunk(buf, n);
        buf += n;
        len -= n;
    }
}

void console_puts(const char *s)
{
    while (*s) {
        size_t n = strcspn(s, "\n");
        console_write(s, n);
        s += n;
        if (*s == '\n') {
            console_write("\r\n", 2);
            s++;
        }
    }
}

size_t console_read(char *buf, size_t len)
{
    static char pending[HVTERM_CHUNK];
    static size_t npending, next;
    size_t got = 0;

    while (got < len) {
        if (next == npending) {
            uint64_t out[3];
            if (hcall(H_GET_TERM_CHAR, vtermno, 0, 0, 0, out) != H_SUCCESS || out[0] == 0)
                break;
            npending = out[0] > HVTERM_CHUNK ? HVTERM_CHUNK : out[0];
            for (size_t i = 0; i < npending; i++)
                pending[i] = (char)(out[1 + i / 8] >> (56 - 8 * (i % 8)));
            next = 0;
        }
        buf[got++] = pending[next++];
    }
    if (got < len && keyboard)
        got += keyboard(buf + got, len - got);
    return got;
}
