/* SPDX-License-Identifier: BSD-2-Clause */
/* Network parsers fed hostile packets: DHCP and DHCPv6, TFTP, IPv4/UDP/ARP,
 * IPv6 with neighbour discovery, boot file URLs, pxelinux, DNS. */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <cmocka.h>

#include "net/addr.c"
#include "net/dhcp.c"
#include "net/dhcp6.c"
#include "net/packet.c"
#include "net/packet6.c"
#include "net/pxe.c"
#include "net/tftp.c"
#include "net/netargs.c"
#include "net/dns.c"

static const uint8_t mac[6] = { 0x52, 0x54, 0, 0x12, 0x34, 0x56 };
static uint8_t msg[600];

/* A server's reply: BOOTREPLY, our xid and MAC, magic, then `opts`. */
static size_t reply(const uint8_t *opts, size_t olen)
{
    memset(msg, 0, sizeof(msg));
    msg[0] = 2;
    msg[4] = 0x11; msg[5] = 0x22; msg[6] = 0x33; msg[7] = 0x44;
    memcpy(msg + 28, mac, 6);
    msg[16] = 10; msg[17] = 0; msg[18] = 2; msg[19] = 15;      /* yiaddr */
    msg[20] = 10; msg[21] = 0; msg[22] = 2; msg[23] = 2;       /* siaddr */
    strcpy((char *)msg + 108, "from-file-field");
    msg[236] = 0x63; msg[237] = 0x82; msg[238] = 0x53; msg[239] = 0x63;
    memcpy(msg + 240, opts, olen);
    return 240 + olen;
}

static void dhcp_offer_is_read(void **state)
{
    (void)state;
    struct dhcp_lease l;
    const uint8_t opts[] = { 53, 1, 2, 1, 4, 255, 255, 255, 0, 3, 4, 10, 0, 2, 2, 54, 4, 10, 0, 2, 2,
                             67, 7, 'v', 'm', 'l', 'i', 'n', 'u', 'x', 0, 0, 255 };
    assert_int_equal(dhcp_parse(msg, reply(opts, sizeof(opts)), 0x11223344, mac, &l), 0);
    assert_int_equal(l.type, DHCP_OFFER);
    assert_int_equal(l.yiaddr, 0x0a00020f);
    assert_int_equal(l.netmask, 0xffffff00);
    assert_int_equal(l.router, 0x0a000202);
    assert_string_equal(l.bootfile, "vmlinux");                  /* option 67 wins */
    const uint8_t plain[] = { 53, 1, 5, 255 };
    assert_int_equal(dhcp_parse(msg, reply(plain, sizeof(plain)), 0x11223344, mac, &l), 0);
    assert_string_equal(l.bootfile, "from-file-field");
    assert_string_equal(l.pxe_prefix, "");
    /* DNS server, PXELINUX's config file (209) and path prefix (210) */
    const uint8_t pxe[] = { 53, 1, 5, 6, 8, 10, 0, 2, 3, 10, 0, 2, 4, 209, 3, 'a', '.', 'c',
                            210, 2, 'd', '/', 255 };
    assert_int_equal(dhcp_parse(msg, reply(pxe, sizeof(pxe)), 0x11223344, mac, &l), 0);
    assert_int_equal(l.dns, 0x0a000203);
    assert_string_equal(l.pxe_config, "a.c");
    assert_string_equal(l.pxe_prefix, "d/");
}

static void dhcp_hostile_options(void **state)
{
    (void)state;
    struct dhcp_lease l;
    const uint8_t overrun[] = { 53, 1, 2, 67, 200, 'x' };        /* length past the end */
    assert_int_equal(dhcp_parse(msg, reply(overrun, sizeof(overrun)), 0x11223344, mac, &l), DHCP_ERR_OPTIONS);
    const uint8_t cut[] = { 53, 1, 2, 67 };                      /* no length byte */
    assert_int_equal(dhcp_parse(msg, reply(cut, sizeof(cut)), 0x11223344, mac, &l), DHCP_ERR_OPTIONS);
    const uint8_t notype[] = { 1, 4, 255, 255, 255, 0, 255 };
    assert_int_equal(dhcp_parse(msg, reply(notype, sizeof(notype)), 0x11223344, mac, &l), DHCP_ERR_NO_TYPE);
    /* Overload: options in the file field, which itself claims overload
     * again; it must be followed once and end. */
    const uint8_t over[] = { 53, 1, 2, 52, 1, 3, 255 };
    size_t n = reply(over, sizeof(over));
    const uint8_t infile[] = { 52, 1, 3, 67, 3, 'a', 'b', 'c', 255 };
    memset(msg + 108, 0, 128);
    memcpy(msg + 108, infile, sizeof(infile));
    memset(msg + 44, 0, 64);
    assert_int_equal(dhcp_parse(msg, n, 0x11223344, mac, &l), 0);
    assert_string_equal(l.bootfile, "abc");
    /* Someone else's transaction, a request, a short message. */
    assert_int_equal(dhcp_parse(msg, n, 0x99, mac, &l), DHCP_ERR_NOT_OURS);
    msg[0] = 1;
    assert_int_equal(dhcp_parse(msg, n, 0x11223344, mac, &l), DHCP_ERR_FORMAT);
    assert_int_equal(dhcp_parse(msg, 100, 0x11223344, mac, &l), DHCP_ERR_SHORT);
    /* A bootfile with no NUL in the whole field stays bounded. */
    const uint8_t t[] = { 53, 1, 2, 255 };
    n = reply(t, sizeof(t));
    memset(msg + 108, 'A', 128);
    assert_int_equal(dhcp_parse(msg, n, 0x11223344, mac, &l), 0);
    assert_int_equal(strlen(l.bootfile), DHCP_NAME_MAX - 1);
}

