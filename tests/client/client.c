/* SPDX-License-Identifier: BSD-2-Clause */
/* A client program for the QEMU tests: it uses the client interface as an OS
 * loader would, and abuses it as a broken one might, printing one line per
 * check. It ends with `exit`, which Sluice turns into a failed VM exit. */
#include <stdarg.h>
#include <stdint.h>

long ci_raw(void *args);
long uv_esm(uint64_t kbase, uint64_t fdt);
void illegal_instruction(void);

static uint32_t stdout_ih;

/* gcc may emit calls to these even in freestanding code. */
void *memset(void *d, int c, unsigned long n)
{
    unsigned char *p = d;
    while (n--)
        *p++ = (unsigned char)c;
    return d;
}

static long ci(const char *svc, int nargs, int nret, uint32_t *rets, ...)
{
    uint32_t blk[3 + 16];
    va_list ap;
    va_start(ap, rets);
    blk[0] = (uint32_t)(uintptr_t)svc;
    blk[1] = (uint32_t)nargs;
    blk[2] = (uint32_t)nret;
    for (int i = 0; i < nargs; i++)
        blk[3 + i] = va_arg(ap, uint32_t);
    va_end(ap);
    long rc = ci_raw(blk);
    for (int i = 0; i < nret && rets; i++)
        rets[i] = blk[3 + nargs + i];
    return rc;
}

static uint32_t ci1(const char *svc, int nargs, ...)
{
    uint32_t blk[3 + 16];
    va_list ap;
    va_start(ap, nargs);
    blk[0] = (uint32_t)(uintptr_t)svc;
    blk[1] = (uint32_t)nargs;
    blk[2] = 1;
    for (int i = 0; i < nargs; i++)
        blk[3 + i] = va_arg(ap, uint32_t);
    va_end(ap);
    if (ci_raw(blk) != 0)
        return 0xbadbad;
    return blk[3 + nargs];
}

static unsigned slen(const char *s)
{
    unsigned n = 0;
    while (s[n])
        n++;
    return n;
}

static int seq(const char *a, const char *b)
{
    while (*a && *a == *b)
        a++, b++;
    return *a == *b;
}

static void say(const char *s)
{
    ci1("write", 3, stdout_ih, (uint32_t)(uintptr_t)s, slen(s));
}

static int failures;

static void check(int ok, const char *what)
{
    say(ok ? "CLIENT-OK " : "CLIENT-FAIL ");
    say(what);
    say("\r\n");
    failures += !ok;
}

static char buf[256];

static void say_hex(const char *label, uint32_t v)
{
    char out[9];
    for (int i = 0; i < 8; i++)
        out[i] = "0123456789abcdef"[(v >> (28 - 4 * i)) & 0xf];
    out[8] = 0;
    say(label);
    say(out);
    say("\r\n");
}

static uint32_t crc32(const uint8_t *p, uint32_t len)
{
    uint32_t crc = 0xffffffff;
    while (len--) {
        crc ^= *p++;
        for (int k = 0; k < 8; k++)
            crc = (crc >> 1) ^ (0xedb88320 & (0u - (crc & 1)));
    }
    return ~crc;
}

static int mem_eq(const uint8_t *a, const uint8_t *b, uint32_t n)
{
    while (n--)
        if (*a++ != *b++)
            return 0;
    return 1;
}

static void scopy(char *d, const char *s)
{
    while ((*d++ = *s++))
        ;
}

/* "client-net PATH": the OF network package. */
static void net_checks(const char *path)
{
    static uint8_t frame[1600];
    uint32_t node = ci1("finddevice", 1, (uint32_t)(uintptr_t)path);
    uint8_t mac[6];
    check(ci1("getprop", 4, node, (uint32_t)(uintptr_t)"local-mac-address", (uint32_t)(uintptr_t)mac, 6) == 6 &&
          mac[0] == 0x52 && mac[5] == 0x56, "local-mac-address");
    check(ci1("getproplen", 2, node, (uint32_t)(uintptr_t)"mac-address") == 6, "mac-address");
    uint32_t ih = ci1("open", 1, (uint32_t)(uintptr_t)path);
    check(ih != 0 && ih != 0xbadbad, "open the network device");
    for (int i = 0; i < 6; i++) {
        frame[i] = 0xff;            /* broadcast, from us, an unused ethertype */
        frame[6 + i] = mac[i];
    }
    frame[12] = 0x88;
    frame[13] = 0xb5;
    check(ci1("write", 3, ih, (uint32_t)(uintptr_t)frame, 60) == 60, "write a frame");
    check(ci1("write", 3, ih, (uint32_t)(uintptr_t)frame, 1515) == 0xffffffff, "oversized frame refused");
    check(ci1("write", 3, ih, 0x1000, 60) == 0xffffffff, "frame in firmware memory refused");
    uint32_t got = ci1("read", 3, ih, (uint32_t)(uintptr_t)frame, sizeof(frame));
    check(got == 0 || (got >= 14 && got <= 1514), "read returns nothing or one frame");
    ci("close", 1, 0, 0, ih);
}

