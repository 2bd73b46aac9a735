/* SPDX-License-Identifier: BSD-2-Clause */
/* hvterm console: H_PUT_TERM_CHAR takes at most 16 bytes per call, packed
 * big-endian into two registers; H_GET_TERM_CHAR returns them the same way. */
#include <stdbool.h>
#include <string.h>
#include <libfdt.h>
#include "console.h"
#include "hcall.h"

#define HVTERM_CHUNK 16
#define BUSY_RETRIES 1000

static bool mid_line;                   /* the last text written did not end its line */

static uint32_t vtermno = 0x71000000;   /* QEMU's first vty, until the tree says */

/* Until the tree says there is none: the banner of a tree that cannot be
 * read still goes out. */
static bool hvterm = true;

void console_init(const void *fdt)
{
    const char *path = fdt_getprop(fdt, fdt_path_offset(fdt, "/chosen"), "stdout-path", NULL);
    int node = path ? fdt_path_offset(fdt, path) : -1;
    if (node < 0 || fdt_node_check_compatible(fdt, node, "hvterm1"))
        node = fdt_node_offset_by_compatible(fdt, -1, "hvterm1");
    int len;
    const fdt32_t *reg = node >= 0 ? fdt_getprop(fdt, node, "reg", &len) : NULL;
    hvterm = reg && len >= 4;
    if (hvterm)
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

/* Consoles attached later get the text written before them (the first
 * HISTORY_MAX bytes), so a screen or virtio console starts with the banner. */
#define HISTORY_MAX 8192
static char history[HISTORY_MAX];
static size_t history_len;
static struct console_port *ports;
static unsigned route_out = CONSOLE_ALL, route_in = CONSOLE_ALL;

bool console_has_hvterm(void)
{
    return hvterm;
}

void console_add(struct console_port *p)
{
    struct console_port **end = &ports;
    while (*end)
        end = &(*end)->next;
    p->next = NULL;
    *end = p;
    if (p->write && route_out & 1u << p->kind)
        p->write(p, history, history_len);
}

void console_remove(struct console_port *p)
{
    for (struct console_port **q = &ports; *q; q = &(*q)->next)
        if (*q == p) {
            *q = p->next;
            return;
        }
}

struct console_port *console_find(enum console_kind kind)
{
    for (struct console_port *p = ports; p; p = p->next)
        if (p->kind == kind)
            return p;
    return NULL;
}

void console_route(unsigned output, unsigned input)
{
    route_out = output;
    route_in = input;
}

/* Whether any console the text is routed to is there to take it. */
static bool routed_output(void)
{
    if (hvterm && route_out & 1u << CONSOLE_HVTERM)
        return true;
    for (struct console_port *p = ports; p; p = p->next)
        if (p->write && route_out & 1u << p->kind)
            return true;
    return false;
}

bool console_mid_line(void)
{
    return mid_line;
}

void console_write(const char *buf, size_t len)
{
    if (len)
        mid_line = buf[len - 1] != '\n';
    if (history_len < HISTORY_MAX) {
        size_t n = len < HISTORY_MAX - history_len ? len : HISTORY_MAX - history_len;
        memcpy(history + history_len, buf, n);
        history_len += n;
    }
    /* Routed nowhere that is attached: every text console gets it. */
    unsigned out = routed_output() ? route_out : 1u << CONSOLE_HVTERM | 1u << CONSOLE_VIRTIO;
    if (hvterm && out & 1u << CONSOLE_HVTERM)
        console_write_serial(buf, len);
    for (struct console_port *p = ports; p; p = p->next)
        if (p->write && out & 1u << p->kind)
            p->write(p, buf, len);
}

void console_write_serial(const char *buf, size_t len)
{
    if (len)
        mid_line = buf[len - 1] != '\n';
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

    while (hvterm && route_in & 1u << CONSOLE_HVTERM && got < len) {
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
    for (struct console_port *p = ports; p && got < len; p = p->next)
        if (p->read && route_in & 1u << p->kind)
            got += p->read(p, buf + got, len - got);
    return got;
}
