/* SPDX-License-Identifier: BSD-2-Clause */
/* A bare-metal test program entered the ePAPR way (kernel-entry=fdt), as
 * kvm-unit-tests and a kexec'd kernel are: it has the flattened tree in r3
 * and nothing else. It walks the tree with its own reader (not the
 * firmware's libfdt), prints one FDT-OK/FDT-FAIL line per check on the
 * console the tree names, and powers off through the RTAS the tree names.
 * Powering off is its last act only when every check passed; otherwise it
 * spins and the test's timeout reports it. */
#include <stdint.h>

long put_term_char(uint64_t termno, uint64_t len, uint64_t hi, uint64_t lo);
void rtas_enter(uint64_t entry, void *args);
extern char _start[];

#define FDT_MAGIC 0xd00dfeed
#define FDT_BEGIN_NODE 1
#define FDT_END_NODE 2
#define FDT_PROP 3
#define FDT_NOP 4
#define FDT_END 9

static const uint8_t *tree;
static uint32_t struct_off, struct_size, strings_off, strings_size;
static uint64_t termno = 0x71000000;    /* until the tree names the console */

void *memset(void *d, int c, unsigned long n)
{
    unsigned char *p = d;
    while (n--)
        *p++ = (unsigned char)c;
    return d;
}

static uint32_t be32(const uint8_t *p)
{
    return (uint32_t)p[0] << 24 | (uint32_t)p[1] << 16 | (uint32_t)p[2] << 8 | p[3];
}

static uint64_t be64(const uint8_t *p)
{
    return (uint64_t)be32(p) << 32 | be32(p + 4);
}

static unsigned slen(const char *s)
{
    unsigned n = 0;
    while (s[n])
        n++;
    return n;
}

static int seq_n(const char *a, const char *b, unsigned n)
{
    for (unsigned i = 0; i < n; i++)
        if (a[i] != b[i])
            return 0;
    return 1;
}

static void say(const char *s)
{
    for (unsigned n = slen(s); n;) {
        unsigned k = n > 16 ? 16 : n;
        uint8_t b[16] = { 0 };
        for (unsigned i = 0; i < k; i++)
            b[i] = (uint8_t)s[i];
        if (put_term_char(termno, k, be64(b), be64(b + 8)) == 0)
            s += k, n -= k;
    }
}

static void say_hex(uint64_t v)
{
    char out[19] = "0x";
    for (int i = 0; i < 16; i++)
        out[2 + i] = "0123456789abcdef"[(v >> (60 - 4 * i)) & 0xf];
    out[18] = 0;
    say(out);
}

static int failures;

static void check(int ok, const char *what)
{
    say(ok ? "FDT-OK " : "FDT-FAIL ");
    say(what);
    say("\r\n");
    failures += !ok;
}

/* One structure-block token at *off (advanced past it): its tag, and for a
 * node its name, for a property its name and value. Every offset is
 * bounds-checked against the header's block sizes; a malformed token or
 * the end of the block gives FDT_END. */
struct token {
    const char *name;
    unsigned name_len;
    const uint8_t *value;
    uint32_t len;
};

static uint32_t next_token(uint32_t *off, struct token *t)
{
    if (*off + 4 > struct_size)
        return FDT_END;
    const uint8_t *p = tree + struct_off + *off;
    uint32_t tag = be32(p);
    *off += 4;
    if (tag == FDT_BEGIN_NODE) {
        t->name = (const char *)p + 4;
        t->name_len = 0;
        while (*off + t->name_len < struct_size && t->name[t->name_len])
            t->name_len++;
        *off = (*off + t->name_len + 1 + 3) & ~3u;
    } else if (tag == FDT_PROP) {
        if (*off + 8 > struct_size)
            return FDT_END;
        t->len = be32(p + 4);
        uint32_t nameoff = be32(p + 8);
        *off += 8;
        if (t->len > struct_size - *off || nameoff >= strings_size)
            return FDT_END;
        t->name = (const char *)tree + strings_off + nameoff;
        t->value = p + 12;
        *off = (*off + t->len + 3) & ~3u;
    } else if (tag != FDT_END_NODE && tag != FDT_NOP) {
        return FDT_END;
    }
    return tag;
}

/* The property `name` of the node at `path` ("/" separated, exact node
 * names): its value and length, or NULL. */
static const uint8_t *getprop(const char *path, const char *name, uint32_t *len)
{
    uint32_t off = 0, depth = 0, matched = 0, tag;
    const char *want = path + 1;            /* the component to match at depth matched+2 */
    struct token t;
    while ((tag = next_token(&off, &t)) != FDT_END) {
        if (tag == FDT_BEGIN_NODE) {
            unsigned wl = 0;
            while (want[wl] && want[wl] != '/')
                wl++;
            if (++depth == matched + 2 && wl == t.name_len && seq_n(t.name, want, wl)) {
                matched++;
                want += wl + (want[wl] == '/');
            }
        } else if (tag == FDT_END_NODE) {
            if (depth-- == matched + 1 && matched)
                return 0;                   /* left the node we matched into */
        } else if (tag == FDT_PROP && depth == matched + 1 && !*want &&
                   seq_n(t.name, name, slen(name) + 1)) {
            *len = t.len;
            return t.value;
        }
    }
    return 0;
}