/* "client-disk PATH [bs=4096]": the OF disk package, as a boot loader uses
 * it, on a disk laid out by tests/disk.sh (partition 2: 4 MiB of data) with
 * 512-byte or 4096-byte blocks. */
static const char *arg(const char *args, const char *key, char *out, unsigned max);

static void disk_checks(const char *args)
{
    static char spec[200], path[160], bs_text[8];
    static uint8_t small[512], keep[8192];
    const uint32_t size = 4u << 20, chunk = 65536;
    uint32_t bs = arg(args, "bs", bs_text, sizeof(bs_text)) && bs_text[0] == '4' ? 4096 : 512;
    unsigned plen = 0;
    while (args[plen] && args[plen] != ' ' && plen + 1 < sizeof(path))
        path[plen] = args[plen], plen++;
    path[plen] = 0;
    uint8_t *data = (uint8_t *)(uintptr_t)ci1("claim", 3, 0x3000000, size, 0);
    check(data == (uint8_t *)0x3000000, "claim a read buffer");

    scopy(spec, path);
    scopy(spec + slen(spec), ":2");
    uint32_t ih = ci1("open", 1, (uint32_t)(uintptr_t)spec);
    check(ih != 0 && ih != 0xbadbad, "open partition 2");
    uint32_t rets[2];
    ci("call-method", 2, 2, rets, (uint32_t)(uintptr_t)"block-size", ih);
    check(rets[0] == 0 && rets[1] == bs, "block-size");
    ci("call-method", 2, 2, rets, (uint32_t)(uintptr_t)"#blocks", ih);
    check(rets[0] == 0 && rets[1] == size / bs, "#blocks of partition 2");
    uint32_t got = 0;
    for (uint32_t off = 0; off < size; off += chunk)
        got += ci1("read", 3, ih, (uint32_t)(uintptr_t)(data + off), chunk);
    check(got == size, "read the whole partition");
    say_hex("CLIENT-DISK-CRC ", crc32(data, size));

    check(ci1("seek", 3, ih, 0, 1000) == 0, "seek");
    check(ci1("read", 3, ih, (uint32_t)(uintptr_t)small, 100) == 100 && mem_eq(small, data + 1000, 100),
          "unaligned read after seek");
    ci("call-method", 5, 2, rets, (uint32_t)(uintptr_t)"read-blocks", ih, 2, 3, 0x1000);
    check(rets[0] == 0 && rets[1] == 0, "read-blocks into firmware memory is refused");
    uint8_t *blocks = data + size - 2 * bs;   /* reuse the end of the buffer */
    for (uint32_t i = 0; i < 2 * bs; i++)
        keep[i] = blocks[i];
    ci("call-method", 5, 2, rets, (uint32_t)(uintptr_t)"read-blocks", ih, 2, 3, (uint32_t)(uintptr_t)blocks);
    check(rets[0] == 0 && rets[1] == 2 && mem_eq(blocks, data + 3 * bs, 2 * bs), "read-blocks");
    for (uint32_t i = 0; i < 2 * bs; i++)
        blocks[i] = keep[i];
    ci("call-method", 5, 2, rets, (uint32_t)(uintptr_t)"read-blocks", ih, 4, size / bs - 2,
       (uint32_t)(uintptr_t)blocks);
    check(rets[1] == 0, "read-blocks past the end is refused");
    check(ci1("seek", 3, ih, 0, size - 10) == 0 &&
          ci1("read", 3, ih, (uint32_t)(uintptr_t)small, 100) == 10, "read stops at the end");
    check(ci1("read", 3, ih, 0x1000, 100) == 0xffffffff, "read into firmware memory is refused");
    check(ci1("seek", 3, ih, 0, size + 1) == 0xffffffff, "seek past the end is refused");
    ci("close", 1, 0, 0, ih);

    scopy(spec + slen(path), ":9");
    check(ci1("open", 1, (uint32_t)(uintptr_t)spec) == 0, "open of a missing partition fails");
    spec[slen(path)] = 0;
    ih = ci1("open", 1, (uint32_t)(uintptr_t)spec);
    check(ih != 0 && ci1("read", 3, ih, (uint32_t)(uintptr_t)small, 512) == 512 &&
          small[510] == 0x55 && small[511] == 0xaa, "whole-disk open reads the MBR");
}