static void dhcp_build_is_parseable_by_a_server(void **state)
{
    (void)state;
    uint8_t out[300];
    assert_int_equal(dhcp_build(out, sizeof(out), DHCP_REQUEST, mac, 7, 0x0a00020f, 0x0a000202), 300);
    assert_int_equal(out[0], 1);
    assert_memory_equal(out + 28, mac, 6);
    assert_int_equal(out[240], 53);
    assert_int_equal(out[242], DHCP_REQUEST);
    assert_int_equal(dhcp_build(out, 100, DHCP_DISCOVER, mac, 7, 0, 0), 0);
}

/* What /chosen/bootp-response gets: the reply as it came when it was
 * well-formed, else made so, and never shorter than BOOTP's 300 bytes. */
static void dhcp_response_is_kept_well_formed(void **state)
{
    (void)state;
    struct dhcp_lease l;
    const uint8_t fine[] = { 53, 1, 5, 1, 4, 255, 255, 255, 0, 255 };
    size_t n = reply(fine, sizeof(fine)) + 60;          /* END, then zeros */
    assert_int_equal(dhcp_parse(msg, n, 0x11223344, mac, &l), 0);
    assert_false(l.trimmed);
    assert_int_equal(l.response_len, 300);
    assert_memory_equal(l.response, msg, 240 + sizeof(fine));
    assert_int_equal(l.response[299], 0);

    const uint8_t no_end[] = { 53, 1, 5, 12, 3, 'a', 'b', 'c' };
    n = reply(no_end, sizeof(no_end));
    assert_int_equal(dhcp_parse(msg, n, 0x11223344, mac, &l), 0);
    assert_true(l.trimmed);
    assert_memory_equal(l.response + 240, no_end, sizeof(no_end));
    assert_int_equal(l.response[240 + sizeof(no_end)], 255);

    const uint8_t after_end[] = { 53, 1, 5, 255, 77, 200, 1, 2 };  /* junk past END */
    n = reply(after_end, sizeof(after_end));
    assert_int_equal(dhcp_parse(msg, n, 0x11223344, mac, &l), 0);
    assert_true(l.trimmed);
    assert_int_equal(l.response[243], 255);
    assert_int_equal(l.response[244], 0);

    uint8_t big[DHCP_RESPONSE_MAX + 1];          /* longer than a frame holds */
    memcpy(big, msg, 240);
    memset(big + 240, 0, sizeof(big) - 240);
    big[240] = 53; big[241] = 1; big[242] = 5;
    assert_int_equal(dhcp_parse(big, sizeof(big), 0x11223344, mac, &l), DHCP_ERR_LONG);
    /* the longest a frame holds, no END: one added in place of its last pad */
    assert_int_equal(dhcp_parse(big, DHCP_RESPONSE_MAX, 0x11223344, mac, &l), 0);
    assert_int_equal(l.response_len, DHCP_RESPONSE_MAX);
    assert_int_equal(l.response[DHCP_RESPONSE_MAX - 1], 255);
    assert_true(l.trimmed);
}

/* Boot arguments as SLOF users and GRUB write them. */
static void net_args_are_read_as_slof_and_grub_write_them(void **state)
{
    (void)state;
    struct net_args a;
    unsigned bad;
    assert_int_equal(net_args_parse("10.0.2.2,vmlinux-elsewhere,10.0.2.15", &a, &bad), 0);
    assert_int_equal(ip_v4_of(&a.server), 0x0a000202);
    assert_string_equal(a.file, "vmlinux-elsewhere");
    assert_int_equal(ip_v4_of(&a.client), 0x0a00020f);
    assert_false(ip_is_set(&a.gateway));
    /* GRUB's card suffix: options, then every field. */
    assert_int_equal(net_args_parse("speed=auto,duplex=auto,1.1.1.1,dummy,1.1.1.2,1.1.1.3,5,5,"
                                    "255.255.0.0,512", &a, &bad), 0);
    assert_int_equal(ip_v4_of(&a.server), 0x01010101);
    assert_string_equal(a.file, "dummy");
    assert_int_equal(ip_v4_of(&a.client), 0x01010102);
    assert_int_equal(ip_v4_of(&a.gateway), 0x01010103);
    assert_int_equal(a.netmask, 0xffff0000);
    /* bootp first, a CHRP path with backslashes, fields left empty */
    assert_int_equal(net_args_parse("bootp,,\\boot\\grub\\core.elf,,", &a, &bad), 0);
    assert_false(ip_is_set(&a.server));
    assert_string_equal(a.file, "/boot/grub/core.elf");
    /* no server: the first field is the file (SLOF's rule) */
    assert_int_equal(net_args_parse("vmlinux,10.0.2.15", &a, &bad), 0);
    assert_string_equal(a.file, "vmlinux");
    assert_int_equal(ip_v4_of(&a.client), 0x0a00020f);
    /* SLOF's IPv6 form: ipv6, then IPv6 addresses in the address fields. */
    assert_int_equal(net_args_parse("ipv6,fec0::2,vmlinux,fec0::15", &a, &bad), 0);
    assert_true(a.ipv6);
    assert_int_equal(a.server.family, IP_V6);
    assert_int_equal(a.server.b[15], 2);
    assert_string_equal(a.file, "vmlinux");
    assert_int_equal(a.client.b[15], 0x15);
    assert_int_equal(net_args_parse("ipv6,vmlinux", &a, &bad), 0);
    assert_string_equal(a.file, "vmlinux");
    assert_false(ip_is_set(&a.server));
    assert_int_equal(net_args_parse("ipv6,fec0::2,f,fec0::3,,5,5,255.0.0.0", &a, &bad), ERR_INVALID);
    assert_int_equal(net_args_parse("10.0.2.2,vmlinux,fec0::15", &a, &bad), ERR_INVALID);   /* v6 among v4 */
    assert_int_equal(net_args_parse("", &a, &bad), 0);
    assert_false(a.ipv6);
    assert_false(ip_is_set(&a.server) || ip_is_set(&a.client));
    assert_string_equal(a.file, "");
    /* nonsense: where it stops making sense */
    const char *bad_client = "10.0.2.2,vmlinux,10.0.2.300";
    assert_int_equal(net_args_parse(bad_client, &a, &bad), ERR_INVALID);
    assert_string_equal(bad_client + bad, "10.0.2.300");
    assert_int_equal(net_args_parse("1.2.3.4,f,1.2.3.5,1.2.3.6,5,5,notamask", &a, &bad), ERR_INVALID);
    assert_int_equal(net_args_parse("1.2.3.4,f,1.2.3.5,1.2.3.6,5,5,255.0.0.0,512,extra", &a, &bad),
                     ERR_INVALID);
    char long_name[200];
    memset(long_name, 'x', sizeof(long_name) - 1);
    long_name[sizeof(long_name) - 1] = '\0';
    assert_int_equal(net_args_parse(long_name, &a, &bad), ERR_INVALID);
    /* addresses: exactly four parts of 0-255 */
    assert_int_equal(ip_parse_v4("10.0.2.2", 8), 0x0a000202);
    assert_int_equal(ip_parse_v4("10.0.2", 6), 0);
    assert_int_equal(ip_parse_v4("10.0.2.2.1", 10), 0);
    assert_int_equal(ip_parse_v4("256.0.0.1", 9), 0);
    assert_int_equal(ip_parse_v4("0010.0.0.1", 10), 0);
    assert_int_equal(net_default_netmask(0x0a00020f), 0xff000000);
    assert_int_equal(net_default_netmask(0xac100001), 0xffff0000);
    assert_int_equal(net_default_netmask(0xc0a80001), 0xffffff00);
}

