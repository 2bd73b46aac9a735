/* SPDX-License-Identifier: BSD-2-Clause */
/* IPv6 on an interface and the DHCPv6 client, against a simulated link:
 * frames the firmware sends go to a scripted router and DHCPv6 server
 * that answer as QEMU's user network does, or as a hostile one might. */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <cmocka.h>

#include "net/addr.c"
#include "net/netargs.c"
#include "net/packet.c"
#include "net/packet6.c"
#include "net/dhcp6.c"
#include "net/iface.c"
#include "net/ip6.c"
#include "net/dhcp6_client.c"

/* ---- the world -------------------------------------------------------- */

static uint64_t now_us;
static char log_text[2048];
uint64_t timebase_us(void) { return now_us += 50; }
uint64_t timebase_read(void) { return now_us * 512; }
void secure_poll(void) {}
void watchdog_check(void) {}
static void logv(const char *fmt, va_list ap)
{
    size_t at = strlen(log_text);
    vsnprintf(log_text + at, sizeof(log_text) - at, fmt, ap);
}
void log_info(const char *fmt, ...) { va_list ap; va_start(ap, fmt); logv(fmt, ap); va_end(ap); }
void log_error(const char *fmt, ...) { va_list ap; va_start(ap, fmt); logv(fmt, ap); va_end(ap); }

static const uint8_t our_mac[6] = { 0x52, 0x54, 0, 0x12, 0x34, 0x56 };
static const uint8_t router_mac[6] = { 0x52, 0x55, 0x0a, 0, 2, 2 };
static const uint8_t router_ll[16] = { 0xfe, 0x80, [15] = 2 };
static const uint8_t server6[16] = { 0xfe, 0xc0, [15] = 2 };
static const uint8_t prefix6[16] = { 0xfe, 0xc0 };
static const uint8_t slaac[16] = { 0xfe, 0xc0, [8] = 0x50, 0x54, 0, 0xff, 0xfe, 0x12, 0x34, 0x56 };
static const uint8_t our_ll[16] = { 0xfe, 0x80, [8] = 0x50, 0x54, 0, 0xff, 0xfe, 0x12, 0x34, 0x56 };

/* What the simulated link does. */
static struct {
    bool router;                 /* answer router solicitations */
    uint8_t prefix_len, prefix_flags, ra_flags;
    uint32_t valid, preferred;
    bool ra_from_global;         /* a (forged) advertisement from a global address */
    unsigned junk_ras;           /* hostile advertisements before the good one */
    bool defend;                 /* someone else has our addresses (DAD conflict) */
    bool dhcp6;                  /* answer information requests */
    bool stateful;               /* answer solicits and requests with an address */
    bool other_client;           /* every DHCPv6 answer names another client */
    unsigned garbage;            /* malformed DHCPv6 answers before the good one */
} link;
static unsigned sent_rs, sent_dad, sent_info, sent_solicit, sent_request;
static bool rs_from_unspecified;
static uint8_t queue[16][ETH_FRAME_MAX];
static size_t queue_len[16], nqueued;

static void deliver(const uint8_t *f, size_t n)
{
    if (nqueued < 16) {
        memcpy(queue[nqueued], f, n);
        queue_len[nqueued++] = n;
    }
}


/* A router advertisement, built as packet6.c checks them. */
static void send_ra(const uint8_t src[16], uint8_t prefix_len, uint8_t pflags, uint32_t valid,
                    uint32_t preferred, const uint8_t prefix[16])
{
    uint8_t f[ETH_FRAME_MAX], ra[16 + 8 + 32] = { ND_RA, 0, 0, 0, 64, link.ra_flags, 0x07, 0x08 };
    uint8_t *o = ra + 16;
    o[0] = 1, o[1] = 1, memcpy(o + 2, router_mac, 6);
    o += 8;
    o[0] = 3, o[1] = 4, o[2] = prefix_len, o[3] = pflags;
    put_be32(o + 4, valid);
    put_be32(o + 8, preferred);
    memcpy(o + 16, prefix, 16);
    uint8_t mac[6];
    ip6_multicast_mac(all_nodes, mac);
    frame_nd(f, ND_RS, mac, router_mac, src, all_nodes, NULL, 0);
    uint8_t *ip = f + ETH_HDR, *icmp = ip + IP6_HDR;
    ip[5] = sizeof(ra);
    memcpy(icmp, ra, sizeof(ra));
    put_be16(icmp + 2, ip_checksum(icmp, sizeof(ra), pseudo_sum(src, all_nodes, sizeof(ra), 58)));
    deliver(f, ETH_HDR + IP6_HDR + sizeof(ra));
}