/* "client-secure disk=PATH [refused=PATH] [net=PATH] [esm-twice=yes]": the
 * guest turns secure (UV_ESM) halfway through reading partition 2 of disk;
 * the read must finish intact, a disk without ACCESS_PLATFORM must then be
 * refused, and a ping through net must come back byte for byte before and
 * after. esm-twice misuses the ultravisor, for the simulator's own test. */
static const char *arg(const char *args, const char *key, char *out, unsigned max)
{
    unsigned klen = slen(key);
    for (const char *p = args; *p;) {
        while (*p == ' ')
            p++;
        unsigned n = 0;
        while (p[n] && p[n] != ' ')
            n++;
        if (n > klen && mem_eq((const uint8_t *)p, (const uint8_t *)key, klen) && p[klen] == '=' &&
            n - klen - 1 < max) {
            for (unsigned i = 0; i < n - klen - 1; i++)
                out[i] = p[klen + 1 + i];
            out[n - klen - 1] = 0;
            return out;
        }
        p += n;
    }
    return 0;
}

static uint16_t ip_sum(const uint8_t *p, unsigned len)
{
    uint32_t sum = 0;
    for (unsigned i = 0; i + 1 < len; i += 2)
        sum += (uint32_t)(p[i] << 8 | p[i + 1]);
    if (len & 1)
        sum += (uint32_t)(p[len - 1] << 8);
    while (sum >> 16)
        sum = (sum & 0xffff) + (sum >> 16);
    return (uint16_t)~sum;
}

static const uint8_t my_ip[4] = { 10, 0, 2, 15 }, gw_ip[4] = { 10, 0, 2, 2 };

/* Wait up to 3 s for a frame of ethertype `type` that `match` accepts. */
static uint32_t await(uint32_t ih, uint8_t *frame, uint32_t size, uint16_t type,
                      int (*match)(const uint8_t *f, uint32_t n, uint16_t seq), uint16_t seq)
{
    uint32_t start = ci1("milliseconds", 0);
    while (ci1("milliseconds", 0) - start < 3000) {
        uint32_t n = ci1("read", 3, ih, (uint32_t)(uintptr_t)frame, size);
        if (n != 0xffffffff && n >= 14 && (frame[12] << 8 | frame[13]) == type && match(frame, n, seq))
            return n;
    }
    return 0;
}

static int arp_reply(const uint8_t *f, uint32_t n, uint16_t seq)
{
    (void)seq;
    return n >= 42 && f[21] == 2 && mem_eq(f + 28, gw_ip, 4);
}

static int echo_reply(const uint8_t *f, uint32_t n, uint16_t seq)
{
    return n >= 42 && f[23] == 1 && f[34] == 0 && (f[40] << 8 | f[41]) == seq;
}