/* A DNS question for an A record, and the replies it may get. */
static void dns_question_and_hostile_answers(void **state)
{
    (void)state;
    uint8_t q[300], r[300];
    struct ip_addr ip;
    size_t n = dns_build_query(q, sizeof(q), 0x1234, "boot.sluice.test", IP_V4);
    assert_int_equal(n, 12 + 18 + 4);
    assert_memory_equal(q + 12, "\4boot\6sluice\4test\0\0\1\0\1", 22);
    assert_int_equal(dns_build_query(q, sizeof(q), 1, "", IP_V4), 0);
    assert_int_equal(dns_build_query(q, sizeof(q), 1, "a..b", IP_V4), 0);
    assert_int_equal(dns_build_query(q, 20, 1, "boot.sluice.test", IP_V4), 0);
    char label[70];
    memset(label, 'x', 64);
    label[64] = '\0';
    assert_int_equal(dns_build_query(q, sizeof(q), 1, label, IP_V4), 0);    /* a label over 63 */
    /* The reply: the question, a CNAME, then the A record, names compressed. */
    assert_int_equal(dns_build_query(q, sizeof(q), 0x1234, "boot.sluice.test", IP_V4), n);
    memcpy(r, q, n);
    r[2] = 0x81; r[3] = 0x80; r[7] = 2;
    uint8_t *o = r + n;
    const uint8_t cname[] = { 0xc0, 12, 0, 5, 0, 1, 0, 0, 0, 60, 0, 6, 3, 's', 'r', 'v', 0xc0, 12 };
    memcpy(o, cname, sizeof(cname));
    o += sizeof(cname);
    const uint8_t a[] = { 0xc0, (uint8_t)(n + 12), 0, 1, 0, 1, 0, 0, 0, 60, 0, 4, 10, 0, 3, 1 };
    memcpy(o, a, sizeof(a));
    size_t len = (size_t)(o + sizeof(a) - r);
    assert_int_equal(dns_parse_reply(r, len, 0x1234, IP_V4, &ip), 0);
    assert_int_equal(ip_v4_of(&ip), 0x0a000301);
    assert_int_equal(dns_parse_reply(r, len, 0x1234, IP_V6, &ip), DNS_ERR_NO_ADDRESS);   /* A, not AAAA */
    assert_int_equal(dns_parse_reply(r, len, 0x9999, IP_V4, &ip), DNS_ERR_NOT_OURS);
    for (size_t cut = 0; cut < len; cut++)                /* cut anywhere: never past the end */
        assert_true(dns_parse_reply(r, cut, 0x1234, IP_V4, &ip) < 0);
    r[7] = 1;                                             /* only the CNAME */
    assert_int_equal(dns_parse_reply(r, len, 0x1234, IP_V4, &ip), DNS_ERR_NO_ADDRESS);
    r[3] = 0x83;                                          /* NXDOMAIN */
    assert_int_equal(dns_parse_reply(r, len, 0x1234, IP_V4, &ip), DNS_ERR_FAILED);
    /* A question name of endless labels: refused, not followed. */
    uint8_t loop[12 + 300] = { 0x12, 0x34, 0x81, 0x80, 0, 1, 0, 1 };
    memset(loop + 12, 1, sizeof(loop) - 12);
    assert_int_equal(dns_parse_reply(loop, sizeof(loop), 0x1234, IP_V4, &ip), DNS_ERR_NAME);
    loop[12] = 0x40;                                      /* a reserved label type */
    assert_int_equal(dns_parse_reply(loop, sizeof(loop), 0x1234, IP_V4, &ip), DNS_ERR_NAME);
}