/* Whether /<parent> has a child whose name starts with prefix. */
static int has_child(const char *parent, const char *prefix)
{
    uint32_t off = 0, depth = 0, tag;
    int in_parent = 0;
    struct token t;
    while ((tag = next_token(&off, &t)) != FDT_END) {
        if (tag == FDT_BEGIN_NODE) {
            if (++depth == 2)
                in_parent = t.name_len == slen(parent) && seq_n(t.name, parent, t.name_len);
            if (depth == 3 && in_parent && t.name_len >= slen(prefix) &&
                seq_n(t.name, prefix, slen(prefix)))
                return 1;
        } else if (tag == FDT_END_NODE) {
            depth--;
        }
    }
    return 0;
}

static uint64_t cells(const uint8_t *v, uint32_t len)
{
    return len == 8 ? be64(v) : len == 4 ? be32(v) : ~0ull;
}

static int reserved(uint64_t addr, uint64_t size)
{
    const uint8_t *r = tree + be32(tree + 16);
    for (; be64(r) || be64(r + 8); r += 16)
        if (be64(r) <= addr && addr + size <= be64(r) + be64(r + 8))
            return 1;
    return 0;
}

void fdt_client_main(uint64_t fdt, uint64_t r4, uint64_t r5)
{
    uint32_t len;
    tree = (const uint8_t *)(uintptr_t)fdt;
    int header_ok = fdt && be32(tree) == FDT_MAGIC && be32(tree + 20) >= 17;
    if (header_ok) {
        struct_off = be32(tree + 8);
        strings_off = be32(tree + 12);
        strings_size = be32(tree + 32);
        struct_size = be32(tree + 36);
        const uint8_t *out = getprop("/chosen", "linux,stdout-path", &len);
        if (out && len > 1 && seq_n((const char *)out, "/vdevice/vty@", 13)) {
            uint64_t t = 0;
            for (const char *c = (const char *)out + 13; *c; c++)
                t = t * 16 + (uint64_t)(*c <= '9' ? *c - '0' : (*c | 0x20) - 'a' + 10);
            termno = t;
        }
    }
    say("FDT-CLIENT: entered with r3 = ");
    say_hex(fdt);
    say(", r4 = ");
    say_hex(r4);
    say("\r\n");
    check(header_ok, "r3 is a flattened tree, version 17");
    if (!header_ok)
        for (;;)
            ;
    check(r5 == 0, "r5 = 0: no client interface");
    check(r4 == (uint64_t)(uintptr_t)_start, "r4 = the entry address");
    uint64_t base = (uint64_t)(uintptr_t)tree;
    check(reserved(base, be32(tree + 4)), "the tree is in its own reserve map");

    const uint8_t *args = getprop("/chosen", "bootargs", &len);
    check(args && len > 1 && args[len - 1] == 0, "/chosen/bootargs");
    if (args && len > 1 && args[len - 1] == 0) {
        say("FDT-CLIENT: bootargs=");
        say((const char *)args);
        say("\r\n");
    }
    uint32_t slen_, elen;
    const uint8_t *s = getprop("/chosen", "linux,initrd-start", &slen_);
    const uint8_t *e = getprop("/chosen", "linux,initrd-end", &elen);
    uint64_t start = s ? cells(s, slen_) : ~0ull, end = e ? cells(e, elen) : 0;
    check(s && e && start < end, "/chosen/linux,initrd-start and -end");
    if (s && e && start < end) {
        const uint8_t *rd = (const uint8_t *)(uintptr_t)start;
        check(rd[0] == 0x1f && rd[1] == 0x8b, "the initrd is where they say (gzip magic)");
        check(reserved(start, end - start), "the initrd is in the reserve map");
    }

    const uint8_t *entry = getprop("/rtas", "linux,rtas-entry", &len);
    uint64_t rtas = entry ? cells(entry, len) : 0;
    const uint8_t *rbase = getprop("/rtas", "linux,rtas-base", &len);
    const uint8_t *rsize = getprop("/rtas", "rtas-size", &elen);
    check(entry && rbase && rsize && rtas == cells(rbase, len), "/rtas: linux,rtas-entry and -base");
    check(rsize && reserved(rtas, cells(rsize, elen)), "RTAS is in the reserve map");
    check(has_child("cpus", "PowerPC,"), "/cpus has a CPU node");
    const uint8_t *off = getprop("/rtas", "power-off", &len);
    const uint8_t *term = getprop("/rtas", "ibm,os-term", &elen);
    check(off && len == 4, "/rtas/power-off");

    uint32_t blk[6] __attribute__((aligned(8)));
    if (failures == 0 && rtas && off) {
        say("FDT-CLIENT: all checks passed, powering off through RTAS\r\n");
        blk[0] = be32(off), blk[1] = 2, blk[2] = 1, blk[3] = ~0u, blk[4] = ~0u;
        rtas_enter(rtas, blk);
    } else if (rtas && term) {
        static const char msg[] = "fdt-client: checks failed";
        blk[0] = be32(term), blk[1] = 1, blk[2] = 1, blk[3] = (uint32_t)(uintptr_t)msg;
        rtas_enter(rtas, blk);
    }
    say("FDT-CLIENT: RTAS returned\r\n");
    for (;;)
        ;
}