static int ping(uint32_t ih, const uint8_t *mac, uint16_t seq)
{
    static uint8_t out[1100], in[1600];
    const unsigned payload = 1000, ip_len = 20 + 8 + payload;
    for (int i = 0; i < 6; i++) {
        out[i] = 0xff;
        out[6 + i] = mac[i];
    }
    out[12] = 0x08, out[13] = 0x06;                     /* ARP: who has the gateway? */
    const uint8_t arp[8] = { 0, 1, 8, 0, 6, 4, 0, 1 };
    for (int i = 0; i < 8; i++)
        out[14 + i] = arp[i];
    for (int i = 0; i < 6; i++)
        out[22 + i] = mac[i], out[32 + i] = 0;
    for (int i = 0; i < 4; i++)
        out[28 + i] = my_ip[i], out[38 + i] = gw_ip[i];
    if (ci1("write", 3, ih, (uint32_t)(uintptr_t)out, 60) != 60 ||
        !await(ih, in, sizeof(in), 0x0806, arp_reply, 0))
        return 0;
    for (int i = 0; i < 6; i++)
        out[i] = in[22 + i];
    out[12] = 0x08, out[13] = 0x00;
    uint8_t *ip = out + 14, *icmp = ip + 20;
    memset(ip, 0, 28);
    ip[0] = 0x45, ip[2] = (uint8_t)(ip_len >> 8), ip[3] = (uint8_t)ip_len;
    ip[8] = 64, ip[9] = 1;
    for (int i = 0; i < 4; i++)
        ip[12 + i] = my_ip[i], ip[16 + i] = gw_ip[i];
    uint16_t s = ip_sum(ip, 20);
    ip[10] = (uint8_t)(s >> 8), ip[11] = (uint8_t)s;
    icmp[0] = 8, icmp[4] = 0x5a, icmp[5] = 0x5a, icmp[6] = (uint8_t)(seq >> 8), icmp[7] = (uint8_t)seq;
    for (unsigned i = 0; i < payload; i++)
        icmp[8 + i] = (uint8_t)(i * 7 + seq);
    s = ip_sum(icmp, 8 + payload);
    icmp[2] = (uint8_t)(s >> 8), icmp[3] = (uint8_t)s;
    uint32_t n;
    return ci1("write", 3, ih, (uint32_t)(uintptr_t)out, 14 + ip_len) == 14 + ip_len &&
           (n = await(ih, in, sizeof(in), 0x0800, echo_reply, seq)) >= 14 + ip_len &&
           mem_eq(in + 42, icmp + 8, payload);
}

static void secure_checks(const char *args)
{
    static char disk[120], spec[130], refused[120], net[120], again[8];
    const uint32_t size = 4u << 20, chunk = 65536;
    uint32_t net_ih = 0;
    uint8_t mac[6];
    uint8_t *data = (uint8_t *)(uintptr_t)ci1("claim", 3, 0x3000000, size, 0);
    check(arg(args, "disk", disk, sizeof(disk)) && data == (uint8_t *)0x3000000, "claim a read buffer");
    if (arg(args, "net", net, sizeof(net))) {
        uint32_t node = ci1("finddevice", 1, (uint32_t)(uintptr_t)net);
        ci1("getprop", 4, node, (uint32_t)(uintptr_t)"local-mac-address", (uint32_t)(uintptr_t)mac, 6);
        net_ih = ci1("open", 1, (uint32_t)(uintptr_t)net);
        check(net_ih != 0 && net_ih != 0xbadbad && ping(net_ih, mac, 1), "ping before the transition");
    }
    scopy(spec, disk);
    scopy(spec + slen(spec), ":2");
    uint32_t ih = ci1("open", 1, (uint32_t)(uintptr_t)spec);
    check(ih != 0 && ih != 0xbadbad, "open partition 2");
    uint32_t got = 0;
    for (uint32_t off = 0; off < size / 2; off += chunk)
        got += ci1("read", 3, ih, (uint32_t)(uintptr_t)(data + off), chunk);
    say("CLIENT: calling UV_ESM halfway through the read\r\n");
    check(uv_esm(0x400000, 0) == 0, "UV_ESM succeeds");
    for (uint32_t off = size / 2; off < size; off += chunk)
        got += ci1("read", 3, ih, (uint32_t)(uintptr_t)(data + off), chunk);
    check(got == size, "read the whole partition across the transition");
    say_hex("CLIENT-DISK-CRC ", crc32(data, size));
    ci("close", 1, 0, 0, ih);
    if (net_ih)
        check(ping(net_ih, mac, 2), "ping after the transition");
    if (arg(args, "refused", refused, sizeof(refused))) {
        ih = ci1("open", 1, (uint32_t)(uintptr_t)refused);
        check(ih == 0 || ci1("read", 3, ih, (uint32_t)(uintptr_t)data, 512) == 0xffffffff,
              "a disk without ACCESS_PLATFORM is refused in secure mode");
    }
    if (arg(args, "esm-twice", again, sizeof(again)))
        check(uv_esm(0x400000, 0) != 0, "a second UV_ESM is refused");
}

static uint32_t le32(const uint8_t *p)
{
    return p[0] | p[1] << 8 | p[2] << 16 | (uint32_t)p[3] << 24;
}