static void random_dhcp_is_safe(void **state)
{
    (void)state;
    struct dhcp_lease l;
    srand(66);
    for (int round = 0; round < 50000; round++) {
        const uint8_t base[] = { 53, 1, 2, 52, 1, 3, 67, 3, 'a', 'b', 'c', 255 };
        size_t n = reply(base, sizeof(base));
        for (int i = 0; i < 6; i++)
            msg[rand() % sizeof(msg)] = (uint8_t)rand();
        msg[0] = 2;
        n = 236 + (size_t)rand() % (sizeof(msg) - 236);
        uint8_t *copy = malloc(n);
        memcpy(copy, msg, n);
        if (dhcp_parse(copy, n, 0x11223344, mac, &l) == 0) {
            assert_true(strlen(l.bootfile) < DHCP_NAME_MAX);
            assert_true(strlen(l.tftp_server) < DHCP_NAME_MAX);
            static struct dhcp_lease again;  /* the response reads back the same */
            assert_int_equal(dhcp_parse(l.response, l.response_len, 0x11223344, mac, &again), 0);
            assert_int_equal(again.type, l.type);
            assert_string_equal(again.bootfile, l.bootfile);
            assert_false(again.trimmed);
        }
        free(copy);
    }
}

static void tftp_packets(void **state)
{
    (void)state;
    struct tftp_msg m;
    uint8_t out[600];
    size_t n = tftp_build_rrq(out, sizeof(out), "vmlinux", 1428, true);
    assert_int_equal(n, 2 + 8 + 6 + 8 + 5 + 6 + 2);
    assert_memory_equal(out + 2, "vmlinux\0octet\0blksize\0" "1428\0tsize\0" "0", n - 2);
    assert_int_equal(tftp_build_rrq(out, 10, "vmlinux", 1428, true), 0);   /* too small */

    const uint8_t oack[] = { 0, 6, 'b', 'l', 'k', 's', 'i', 'z', 'e', 0, '1', '4', '2', '8', 0,
                             'T', 'S', 'I', 'Z', 'E', 0, '9', '9', 0 };
    assert_int_equal(tftp_parse(oack, sizeof(oack), &m), 0);
    assert_true(m.has_blksize && m.blksize == 1428 && m.has_tsize && m.tsize == 99);
    assert_int_equal(tftp_parse(oack, sizeof(oack) - 1, &m), ERR_INVALID);     /* value without NUL */
    /* Well-formed OACKs with values the client cannot use are parsed, for
     * the client to refuse with TFTP error 8. */
    const uint8_t bad_num[] = { 0, 6, 't', 's', 'i', 'z', 'e', 0, '1', 'x', 0 };
    assert_int_equal(tftp_parse(bad_num, sizeof(bad_num), &m), 0);
    assert_true(m.bad_option);
    const uint8_t tiny_blk[] = { 0, 6, 'b', 'l', 'k', 's', 'i', 'z', 'e', 0, '4', 0 };
    assert_int_equal(tftp_parse(tiny_blk, sizeof(tiny_blk), &m), 0);
    assert_true(m.has_blksize && m.blksize == 4 && !m.bad_option);
    const uint8_t huge_blk[] = { 0, 6, 'b', 'l', 'k', 's', 'i', 'z', 'e', 0, '1', '0', '0', '0', '0', '0', 0 };
    assert_int_equal(tftp_parse(huge_blk, sizeof(huge_blk), &m), 0);
    assert_true(m.has_blksize && m.blksize == 100000);
    const uint8_t err[] = { 0, 5, 0, 1, 'n', 'o', '\n', 'p', 'e' };     /* no NUL, control char */
    assert_int_equal(tftp_parse(err, sizeof(err), &m), 0);
    assert_int_equal(m.error_code, 1);
    assert_string_equal(m.error_msg, "no?pe");
    const uint8_t data[] = { 0, 3, 0xff, 0xff, 1, 2, 3 };
    assert_int_equal(tftp_parse(data, sizeof(data), &m), 0);
    assert_int_equal(m.block, 0xffff);
    assert_int_equal(m.len, 3);
    assert_int_equal(tftp_parse(data, 3, &m), ERR_INVALID);
    const uint8_t wrq[] = { 0, 2, 'x', 0 };
    assert_int_equal(tftp_parse(wrq, sizeof(wrq), &m), ERR_INVALID);
}

static void random_tftp_is_safe(void **state)
{
    (void)state;
    uint8_t p[64];
    struct tftp_msg m;
    srand(69);
    for (int round = 0; round < 100000; round++) {
        size_t n = (size_t)rand() % sizeof(p);
        for (size_t i = 0; i < n; i++)
            p[i] = (uint8_t)(rand() % 4 ? rand() % 128 : 0);
        if (n >= 2) { p[0] = 0; p[1] = (uint8_t)(rand() % 7); }
        uint8_t *copy = malloc(n ? n : 1);
        memcpy(copy, p, n);
        if (tftp_parse(copy, n, &m) == 0 && m.op == TFTP_DATA)
            assert_true(m.data + m.len == copy + n);
        free(copy);
    }
}