/* A DHCPv6 answer of `type` for the client's message m. */
static void dhcp6_answer(const uint8_t *m, size_t len, uint8_t type, bool with_addr)
{
    uint8_t r[200] = { type, m[1], m[2], m[3] }, f[ETH_FRAME_MAX];
    size_t n = 4;
    memcpy(r + n, m + 4, 14);                                /* the client id it sent */
    if (link.other_client)
        r[n + 13] ^= 1;
    n += 14;
    const uint8_t sid[] = { 0, 2, 0, 4, 9, 9, 9, 9 };
    memcpy(r + n, sid, sizeof(sid));
    n += sizeof(sid);
    if (with_addr) {
        const uint8_t ia[] = { 0, 3, 0, 40, 0, 0, 0, 1, 0, 0, 0, 0, 0, 0, 0, 0, 0, 5, 0, 24 };
        memcpy(r + n, ia, sizeof(ia));
        n += sizeof(ia);
        memcpy(r + n, server6, 16);
        r[n + 15] = 0x77;
        n += 16;
        put_be32(r + n, 60), put_be32(r + n + 4, 90);
        n += 8;
    }
    static const char url[] = "tftp://[fec0::2]/vmlinux";
    r[n++] = 0, r[n++] = 59, r[n++] = 0, r[n++] = sizeof(url) - 1;
    memcpy(r + n, url, sizeof(url) - 1);
    n += sizeof(url) - 1;
    (void)len;
    deliver(f, frame_udp6(f, our_mac, router_mac, server6, our_ll, 547, 546, r, n));
}

/* The link's side of a frame the firmware sent. */
int netdev_send(struct netdev *dev, const void *frame, size_t n)
{
    (void)dev;
    struct frame fr;
    enum frame_kind k = frame_parse(frame, n, &fr);
    static const uint8_t unspecified[16];
    if (k == FRAME_OTHER) {                                   /* RS: packet6.c takes none */
        const uint8_t *ip = (const uint8_t *)frame + ETH_HDR;
        if (ip[6] == 58 && ip[IP6_HDR] == ND_RS) {
            sent_rs++;
            rs_from_unspecified = memcmp(ip + 8, unspecified, 16) == 0 && ip[5] == 8;  /* no option */
            for (unsigned i = 0; i < link.junk_ras; i++)
                send_ra(router_ll, 48, PREFIX_AUTONOMOUS, 100, 50, prefix6);     /* not 64 bits */
            if (link.ra_from_global)
                send_ra(server6, 64, PREFIX_ON_LINK | PREFIX_AUTONOMOUS, 100, 50, prefix6);
            if (link.router)
                send_ra(router_ll, link.prefix_len, link.prefix_flags, link.valid, link.preferred, prefix6);
        }
    }
    if (k == FRAME_ND && fr.nd.type == ND_NS && memcmp(fr.nd.src, unspecified, 16) == 0) {
        sent_dad++;
        if (link.defend) {
            uint8_t f[ETH_FRAME_MAX], mac[6];
            ip6_multicast_mac(all_nodes, mac);
            deliver(f, frame_nd(f, ND_NA, mac, router_mac, fr.nd.target, all_nodes, fr.nd.target, NA_OVERRIDE));
        }
    }
    if (k == FRAME_UDP && fr.udp.dst_port == DHCP6_SERVER_PORT) {
        uint8_t type = fr.udp.data[0];
        sent_info += type == DHCP6_INFORMATION_REQUEST;
        sent_solicit += type == DHCP6_SOLICIT;
        sent_request += type == DHCP6_REQUEST;
        for (unsigned i = 0; i < link.garbage; i++) {
            uint8_t f[ETH_FRAME_MAX], junk[3] = { DHCP6_REPLY, fr.udp.data[1], fr.udp.data[2] };
            deliver(f, frame_udp6(f, our_mac, router_mac, server6, our_ll, 547, 546, junk, sizeof(junk)));
        }
        if (type == DHCP6_INFORMATION_REQUEST && link.dhcp6)
            dhcp6_answer(fr.udp.data, fr.udp.len, DHCP6_REPLY, false);
        if (type == DHCP6_SOLICIT && link.stateful)
            dhcp6_answer(fr.udp.data, fr.udp.len, DHCP6_ADVERTISE, true);
        if (type == DHCP6_REQUEST && link.stateful)
            dhcp6_answer(fr.udp.data, fr.udp.len, DHCP6_REPLY, true);
    }
    return 0;
}