/* Where the digests (count, then algorithm and digest for each bank) of the
 * crypto-agile log's event whose data is `info` start; their length in
 * *dlen. NULL when no such event, or a bank this reader does not know. */
static const uint8_t *event_digests(const uint8_t *log, uint32_t size, const char *info,
                                    uint32_t ilen, uint32_t *dlen)
{
    uint32_t pos = 32 + le32(log + 28);         /* past the Spec ID event */
    while (pos + 12 <= size) {
        uint32_t count = le32(log + pos + 8), d = pos + 12;
        for (uint32_t i = 0; i < count; i++) {
            uint32_t alg = log[d] | log[d + 1] << 8;
            uint32_t n = alg == 4 ? 20 : alg == 11 ? 32 : alg == 12 ? 48 : alg == 13 ? 64 : 0;
            if (!n || d + 2 + n > size)
                return 0;
            d += 2 + n;
        }
        if (d + 4 > size)
            return 0;
        uint32_t elen = le32(log + d);
        if (elen == ilen && d + 4 + ilen <= size && mem_eq(log + d + 4, (const uint8_t *)info, ilen)) {
            *dlen = d - (pos + 8);
            return log + pos + 8;
        }
        pos = d + 4 + elen;
    }
    return 0;
}

/* 2hash-ext-log of the same 3000 bytes from a word-aligned buffer and
 * from one at an odd address that crosses a page: the firmware's block
 * functions take both paths (OpenSSL's POWER code copies a block that
 * crosses a page); both events must carry the same digests. */
static void hash_alignments(uint32_t ih)
{
    static uint8_t aligned[4096] __attribute__((aligned(4096))), odd[8192] __attribute__((aligned(4096)));
    uint8_t *far = odd + 4096 - 1499;
    uint32_t r[2];
    for (uint32_t i = 0; i < 3000; i++)
        aligned[i] = far[i] = (uint8_t)(i * 7 + (i >> 8));
    ci("call-method", 8, 2, r, (uint32_t)(uintptr_t)"2hash-ext-log", ih, 3000, (uint32_t)(uintptr_t)aligned,
       15, (uint32_t)(uintptr_t)"client: aligned", 0xd, 8);
    check(r[0] == 0 && r[1] != 0, "2hash-ext-log of an aligned buffer");
    ci("call-method", 8, 2, r, (uint32_t)(uintptr_t)"2hash-ext-log", ih, 3000, (uint32_t)(uintptr_t)far,
       15, (uint32_t)(uintptr_t)"client: crosses", 0xd, 8);
    check(r[0] == 0 && r[1] != 0, "2hash-ext-log of an odd buffer across a page");
}

/* The vTPM's methods as GRUB and prom_init call them: the largest command,
 * a command passed through (GetRandom), measurements of our own, then the
 * log handed over (too small a buffer refused) with our last event last,
 * and nothing measured after. */