static void frames_round_trip_and_lies_are_dropped(void **state)
{
    (void)state;
    uint8_t f[ETH_FRAME_MAX];
    struct frame fr;
    const struct udp_packet *u = &fr.udp;
    size_t n = frame_udp(f, (const uint8_t[6]){ 0xff, 0xff, 0xff, 0xff, 0xff, 0xff }, mac, 0x0a00020f, 0x0a000202, 1234, 69, "hello", 5);
    assert_int_equal(frame_parse(f, n, &fr), FRAME_UDP);
    assert_int_equal(u->src_port, 1234);
    assert_int_equal(u->len, 5);
    assert_memory_equal(u->data, "hello", 5);
    f[ETH_HDR + IP_HDR + UDP_HDR] ^= 1;                       /* UDP checksum now wrong */
    assert_int_equal(frame_parse(f, n, &fr), FRAME_OTHER);
    f[ETH_HDR + IP_HDR + UDP_HDR] ^= 1;
    f[ETH_HDR + 3] = 0xff;                                    /* IP total length lies */
    assert_int_equal(frame_parse(f, n, &fr), FRAME_OTHER);
    n = frame_udp(f, (const uint8_t[6]){ 0xff, 0xff, 0xff, 0xff, 0xff, 0xff }, mac, 1, 2, 3, 4, "x", 1);
    f[ETH_HDR + 6] = 0x20;                                    /* more fragments */
    assert_int_equal(frame_parse(f, n, &fr), FRAME_OTHER);
    assert_int_equal(frame_parse(f, 10, &fr), FRAME_OTHER);
    n = frame_arp(f, 1, (const uint8_t[6]){ 0xff, 0xff, 0xff, 0xff, 0xff, 0xff }, mac, 0x0a00020f, mac, 0x0a000202);
    assert_int_equal(frame_parse(f, n, &fr), FRAME_ARP);
    assert_int_equal(fr.arp.target_ip, 0x0a000202);
    assert_int_equal(frame_parse(f, n - 1, &fr), FRAME_OTHER);
    assert_int_equal(frame_udp(f, mac, mac, 1, 2, 3, 4, f, UDP_PAYLOAD_MAX + 1), 0);
}

static void random_frames_are_safe(void **state)
{
    (void)state;
    uint8_t f[ETH_FRAME_MAX];
    struct frame fr;
    srand(70);
    for (int round = 0; round < 50000; round++) {
        size_t n = frame_udp(f, mac, mac, (uint32_t)rand(), (uint32_t)rand(), 1, 2, "payload", 7);
        for (int i = 0; i < 3; i++)
            f[rand() % n] = (uint8_t)rand();
        size_t len = (size_t)rand() % (n + 1);
        uint8_t *copy = malloc(len ? len : 1);
        memcpy(copy, f, len);
        if (frame_parse(copy, len, &fr) == FRAME_UDP)
            assert_true(fr.udp.data + fr.udp.len <= copy + len);
        free(copy);
    }
}

static void pxelinux_configs(void **state)
{
    (void)state;
    struct pxe_entry e;
    const char *cfg = "# comment\nDEFAULT second\nLABEL first\n  KERNEL k1\nLABEL second\n\tkernel  k2 \n"
                      "  append console=hvc0 initrd=i2 quiet\r\nlabel third\n kernel k3\n";
    assert_int_equal(pxe_parse(cfg, strlen(cfg), &e), 0);
    assert_string_equal(e.label, "second");
    assert_string_equal(e.kernel, "k2");
    assert_string_equal(e.initrd, "i2");                      /* from APPEND */
    assert_string_equal(e.append, "console=hvc0 initrd=i2 quiet");
    const char *nodefault = "label a\n linux la\n initrd ia\nlabel b\n kernel lb\n";
    assert_int_equal(pxe_parse(nodefault, strlen(nodefault), &e), 0);
    assert_string_equal(e.kernel, "la");
    assert_string_equal(e.initrd, "ia");
    const char *last = "default b\nlabel a\n kernel la\nlabel b\n kernel lb\n";
    assert_int_equal(pxe_parse(last, strlen(last), &e), 0);
    assert_string_equal(e.kernel, "lb");
    const char *none = "default x\nlabel a\n append foo\n";
    assert_int_equal(pxe_parse(none, strlen(none), &e), ERR_NOT_FOUND);
    assert_int_equal(pxe_parse("", 0, &e), ERR_NOT_FOUND);
    char big[5000];                                            /* over-long lines are cut */
    memset(big, 'k', sizeof(big));
    memcpy(big, "kernel ", 7);
    assert_int_equal(pxe_parse(big, sizeof(big), &e), 0);
    assert_int_equal(strlen(e.kernel), PXE_NAME_MAX - 1);
}

static void random_configs_are_safe(void **state)
{
    (void)state;
    static const char *words[] = { "label ", "kernel ", "initrd ", "append ", "default ", "x", " ",
                                   "\n", "initrd=", "\0", "#", "\r" };
    char text[2048];
    struct pxe_entry e;
    srand(71);
    for (int round = 0; round < 20000; round++) {
        size_t n = 0;
        while (n < sizeof(text) - 16 && rand() % 64) {
            const char *w = words[rand() % 12];
            size_t wl = *w ? strlen(w) : 1;
            memcpy(text + n, w, wl);
            n += wl;
        }
        char *copy = malloc(n ? n : 1);
        memcpy(copy, text, n);
        if (pxe_parse(copy, n, &e) == 0)
            assert_true(e.kernel[0] != '\0');
        free(copy);
    }
}

/* IPv6 addresses read as people and DHCPv6 servers write them, and
 * printed as RFC 5952 asks. */
