/* SPDX-License-Identifier: BSD-2-Clause */
/* Writes the small seed inputs the fuzz targets start from (make-seeds.sh
 * runs it): real shapes built with the firmware's own builders where it has
 * them, so the fuzzer starts past the checksums and magic numbers. */
#include <stdbool.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "net/addr.c"
#include "net/netargs.c"
#include "net/dhcp.c"
#include "net/dhcp6.c"
#include "net/packet.c"
#include "net/packet6.c"
#include "net/tftp.c"
#include "nvram/chrp.c"

static const char *dir;

static void seed(const char *target, const char *name, const void *p, size_t len)
{
    char path[512];
    snprintf(path, sizeof(path), "%s/%s/%s", dir, target, name);
    FILE *f = fopen(path, "wb");
    if (!f || fwrite(p, 1, len, f) != len || fclose(f)) {
        perror(path);
        exit(1);
    }
}

static const uint8_t mac[6] = { 0x52, 0x54, 0, 0x12, 0x34, 0x56 };

/* A DHCP reply as QEMU's user networking sends one, options and all. */
static size_t dhcp_reply(uint8_t *p, uint8_t type, bool overload)
{
    size_t n = 240;
    memset(p, 0, 548);
    p[0] = 2, p[1] = 1, p[2] = 6;
    put_be32(p + 4, 0x12345678);
    put_be32(p + 16, 0x0a00020f);           /* yiaddr */
    put_be32(p + 20, 0x0a000202);           /* siaddr */
    memcpy(p + 28, mac, 6);
    strcpy((char *)p + 44, "tftp-server");
    strcpy((char *)p + 108, "pxelinux.0");
    put_be32(p + 236, MAGIC);
    const uint8_t opts[] = { 53, 1, type, 54, 4, 10, 0, 2, 2, 1, 4, 255, 255, 255, 0,
                             3, 4, 10, 0, 2, 2, 66, 8, '1', '0', '.', '0', '.', '2', '.', '2',
                             67, 7, 'v', 'm', 'l', 'i', 'n', 'u', 'x' };
    memcpy(p + n, opts, sizeof(opts));
    n += sizeof(opts);
    if (overload) {
        p[n++] = 52, p[n++] = 1, p[n++] = 3;
        memset(p + 44, 0, 192);
        const uint8_t more[] = { 67, 4, 'b', 'o', 'o', 't', 255 };
        memcpy(p + 108, more, sizeof(more));
    }
    p[n++] = 255;
    return n;
}