static void tpm_checks(void)
{
    static uint8_t cmd[4096], log[0x10000];
    static const char info[] = "client: hello";
    uint32_t r[2], ih = ci1("open", 1, (uint32_t)(uintptr_t)"/vdevice/vtpm");
    check(ih != 0 && ih != 0xbadbad, "open /vdevice/vtpm");
    ci("call-method", 2, 2, r, (uint32_t)(uintptr_t)"get-maximum-cmd-size", ih);
    check(r[0] == 0 && r[1] == 4096, "get-maximum-cmd-size is 4096");
    static const uint8_t get_random[12] = { 0x80, 0x01, 0, 0, 0, 12, 0, 0, 0x01, 0x7b, 0, 8 };
    for (unsigned i = 0; i < sizeof(get_random); i++)
        cmd[i] = get_random[i];
    ci("call-method", 4, 2, r, (uint32_t)(uintptr_t)"pass-through-to-tpm", ih, 12, (uint32_t)(uintptr_t)cmd);
    check(r[0] == 0 && r[1] == 20 && cmd[5] == 20 && cmd[9] == 0 && cmd[11] == 8,
          "pass-through-to-tpm: TPM2_GetRandom answers 8 bytes");
    hash_alignments(ih);
    ci("call-method", 8, 2, r, (uint32_t)(uintptr_t)"2hash-ext-log", ih, 5, (uint32_t)(uintptr_t)"hello",
       sizeof(info), (uint32_t)(uintptr_t)info, 0xd, 8);
    check(r[0] == 0 && r[1] != 0, "2hash-ext-log into PCR 8");
    ci("call-method", 2, 2, r, (uint32_t)(uintptr_t)"sml-get-handover-size", ih);
    uint32_t size = r[1];
    check(r[0] == 0 && size > 64 && size <= sizeof(log), "sml-get-handover-size");
    ci("call-method", 4, 2, r, (uint32_t)(uintptr_t)"sml-handover", ih, size - 1, (uint32_t)(uintptr_t)log);
    check(r[0] == 0 && r[1] == 0, "sml-handover into too small a buffer is refused");
    ci("call-method", 4, 2, r, (uint32_t)(uintptr_t)"sml-handover", ih, sizeof(log), (uint32_t)(uintptr_t)log);
    check(r[0] == 0 && r[1] == size && mem_eq(log + 32, (const uint8_t *)"Spec ID Event03", 16) &&
          mem_eq(log + size - sizeof(info), (const uint8_t *)info, sizeof(info)) && log[size] == 0,
          "sml-handover: the log, our event last, the rest cleared");
    uint32_t alen = 0, clen = 0;
    const uint8_t *a = event_digests(log, size, "client: aligned", 15, &alen);
    const uint8_t *c = event_digests(log, size, "client: crosses", 15, &clen);
    check(a && c && alen > 4 && alen == clen && mem_eq(a, c, alen),
          "the aligned and the page-crossing buffer have the same digests in every bank");
    ci("call-method", 2, 2, r, (uint32_t)(uintptr_t)"get-failure-reason", ih);
    check(r[0] == 0 && r[1] == 14, "get-failure-reason says handed over");
    ci("call-method", 8, 2, r, (uint32_t)(uintptr_t)"2hash-ext-log", ih, 5, (uint32_t)(uintptr_t)"hello",
       sizeof(info), (uint32_t)(uintptr_t)info, 0xd, 8);
    check(r[0] == 0 && r[1] == 0, "nothing is measured after the hand-over");
    ci("close", 1, 0, 0, ih);
}