static void ipv6_addresses_as_text(void **state)
{
    (void)state;
    static const char *const round_trip[][2] = {
        { "fec0::2", "fec0::2" }, { "::", "::" }, { "::1", "::1" },
        { "FEC0:0000:0000:0000:0000:0000:0000:0002", "fec0::2" },
        { "2001:db8:0:0:1:0:0:1", "2001:db8::1:0:0:1" }, { "1:2:3:4:5:6:7:8", "1:2:3:4:5:6:7:8" },
        { "fe80::5054:ff:fe12:3456", "fe80::5054:ff:fe12:3456" }, { "10.0.2.2", "10.0.2.2" },
    };
    static const char *const refused[] = { ":::", "1::2::3", "1:2:3:4:5:6:7:8:9", "12345::", "g::",
                                           "1:", "::1:", "fe80::%eth0", "", "1.2.3", "[::1]" };
    struct ip_addr a;
    char text[IP_TEXT_MAX];
    for (unsigned i = 0; i < sizeof(round_trip) / sizeof(round_trip[0]); i++) {
        assert_true(ip_parse(round_trip[i][0], strlen(round_trip[i][0]), &a));
        assert_string_equal(ip_text(text, sizeof(text), &a), round_trip[i][1]);
    }
    for (unsigned i = 0; i < sizeof(refused) / sizeof(refused[0]); i++)
        assert_false(ip_parse(refused[i], strlen(refused[i]), &a));
    assert_true(ip6_is_link_local((const uint8_t[16]){ 0xfe, 0x80 }));
    assert_false(ip6_is_link_local((const uint8_t[16]){ 0xfe, 0xc0 }));
}

static const uint8_t ll[16] = { 0xfe, 0x80, [8] = 0x50, 0x54, 0, 0xff, 0xfe, 0x12, 0x34, 0x56 };
static const uint8_t server6[16] = { 0xfe, 0xc0, [15] = 2 };

/* UDP over IPv6 round trip, and what a receiver must not believe. */
static void ipv6_frames_round_trip_and_lies_are_dropped(void **state)
{
    (void)state;
    uint8_t f[ETH_FRAME_MAX];
    struct frame fr;
    size_t n = frame_udp6(f, mac, mac, server6, ll, 69, 1234, "hello", 5);
    assert_int_equal(frame_parse(f, n, &fr), FRAME_UDP);
    assert_int_equal(fr.udp.src.family, IP_V6);
    assert_memory_equal(fr.udp.src.b, server6, 16);
    assert_int_equal(fr.udp.dst_port, 1234);
    assert_memory_equal(fr.udp.data, "hello", 5);
    f[n - 1] ^= 1;                                            /* the checksum no longer holds */
    assert_int_equal(frame_parse(f, n, &fr), FRAME_OTHER);
    n = frame_udp6(f, mac, mac, server6, ll, 69, 1234, "hello", 5);
    f[ETH_HDR + IP6_HDR + 6] = 0, f[ETH_HDR + IP6_HDR + 7] = 0;  /* no checksum: not allowed in IPv6 */
    assert_int_equal(frame_parse(f, n, &fr), FRAME_OTHER);
    n = frame_udp6(f, mac, mac, server6, ll, 69, 1234, "hello", 5);
    f[ETH_HDR + 5] += 8;                                      /* a payload length past the frame */
    assert_int_equal(frame_parse(f, n, &fr), FRAME_OTHER);
    /* An extension header before UDP is walked; a fragment header is not
     * reassembled; a chain that never ends is dropped. */
    n = frame_udp6(f, mac, mac, server6, ll, 69, 1234, "hello", 5);
    uint8_t g[ETH_FRAME_MAX];
    size_t ulen = n - ETH_HDR - IP6_HDR;
    memcpy(g, f, ETH_HDR + IP6_HDR);
    memset(g + ETH_HDR + IP6_HDR, 0, 8);
    g[ETH_HDR + IP6_HDR] = 17;                                /* destination options, then UDP */
    memcpy(g + ETH_HDR + IP6_HDR + 8, f + ETH_HDR + IP6_HDR, ulen);
    g[ETH_HDR + 6] = 60;
    g[ETH_HDR + 5] = (uint8_t)(ulen + 8);
    assert_int_equal(frame_parse(g, n + 8, &fr), FRAME_UDP);
    g[ETH_HDR + 6] = 44;                                      /* a fragment */
    assert_int_equal(frame_parse(g, n + 8, &fr), FRAME_OTHER);
    g[ETH_HDR + 6] = 60;
    g[ETH_HDR + IP6_HDR] = 60;                                /* options naming options, to the end */
    assert_int_equal(frame_parse(g, n + 8, &fr), FRAME_OTHER);
}

/* A router advertisement with a prefix. */
static size_t router_advert(uint8_t *f, uint8_t hop_limit, uint8_t opt_len)
{
    uint8_t ra[16 + 8 + 32] = { ND_RA, 0, 0, 0, 64, RA_OTHER, 0x07, 0x08 };
    uint8_t *o = ra + 16;
    o[0] = 1, o[1] = 1, memcpy(o + 2, mac, 6);                 /* source link-layer address */
    o += 8;
    o[0] = 3, o[1] = opt_len, o[2] = 64, o[3] = PREFIX_ON_LINK | PREFIX_AUTONOMOUS;
    o[7] = 100, o[11] = 50;                                    /* valid 100 s, preferred 50 s */
    memcpy(o + 16, server6, 8);
    static const uint8_t router_ll[16] = { 0xfe, 0x80, [15] = 2 };
    static const uint8_t all_nodes[16] = { 0xff, 0x02, [15] = 1 };
    size_t n = frame_nd(f, ND_RS, mac, mac, router_ll, all_nodes, NULL, 0);   /* the headers */
    uint8_t *ip = f + ETH_HDR, *icmp = ip + IP6_HDR;
    ip[5] = sizeof(ra);
    ip[7] = hop_limit;
    memcpy(icmp, ra, sizeof(ra));
    uint32_t sum = sizeof(ra) + 58;
    for (int i = 0; i < 16; i += 2)
        sum += get_be16(router_ll + i) + get_be16(all_nodes + i);
    put_be16(icmp + 2, ip_checksum(icmp, sizeof(ra), sum));
    (void)n;
    return ETH_HDR + IP6_HDR + sizeof(ra);
}