int main(int argc, char **argv)
{
    static uint8_t buf[16384], frame[ETH_FRAME_MAX];
    if (argc != 2)
        return 2;
    dir = argv[1];

    size_t n = dhcp_reply(buf, DHCP_OFFER, false);
    seed("fuzz-dhcp", "offer", buf, n);
    seed("fuzz-frame", "dhcp-offer", frame,
         frame_udp(frame, mac, mac, 0x0a000202, 0xffffffff, 67, 68, buf, n));
    seed("fuzz-dhcp", "ack-overload", buf, dhcp_reply(buf, DHCP_ACK, true));
    seed("fuzz-frame", "arp-request", frame, frame_arp(frame, 1, mac, mac, 0x0a000202, mac, 0x0a00020f));

    /* IPv6: a DHCPv6 reply as QEMU's user network sends it, in a frame; a
     * neighbour solicitation and an advertisement. */
    static const uint8_t ll[16] = { 0xfe, 0x80, [8] = 0x50, 0x54, 0, 0xff, 0xfe, 0x12, 0x34, 0x56 };
    static const uint8_t srv[16] = { 0xfe, 0xc0, [15] = 2 }, group[16] = { 0xff, 0x02, [11] = 1, 0xff, 0x12, 0x34, 0x56 };
    static const char url[] = "tftp://[fec0:0000:0000:0000:0000:0000:0000:0002]/vmlinux";
    uint8_t r6[200] = { DHCP6_REPLY, 0x12, 0x34, 0x56, 0, 1, 0, 10, 0, 3, 0, 1, 0x52, 0x54, 0, 0x12, 0x34, 0x56,
                        0, 23, 0, 16, 0xfe, 0xc0, [37] = 3, 0, 59, 0, sizeof(url) - 1 };
    memcpy(r6 + 42, url, sizeof(url) - 1);
    seed("fuzz-dhcp6", "reply", r6, 42 + sizeof(url) - 1);
    seed("fuzz-frame", "dhcp6-reply", frame, frame_udp6(frame, mac, mac, srv, ll, 547, 546, r6, 42 + sizeof(url) - 1));
    uint8_t adv[70] = { DHCP6_ADVERTISE, 1, 2, 3, 0, 1, 0, 10, 0, 3, 0, 1, 0x52, 0x54, 0, 0x12, 0x34, 0x56,
                        0, 2, 0, 4, 1, 2, 3, 4, 0, 3, 0, 40, 0, 0, 0, 1, [42] = 0, 5, 0, 24, 0xfe, 0xc0,
                        [61] = 0x77, [65] = 60, [69] = 90 };
    seed("fuzz-dhcp6", "advertise", adv, sizeof(adv));
    seed("fuzz-frame", "neighbour-solicitation", frame, frame_nd(frame, ND_NS, mac, mac, srv, group, ll, 0));
    seed("fuzz-frame", "neighbour-advertisement", frame,
         frame_nd(frame, ND_NA, mac, mac, ll, srv, ll, NA_SOLICITED | NA_OVERRIDE));

    const uint8_t oack[] = "\0\6blksize\0" "1428\0tsize\0" "45816320";
    seed("fuzz-tftp", "oack", oack, sizeof(oack));
    const uint8_t data[] = "\0\3\0\1hello, world";
    seed("fuzz-tftp", "data", data, sizeof(data) - 1);
    const uint8_t err[] = "\0\5\0\1File not found";
    seed("fuzz-tftp", "error", err, sizeof(err));
    seed("fuzz-frame", "tftp-data", frame,
         frame_udp(frame, mac, mac, 0x0a000202, 0x0a00020f, 40000, 1024, data, sizeof(data) - 1));

    /* NVRAM as Sluice formats it, and with settings as -prom-env leaves them. */
    static uint8_t nv[8192];
    chrp_format(nv, sizeof(nv));
    seed("fuzz-nvram", "formatted", nv, sizeof(nv));
    chrp_env_set(nv + CHRP_BLOCK, CHRP_SYSTEM_SIZE - CHRP_BLOCK, "boot-device", "disk1 net");
    chrp_env_set(nv + CHRP_BLOCK, CHRP_SYSTEM_SIZE - CHRP_BLOCK, "ci-mode", "on");
    seed("fuzz-nvram", "settings", nv, sizeof(nv));
    /* QEMU's layout when a -prom-env value passes 2 KiB: the system
     * partition runs past the free partition's header at 0x800. */
    memset(nv, 0, sizeof(nv));
    size_t used = CHRP_BLOCK + (size_t)sprintf((char *)nv + CHRP_BLOCK, "ci-mode=on") + 1;
    used += (size_t)sprintf((char *)nv + used, "boot-args=");
    memset(nv + used, 'a', 3000);
    used += 3001;
    used += (size_t)sprintf((char *)nv + used, "log-level=debug") + 1;
    header(nv, CHRP_SIG_SYSTEM, (used + 1 + 15) & ~15ul, "system");
    header(nv + 0x800, CHRP_SIG_FREE, sizeof(nv) - 0x800, "wwwwwwwwwwww");
    seed("fuzz-nvram", "qemu-overrun", nv, sizeof(nv));

    /* Hostile-device scripts: post, complete, poll; then lies. */
    const uint8_t ok[] = { 0x13, 0, 2, 0, 16, 2, 0, 3, 0, 0, 0, 0, 0, 0, 2, 0, 1, 3 };
    seed("fuzz-virtq", "one-read", ok, sizeof(ok));
    const uint8_t lies[] = { 0x33, 0, 1, 0, 4, 1, 0, 9, 0xff, 0xff, 0xff, 0xff, 2, 3, 2, 0x80, 0, 3 };
    seed("fuzz-virtq", "lies", lies, sizeof(lies));

    /* An NVMe queue of 10: two reads submitted, completed out of order and
     * taken; then a completion for a command never given, a stale phase. */
    const uint8_t nvme_ok[] = { 8, 0, 2, 0, 2, 1, 1, 0, 0, 0, 0, 0, 0, 3, 1, 0, 0, 0, 0, 0, 0, 0, 3, 3 };
    seed("fuzz-nvmeq", "two-reads", nvme_ok, sizeof(nvme_ok));
    const uint8_t nvme_lies[] = { 0x88, 0, 2, 2, 0, 0, 0, 0, 0, 0, 0, 0, 0x80, 0, 0, 0x01, 0, 0x07, 3,
                                  2, 1, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 3 };
    seed("fuzz-nvmeq", "lies", nvme_lies, sizeof(nvme_lies));
    return 0;
}