size_t netdev_poll(struct netdev *dev, void *buf, size_t max)
{
    (void)dev;
    if (!nqueued)
        return 0;
    size_t n = queue_len[0] < max ? queue_len[0] : max;
    memcpy(buf, queue[0], n);
    memmove(queue[0], queue[1], sizeof(queue[0]) * (nqueued - 1));
    memmove(queue_len, queue_len + 1, sizeof(queue_len[0]) * (nqueued - 1));
    nqueued--;
    return n;
}

static struct dt_node node = { .name = "ethernet@0" };
static struct netdev nic = { .node = &node, .mac = { 0x52, 0x54, 0, 0x12, 0x34, 0x56 } };
static struct iface in;

static int fresh(void **state)
{
    (void)state;
    memset(&link, 0, sizeof(link));
    link.router = true;
    link.prefix_len = 64;
    link.prefix_flags = PREFIX_ON_LINK | PREFIX_AUTONOMOUS;
    link.valid = 100, link.preferred = 50;
    link.dhcp6 = true;
    memset(&in, 0, sizeof(in));
    in.dev = &nic;
    nqueued = sent_rs = sent_dad = sent_info = sent_solicit = sent_request = 0;
    rs_from_unspecified = false;
    log_text[0] = '\0';
    now_us = 0;
    return 0;
}

/* ---- the cases ---------------------------------------------------------- */

/* QEMU's user network: a router with a /64 (SLAAC), DHCPv6 for the boot
 * file alone. */
static void slaac_then_an_information_request(void **state)
{
    (void)state;
    char why[120];
    struct dhcp6_reply r;
    assert_int_equal(ip6_configure(&in, why, sizeof(why)), 0);
    assert_memory_equal(in.v6.ll, our_ll, 16);
    assert_memory_equal(in.v6.global, slaac, 16);
    assert_memory_equal(in.v6.router, router_ll, 16);
    assert_memory_equal(in.v6.router_mac, router_mac, 6);
    assert_int_equal(sent_dad, 2);                          /* the link-local and the global address */
    assert_int_equal(dhcp6_configure(&in, false, &r, why, sizeof(why)), 0);
    assert_int_equal(sent_info, 1);
    assert_int_equal(sent_solicit, 0);
    assert_string_equal(r.url, "tftp://[fec0::2]/vmlinux");
    assert_true(now_us < 5000000);
}

/* A router that says "managed": SOLICIT, ADVERTISE, REQUEST, REPLY, and
 * the address from it taken. */
static void a_managed_link_leases_an_address(void **state)
{
    (void)state;
    char why[120];
    struct dhcp6_reply r;
    link.ra_flags = RA_MANAGED;
    link.prefix_flags = PREFIX_ON_LINK;                      /* no SLAAC */
    link.stateful = true;
    assert_int_equal(ip6_configure(&in, why, sizeof(why)), 0);
    assert_true(in.v6.got_ra);
    assert_int_equal(in.v6.global[0], 0);
    assert_int_equal(dhcp6_configure(&in, true, &r, why, sizeof(why)), 0);
    assert_int_equal(sent_solicit, 1);
    assert_int_equal(sent_request, 1);
    assert_int_equal(in.v6.global[15], 0x77);
    assert_int_equal(in.v6.global[0], 0xfe);
}

/* Advertisements not to believe: a prefix that is not 64 bits (several),
 * one from a global address. One line, a count, and the good one taken. */
static void hostile_advertisements_are_passed_over(void **state)
{
    (void)state;
    char why[120];
    link.junk_ras = 5;
    link.ra_from_global = true;
    assert_int_equal(ip6_configure(&in, why, sizeof(why)), 0);
    assert_memory_equal(in.v6.global, slaac, 16);
    assert_non_null(strstr(log_text, "ignored a router advertisement: a prefix that is not 64 bits long (fec0::/48)\n"));
    assert_non_null(strstr(log_text, "ignored 5 more router advertisements\n"));
    /* Lifetimes that make no sense: no address from it. */
    fresh(state);
    link.preferred = 200;
    assert_int_equal(ip6_configure(&in, why, sizeof(why)), 0);
    assert_int_equal(in.v6.global[0], 0);
    assert_non_null(strstr(log_text, "lifetimes that make no sense"));
}