static void neighbour_discovery_is_read_and_checked(void **state)
{
    (void)state;
    uint8_t f[ETH_FRAME_MAX];
    struct frame fr;
    uint8_t group[16], target[16];
    static const uint8_t unspecified[16];
    memcpy(target, ll, 16);
    ip6_solicited_node(target, group);
    assert_int_equal(group[0], 0xff);
    assert_int_equal(group[11], 1);
    assert_int_equal(group[12], 0xff);
    assert_memory_equal(group + 13, target + 13, 3);
    /* A solicitation from :: (duplicate address detection) has no link-layer option. */
    size_t n = frame_nd(f, ND_NS, mac, mac, unspecified, group, target, 0);
    assert_int_equal(frame_parse(f, n, &fr), FRAME_ND);
    assert_int_equal(fr.nd.type, ND_NS);
    assert_false(fr.nd.has_lladdr);
    assert_memory_equal(fr.nd.target, target, 16);
    n = frame_nd(f, ND_NA, mac, mac, ll, server6, target, NA_SOLICITED | NA_OVERRIDE);
    assert_int_equal(frame_parse(f, n, &fr), FRAME_ND);
    assert_int_equal(fr.nd.flags, NA_SOLICITED | NA_OVERRIDE);
    assert_true(fr.nd.has_lladdr);
    assert_memory_equal(fr.nd.lladdr, mac, 6);
    n = router_advert(f, 255, 4);
    assert_int_equal(frame_parse(f, n, &fr), FRAME_ND);
    assert_int_equal(fr.nd.type, ND_RA);
    assert_int_equal(fr.nd.flags, RA_OTHER);
    assert_int_equal(fr.nd.router_lifetime, 0x0708);
    assert_true(fr.nd.has_prefix);
    assert_int_equal(fr.nd.prefix_len, 64);
    assert_int_equal(fr.nd.valid_lifetime, 100);
    assert_int_equal(fr.nd.preferred_lifetime, 50);
    n = router_advert(f, 254, 4);                             /* routed from off the link */
    assert_int_equal(frame_parse(f, n, &fr), FRAME_OTHER);
    n = router_advert(f, 255, 0);                             /* an option of no length */
    assert_int_equal(frame_parse(f, n, &fr), FRAME_OTHER);
    n = router_advert(f, 255, 9);                             /* one past the message */
    assert_int_equal(frame_parse(f, n, &fr), FRAME_OTHER);
}

static bool holds(const uint8_t *hay, size_t n, const uint8_t *needle, size_t len)
{
    for (size_t i = 0; i + len <= n; i++)
        if (memcmp(hay + i, needle, len) == 0)
            return true;
    return false;
}

/* DHCPv6 as QEMU's user network answers an information request, and what
 * other servers might send. */
static void dhcp6_replies_and_hostile_ones(void **state)
{
    (void)state;
    uint8_t m[400];
    struct dhcp6_reply r;
    size_t n = dhcp6_build(m, sizeof(m), DHCP6_INFORMATION_REQUEST, 0xabcdef, mac, NULL, 0, NULL);
    assert_int_equal(m[0], DHCP6_INFORMATION_REQUEST);
    assert_int_equal(m[1], 0xab);
    assert_true(n > 20);
    static const char url[] = "tftp://[fec0:0000:0000:0000:0000:0000:0000:0002]/client.elf";
    uint8_t reply[200] = { DHCP6_REPLY, 0xab, 0xcd, 0xef,
                           0, 1, 0, 10, 0, 3, 0, 1, 0x52, 0x54, 0, 0x12, 0x34, 0x56,     /* our DUID-LL */
                           0, 23, 0, 16, 0xfe, 0xc0, [37] = 3,                           /* DNS fec0::3 */
                           0, 59, 0, sizeof(url) - 1 };
    memcpy(reply + 42, url, sizeof(url) - 1);
    size_t len = 42 + sizeof(url) - 1;
    assert_int_equal(dhcp6_parse(reply, len, 0xabcdef, mac, &r), 0);     /* no server id: a REPLY may */
    assert_string_equal(r.url, url);
    assert_true(r.has_dns);
    assert_int_equal(r.dns[15], 3);
    assert_int_equal(dhcp6_parse(reply, len, 0xabcdee, mac, &r), DHCP6_ERR_NOT_OURS);
    reply[17] ^= 1;                                           /* another client's DUID */
    assert_int_equal(dhcp6_parse(reply, len, 0xabcdef, mac, &r), DHCP6_ERR_NOT_OURS);
    reply[17] ^= 1;
    for (size_t cut = 0; cut < len; cut++)
        assert_true(dhcp6_parse(reply, cut, 0xabcdef, mac, &r) < 0 || cut == 18 || cut == 38);
    reply[0] = DHCP6_ADVERTISE;                               /* an advertisement must name its server */
    assert_int_equal(dhcp6_parse(reply, len, 0xabcdef, mac, &r), DHCP6_ERR_NO_SERVER);
    /* An advertisement with an address in its IA_NA, and one whose IA says no. */
    uint8_t adv[100] = { DHCP6_ADVERTISE, 1, 2, 3,
                         0, 1, 0, 10, 0, 3, 0, 1, 0x52, 0x54, 0, 0x12, 0x34, 0x56,
                         0, 2, 0, 4, 1, 2, 3, 4,                                        /* server id */
                         0, 3, 0, 40, 0, 0, 0, 1, [42] = 0, 5, 0, 24, 0xfe, 0xc0, [61] = 0x77,
                         [65] = 60, [69] = 90 };
    assert_int_equal(dhcp6_parse(adv, 70, 0x010203, mac, &r), 0);
    assert_true(r.has_addr);
    assert_int_equal(r.addr[15], 0x77);
    assert_int_equal(r.addr[0], 0xfe);
    assert_int_equal(r.preferred, 60);
    assert_int_equal(r.valid, 90);
    assert_int_equal(r.server_id_len, 4);
    uint8_t no[100];
    memcpy(no, adv, sizeof(no));
    no[29] = 18, no[43] = 13, no[45] = 2, no[46] = 0, no[47] = 2;   /* the IA: status "no addresses" */
    assert_int_equal(dhcp6_parse(no, 48, 0x010203, mac, &r), 0);
    assert_false(r.has_addr);
    assert_int_equal(r.status, 2);
    adv[29] = 60;                                             /* the IA runs past the message */
    assert_int_equal(dhcp6_parse(adv, 70, 0x010203, mac, &r), DHCP6_ERR_OPTIONS);
    /* A REQUEST names the server and asks for the address it offered. */
    adv[29] = 40;
    dhcp6_parse(adv, 70, 0x010203, mac, &r);
    n = dhcp6_build(m, sizeof(m), DHCP6_REQUEST, 0x010204, mac, r.server_id, r.server_id_len, r.addr);
    assert_true(holds(m, n, (const uint8_t *)"\0\2\0\4\1\2\3\4", 8));
    assert_true(holds(m, n, r.addr, 16));
}