void client_main(void)
{
    uint32_t chosen = ci1("finddevice", 1, (uint32_t)(uintptr_t)"/chosen");
    ci1("getprop", 4, chosen, (uint32_t)(uintptr_t)"stdout", (uint32_t)(uintptr_t)&stdout_ih, 4);
    check(chosen != 0xffffffff && chosen != 0xbadbad, "finddevice /chosen");

    int n = (int)ci1("getprop", 4, chosen, (uint32_t)(uintptr_t)"bootargs",
                     (uint32_t)(uintptr_t)buf, sizeof(buf) - 1);
    buf[n > 0 ? n : 0] = 0;
    check(n > 0, "bootargs read back");
    if (n > 11 && mem_eq((const uint8_t *)buf, (const uint8_t *)"client-net ", 11)) {
        net_checks(buf + 11);
        say(failures ? "CLIENT-RESULT: FAIL\r\n" : "CLIENT-RESULT: PASS\r\n");
        ci("exit", 0, 0, 0);
    }
    if (n > 12 && mem_eq((const uint8_t *)buf, (const uint8_t *)"client-disk ", 12)) {
        disk_checks(buf + 12);
        say(failures ? "CLIENT-RESULT: FAIL\r\n" : "CLIENT-RESULT: PASS\r\n");
        ci("exit", 0, 0, 0);
    }
    if (n > 14 && mem_eq((const uint8_t *)buf, (const uint8_t *)"client-secure ", 14)) {
        secure_checks(buf + 14);
        say(failures ? "CLIENT-RESULT: FAIL\r\n" : "CLIENT-RESULT: PASS\r\n");
        ci("exit", 0, 0, 0);
    }
    if (seq(buf, "client-tpm")) {
        tpm_checks();
        say(failures ? "CLIENT-RESULT: FAIL\r\n" : "CLIENT-RESULT: PASS\r\n");
        ci("exit", 0, 0, 0);
    }
    if (seq(buf, "client-hello")) {
        /* For boot-order tests: which device the firmware booted, then off. */
        static char path[256];
        n = (int)ci1("getprop", 4, chosen, (uint32_t)(uintptr_t)"bootpath",
                     (uint32_t)(uintptr_t)path, sizeof(path) - 1);
        path[n > 0 ? n : 0] = 0;
        say("CLIENT-BOOTED: bootpath=");
        say(path);
        say("\r\n");
        ci1("interpret", 1, (uint32_t)(uintptr_t)"power-off");
        ci("exit", 0, 0, 0);
    }
    if (seq(buf, "client-crash")) {
        say("CLIENT: executing an illegal instruction\r\n");
        illegal_instruction();
    }

    check(ci("frobnicate", 0, 1, 0) == -1, "unknown service returns -1");
    check(ci1("test", 1, (uint32_t)(uintptr_t)"getprop") == 0, "test getprop");
    check(ci_raw((void *)0x100) == -1, "argument block in firmware memory refused");
    check(ci1("getprop", 4, chosen, (uint32_t)(uintptr_t)"bootargs", 0x1000, 16) == 0xffffffff,
          "getprop into firmware memory refused");
    check(ci1("claim", 3, 0x10000, 0x1000, 0) == 0xffffffff, "claim of firmware memory refused");
    check(ci1("claim", 3, 0x1000000, 0x1000, 0) == 0xffffffff, "claim of the client's own image refused");
    check(ci1("claim", 3, 0x2000000, 0x10000, 0) == 0x2000000, "claim of free memory");
    check(ci1("claim", 3, 0x2000000, 0x10000, 0) == 0xffffffff, "second claim refused");
    ci("release", 2, 0, 0, 0x2000000, 0x10000);
    check(ci1("claim", 3, 0x2000000, 0x10000, 0) == 0x2000000, "claim after release");
    uint32_t a = ci1("claim", 3, 0, 0x3000, 0x100000);
    check(a != 0xffffffff && (a & 0xfffff) == 0, "aligned claim");
    a = ci1("claim", 3, 0xfff00000, 0x3000, 0x100000);
    check(a != 0xffffffff && (a & 0xfffff) == 0 && a < 0xfff00000, "aligned claim ignores virt");

    /* /chosen's memory and mmu packages (the boot CPU), and /options. */
    uint32_t mem_ih = 0, mmu_ih = 0, r3[4];
    ci1("getprop", 4, chosen, (uint32_t)(uintptr_t)"memory", (uint32_t)(uintptr_t)&mem_ih, 4);
    ci1("getprop", 4, chosen, (uint32_t)(uintptr_t)"mmu", (uint32_t)(uintptr_t)&mmu_ih, 4);
    ci("call-method", 5, 2, r3, (uint32_t)(uintptr_t)"claim", mem_ih, 0, 0x10000, 0x3000000);
    check(r3[0] == 0 && r3[1] == 0x3000000, "memory package claim");
    check(ci1("claim", 3, 0x3000000, 0x1000, 0) == 0xffffffff, "memory package claim is a claim");
    ci("call-method", 4, 1, r3, (uint32_t)(uintptr_t)"release", mem_ih, 0x10000, 0x3000000);
    check(r3[0] == 0 && ci1("claim", 3, 0x3000000, 0x1000, 0) == 0x3000000, "memory package release");
    ci("call-method", 3, 4, r3, (uint32_t)(uintptr_t)"translate", mmu_ih, 0x1234000);
    check(r3[0] == 0 && r3[1] == 0xffffffff && r3[3] == 0x1234000, "mmu translate is identity");
    uint32_t options = ci1("finddevice", 1, (uint32_t)(uintptr_t)"/options");
    n = (int)ci1("getprop", 4, options, (uint32_t)(uintptr_t)"real-mode?", (uint32_t)(uintptr_t)buf, sizeof(buf));
    check(n == 5 && seq(buf, "true"), "/options real-mode? true");

    uint32_t root = ci1("peer", 1, 0);
    int props = 0;
    char name[64] = "";
    while (props < 100 && ci1("nextprop", 3, root, (uint32_t)(uintptr_t)name,
                              (uint32_t)(uintptr_t)name) == 1)
        props++;
    check(props > 3 && props < 100, "nextprop walks the root's properties");
    n = (int)ci1("package-to-path", 3, chosen, (uint32_t)(uintptr_t)buf, sizeof(buf));
    check(n == 7 && seq(buf, "/chosen"), "package-to-path");
    check(ci1("milliseconds", 0) < 60000, "milliseconds");
    say(failures ? "CLIENT-RESULT: FAIL\r\n" : "CLIENT-RESULT: PASS\r\n");
    ci("exit", 0, 0, 0);
}