/* network-mode=auto: started while DHCPv4 runs, the link-local address
 * is checked and the router asked at once (the solicitation from ::, as
 * the address is not ours yet); configuring later waits no longer. */
static void started_early_costs_no_wait_later(void **state)
{
    (void)state;
    char why[120];
    ip6_start(&in);
    assert_int_equal(sent_dad, 1);
    assert_int_equal(sent_rs, 1);
    assert_true(rs_from_unspecified);
    assert_false(in.v6.up);
    struct frame fr;
    while (timebase_us() < 3000000)                          /* DHCPv4's two tries */
        iface_receive(&in, &fr);
    assert_true(in.v6.got_ra);
    uint64_t start = now_us;
    assert_int_equal(ip6_configure(&in, why, sizeof(why)), 0);
    assert_true(in.v6.up);
    assert_int_equal(sent_rs, 1);
    assert_int_equal(sent_dad, 2);                          /* and the global address's */
    assert_true(now_us - start < 1100000);                  /* that one's second alone */
    assert_memory_equal(in.v6.global, slaac, 16);
}

/* Someone else has our link-local address: IPv6 is not used. */
static void a_duplicate_address_is_not_used(void **state)
{
    (void)state;
    char why[120];
    link.defend = true;
    assert_int_equal(ip6_configure(&in, why, sizeof(why)), ERR_NOT_FOUND);
    assert_string_equal(why, "its IPv6 link-local address fe80::5054:ff:fe12:3456 is in use on the link");
    assert_false(in.v6.up);
}

/* No DHCPv6 server, answers for another client, malformed answers: each
 * ignored, the exchange ends in bounded time with why. */
static void dhcp6_that_never_answers_well_ends(void **state)
{
    (void)state;
    char why[120];
    struct dhcp6_reply r;
    assert_int_equal(ip6_configure(&in, why, sizeof(why)), 0);
    link.other_client = true;
    link.garbage = 3;
    uint64_t start = now_us;
    assert_int_equal(dhcp6_configure(&in, false, &r, why, sizeof(why)), ERR_NOT_FOUND);
    assert_string_equal(why, "no DHCPv6 reply to an information request after 3 tries");
    assert_true(now_us - start < 8000000);
    assert_non_null(strstr(log_text, "ignored a DHCPv6 answer: a message too short to be one\n"));
    assert_non_null(strstr(log_text, "ignored 8 more malformed DHCPv6 answers\n"));
}

/* Neighbour solicitations for our address are answered; for others not. */
static void solicitations_for_us_are_answered(void **state)
{
    (void)state;
    char why[120];
    uint8_t f[ETH_FRAME_MAX], group[16];
    struct frame fr;
    assert_int_equal(ip6_configure(&in, why, sizeof(why)), 0);
    ip6_solicited_node(slaac, group);
    size_t n = frame_nd(f, ND_NS, our_mac, router_mac, router_ll, group, slaac, 0);
    assert_int_equal(frame_parse(f, n, &fr), FRAME_ND);
    nqueued = 0;
    ip6_neighbour(&in, &fr.nd);                              /* the answer goes to netdev_send */
    assert_true(ip6_is_ours(&in, slaac));
    assert_true(ip6_is_ours(&in, our_ll));
    assert_false(ip6_is_ours(&in, server6));
    uint8_t mac[6];
    assert_int_equal(ip6_next_hop(&in, (const uint8_t[16]){ 0x20, 0x01, 0x0d, 0xb8, [15] = 1 }, mac), 0);
    assert_memory_equal(mac, router_mac, 6);                 /* off the link: the router */
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test_setup(slaac_then_an_information_request, fresh),
        cmocka_unit_test_setup(a_managed_link_leases_an_address, fresh),
        cmocka_unit_test_setup(hostile_advertisements_are_passed_over, fresh),
        cmocka_unit_test_setup(started_early_costs_no_wait_later, fresh),
        cmocka_unit_test_setup(a_duplicate_address_is_not_used, fresh),
        cmocka_unit_test_setup(dhcp6_that_never_answers_well_ends, fresh),
        cmocka_unit_test_setup(solicitations_for_us_are_answered, fresh),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