static void boot_file_urls(void **state)
{
    (void)state;
    struct boot_url u;
    char text[IP_TEXT_MAX];
    assert_int_equal(boot_url_parse("tftp://[fec0:0000:0000:0000:0000:0000:0000:0002]/boot/vmlinux", &u), 0);
    assert_string_equal(ip_text(text, sizeof(text), &u.server), "fec0::2");
    assert_string_equal(u.path, "boot/vmlinux");
    assert_int_equal(boot_url_parse("TFTP://10.0.2.2/pxelinux.0", &u), 0);
    assert_int_equal(ip_v4_of(&u.server), 0x0a000202);
    assert_int_equal(boot_url_parse("tftp://boot.example/vmlinux", &u), 0);
    assert_string_equal(u.host, "boot.example");
    assert_false(ip_is_set(&u.server));
    assert_int_equal(boot_url_parse("http://[::1]/x", &u), URL_ERR_SCHEME);
    assert_int_equal(boot_url_parse("tftp:///vmlinux", &u), URL_ERR_HOST);
    assert_int_equal(boot_url_parse("tftp://[fec0::2/vmlinux", &u), URL_ERR_HOST);
    assert_int_equal(boot_url_parse("tftp://[10.0.2.2]/vmlinux", &u), URL_ERR_HOST);
    assert_int_equal(boot_url_parse("tftp://[::]/vmlinux", &u), URL_ERR_HOST);
    assert_int_equal(boot_url_parse("tftp://fec0::2/vmlinux", &u), URL_ERR_HOST);
    assert_int_equal(boot_url_parse("tftp://[ff02::1]/vmlinux", &u), URL_ERR_HOST);
    assert_int_equal(boot_url_parse("tftp://bad_host!/vmlinux", &u), URL_ERR_HOST);
    assert_int_equal(boot_url_parse("tftp://[fec0::2]", &u), URL_ERR_PATH);
    assert_int_equal(boot_url_parse("tftp://[fec0::2]/", &u), URL_ERR_PATH);
    assert_int_equal(boot_url_parse("tftp://[fec0::2]/a\nSLUICE-FATAL", &u), URL_ERR_TEXT);
    assert_int_equal(boot_url_parse("tftp://[fec0::2]/\x1b[2J", &u), URL_ERR_TEXT);
}

/* AAAA records: asked, and read from a reply. */
static void dns_asks_for_ipv6_addresses(void **state)
{
    (void)state;
    uint8_t q[300];
    struct ip_addr ip;
    size_t n = dns_build_query(q, sizeof(q), 7, "srv", IP_V6);
    assert_int_equal(get_be16(q + n - 4), 28);                 /* AAAA */
    q[2] = 0x81, q[3] = 0x80, q[7] = 1;
    const uint8_t aaaa[] = { 0xc0, 12, 0, 28, 0, 1, 0, 0, 0, 60, 0, 16, 0xfe, 0xc0, [27] = 9 };
    memcpy(q + n, aaaa, sizeof(aaaa));
    assert_int_equal(dns_parse_reply(q, n + sizeof(aaaa), 7, IP_V6, &ip), 0);
    assert_int_equal(ip.family, IP_V6);
    assert_int_equal(ip.b[15], 9);
    assert_int_equal(dns_parse_reply(q, n + sizeof(aaaa), 7, IP_V4, &ip), DNS_ERR_NO_ADDRESS);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(dhcp_offer_is_read), cmocka_unit_test(dhcp_hostile_options),
        cmocka_unit_test(dhcp_build_is_parseable_by_a_server), cmocka_unit_test(dhcp_response_is_kept_well_formed),
        cmocka_unit_test(net_args_are_read_as_slof_and_grub_write_them),
        cmocka_unit_test(dns_question_and_hostile_answers), cmocka_unit_test(random_dhcp_is_safe),
        cmocka_unit_test(tftp_packets), cmocka_unit_test(random_tftp_is_safe),
        cmocka_unit_test(frames_round_trip_and_lies_are_dropped), cmocka_unit_test(random_frames_are_safe),
        cmocka_unit_test(ipv6_addresses_as_text), cmocka_unit_test(ipv6_frames_round_trip_and_lies_are_dropped),
        cmocka_unit_test(neighbour_discovery_is_read_and_checked),
        cmocka_unit_test(dhcp6_replies_and_hostile_ones), cmocka_unit_test(boot_file_urls),
        cmocka_unit_test(dns_asks_for_ipv6_addresses),
        cmocka_unit_test(pxelinux_configs), cmocka_unit_test(random_configs_are_safe),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
