/* SPDX-License-Identifier: BSD-2-Clause */
/* The TFTP client's transfer logic against a scripted, misbehaving server,
 * with a simulated clock (waits cost nothing). */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <cmocka.h>

#include "mem/claim.c"
#include "net/addr.c"
#include "net/netargs.c"
#include "net/tftp.c"
#include "lib/text.c"
#include "net/tftp_client.c"

/* ---- simulated world ------------------------------------------------------ */
#define RAM (64u << 20)
static const struct ip_addr server = { IP_V4, { 10, 0, 2, 2 } };
static uint8_t *ram;
static uint64_t now_us;

void *phys_ptr(uint64_t a) { assert_true(a < RAM); return ram + a; }
uint64_t timebase_us(void) { return now_us; }
uint64_t timebase_read(void) { return now_us * 512; }
void log_progress(const char *fmt, ...) { (void)fmt; }
void log_progress_end(void) {}

enum misbehaviour { GOOD, DUPLICATE, OUT_OF_ORDER, OVERSIZED, ERROR_MIDWAY, SILENT_AFTER,
                    NO_OPTIONS, LIES_ABOUT_TSIZE, HUGE_TSIZE, WRONG_PORT, DROP_ONE,
                    /* the outside test's hangs: a packet every `period` forever */
                    STALE_RESEND, STALE_FLOOD, WRONG_PORT_STREAM, DRIP_ENDLESS, HUGE_BLKSIZE,
                    NUMBERLESS_OACK };
static enum misbehaviour mode;
static uint64_t file_len;
static unsigned server_blksize;
static uint8_t pending[8][1500];
static size_t pending_len[8];
static uint16_t pending_port[8];
static unsigned npending, acks_seen, rrqs_seen;
static uint64_t period_us;           /* the streaming modes' pace */
static uint16_t drip_block;          /* DRIP_ENDLESS: the next block it drips */
static unsigned errors_sent;         /* TFTP errors the client sent... */
static uint16_t last_error_code, last_error_port;   /* ...the last one's code and port */

static uint8_t file_byte(uint64_t off) { return (uint8_t)(off * 7 + 3); }

static void queue(const uint8_t *p, size_t len, uint16_t port)
{
    assert_true(npending < 8);
    memcpy(pending[npending], p, len);
    pending_len[npending] = len;
    pending_port[npending++] = port;
}

static void queue_data(uint16_t block, size_t len, uint16_t port)
{
    uint8_t p[1500];
    p[0] = 0; p[1] = TFTP_DATA; p[2] = (uint8_t)(block >> 8); p[3] = (uint8_t)block;
    for (size_t i = 0; i < len; i++)
        p[4 + i] = file_byte((uint64_t)(block - 1) * server_blksize + i);
    queue(p, 4 + len, port);
}

static size_t block_len(uint64_t block)
{
    uint64_t off = (block - 1) * server_blksize;
    return off >= file_len ? 0 : (file_len - off < server_blksize ? file_len - off : server_blksize);
}

/* The server's side of one client packet. */
int iface_send_udp(struct iface *in, const struct ip_addr *dst, uint16_t sport, uint16_t dport,
                   const void *data, size_t len)
{
    (void)in; (void)sport; (void)len;
    const uint8_t *p = data;
    assert_true(ip_equal(dst, &server));
    if (p[1] == TFTP_RRQ) {
        rrqs_seen++;
        assert_int_equal(dport, TFTP_PORT);
        if (mode == NO_OPTIONS) {
            server_blksize = 512;
            queue_data(1, block_len(1), 2000);
            return 0;
        }
        char oack[64];
        uint64_t announced = mode == LIES_ABOUT_TSIZE ? file_len + 100 : mode == HUGE_TSIZE ? (1ull << 40) : file_len;
        int n = snprintf(oack + 2, sizeof(oack) - 2, "blksize%c%u%ctsize%c%llu", 0, server_blksize, 0, 0,
                         (unsigned long long)announced);
        if (mode == HUGE_BLKSIZE)
            n = snprintf(oack + 2, sizeof(oack) - 2, "blksize%c100000", 0);
        if (mode == NUMBERLESS_OACK)
            n = snprintf(oack + 2, sizeof(oack) - 2, "blksize%c14x8", 0);
        if (mode == DRIP_ENDLESS)                       /* no tsize: it never ends */
            n = snprintf(oack + 2, sizeof(oack) - 2, "blksize%c%u", 0, server_blksize);
        oack[0] = 0; oack[1] = TFTP_OACK;
        queue((uint8_t *)oack, (size_t)n + 3, 2000);
        return 0;
    }
    if (p[1] == TFTP_ERROR) {
        errors_sent++;
        last_error_code = (uint16_t)(p[2] << 8 | p[3]);
        last_error_port = dport;
        return 0;
    }
    assert_int_equal(p[1], TFTP_ACK);
    assert_int_equal(dport, 2000);
    acks_seen++;
    uint16_t acked = (uint16_t)(p[2] << 8 | p[3]);
    uint64_t next = acked + 1;      /* (small files: no wrap in these tests) */
    if (acked >= file_len / server_blksize + 1 && mode != DRIP_ENDLESS)
        return 0;                   /* the last (short) block was acknowledged */
    switch (mode) {
    case STALE_RESEND:              /* block 1, then block 1 again and again */
    case STALE_FLOOD:
    case WRONG_PORT_STREAM:         /* block 1, then strangers and never block 2 */
    case DRIP_ENDLESS:              /* a valid block every period, forever */
        if (acked == 0)
            queue_data(1, server_blksize, 2000);
        break;
    case DUPLICATE:
        queue_data((uint16_t)next, block_len(next), 2000);
        queue_data((uint16_t)next, block_len(next), 2000);
        break;
    case OUT_OF_ORDER:
        if (next % 3 == 1 && block_len(next + 1)) {
            queue_data((uint16_t)(next + 1), block_len(next + 1), 2000);
        }
        queue_data((uint16_t)next, block_len(next), 2000);
        break;
    case OVERSIZED:
        queue_data((uint16_t)next, next == 3 ? server_blksize + 50 : block_len(next), 2000);
        break;
    case ERROR_MIDWAY:
        if (next == 4) {
            const uint8_t err[] = { 0, TFTP_ERROR, 0, 2, 'g', 'o', 'n', 'e', 0 };
            queue(err, sizeof(err), 2000);
        } else {
            queue_data((uint16_t)next, block_len(next), 2000);
        }
        break;
    case SILENT_AFTER:
        if (next < 3)
            queue_data((uint16_t)next, block_len(next), 2000);
        break;
    case WRONG_PORT:
        queue_data((uint16_t)next, block_len(next), 2999);    /* a stranger */
        queue_data((uint16_t)next, block_len(next), 2000);
        break;
    case DROP_ONE:
        if (next == 5 && acks_seen < 7)
            break;                  /* lost: the client must resend its ACK */
        queue_data((uint16_t)next, block_len(next), 2000);
        break;
    default:
        queue_data((uint16_t)next, block_len(next), 2000);
    }
    return 0;
}

/* The streaming modes' next packet, once it is due. */
static bool stream(uint64_t timeout_us)
{
    if (!period_us || acks_seen == 0 || period_us > timeout_us)
        return false;
    now_us += period_us - 10;
    if (mode == STALE_RESEND || mode == STALE_FLOOD)
        queue_data(1, server_blksize, 2000);
    else if (mode == WRONG_PORT_STREAM)
        queue_data(2, server_blksize, 2999);
    else
        queue_data(++drip_block, server_blksize, 2000);
    return true;
}

int iface_recv_udp(struct iface *in, uint16_t port, uint64_t timeout_us, struct udp_packet *pkt)
{
    (void)in; (void)port;
    static uint8_t buf[1500];
    if (!npending && !stream(timeout_us)) {
        now_us += timeout_us;
        return ERR_TIMEOUT;
    }
    memcpy(buf, pending[0], pending_len[0]);
    pkt->data = buf;
    pkt->len = pending_len[0];
    pkt->src = server;
    pkt->src_port = pending_port[0];
    memmove(pending[0], pending[1], sizeof(pending[0]) * (npending - 1));
    memmove(pending_len, pending_len + 1, sizeof(size_t) * (npending - 1));
    memmove(pending_port, pending_port + 1, sizeof(uint16_t) * (npending - 1));
    npending--;
    now_us += 10;
    return 0;
}

static int run(enum misbehaviour m, uint64_t len, struct tftp_file *f, char *why)
{
    struct iface in = { 0 };
    struct mem_range r = { 0, RAM };
    claim_init(&r, 1);
    mode = m;
    file_len = len;
    server_blksize = 1428;
    npending = acks_seen = rrqs_seen = errors_sent = 0;
    last_error_code = last_error_port = 0;
    period_us = m == STALE_RESEND || m == WRONG_PORT_STREAM ? 300000 : m == DRIP_ENDLESS ? 900000
              : m == STALE_FLOOD ? 20000 : 0;
    drip_block = 1;
    return tftp_fetch(&in, &server, "vmlinux", f, 0, why, 160);
}

static void check_contents(const struct tftp_file *f, uint64_t len)
{
    assert_int_equal(f->len, len);
    for (uint64_t i = 0; i < len; i++)
        if (ram[f->phys + i] != file_byte(i))
            fail_msg("byte %llu differs", (unsigned long long)i);
}

static int setup(void **state) { (void)state; ram = calloc(1, RAM); return 0; }
static int teardown(void **state) { (void)state; free(ram); return 0; }

static void good_transfer(void **state)
{
    (void)state;
    struct tftp_file f;
    char why[160];
    assert_int_equal(run(GOOD, 100000, &f, why), 0);
    check_contents(&f, 100000);
    assert_int_equal(f.cap, 100000 + (4096 - 100000 % 4096));   /* sized by tsize */
    tftp_file_release(&f);
    assert_int_equal(run(GOOD, 1428 * 10, &f, why), 0);         /* exact multiple: empty last block */
    check_contents(&f, 1428 * 10);
}

static void duplicates_out_of_order_and_strangers_are_harmless(void **state)
{
    (void)state;
    struct tftp_file f;
    char why[160];
    assert_int_equal(run(DUPLICATE, 50000, &f, why), 0);
    check_contents(&f, 50000);
    assert_int_equal(run(OUT_OF_ORDER, 50000, &f, why), 0);
    check_contents(&f, 50000);
    assert_int_equal(run(WRONG_PORT, 50000, &f, why), 0);
    check_contents(&f, 50000);
}

static void lost_packets_are_resent(void **state)
{
    (void)state;
    struct tftp_file f;
    char why[160];
    assert_int_equal(run(DROP_ONE, 50000, &f, why), 0);
    check_contents(&f, 50000);
}

static void server_refusing_options_means_512_byte_blocks(void **state)
{
    (void)state;
    struct tftp_file f;
    char why[160];
    assert_int_equal(run(NO_OPTIONS, 5000, &f, why), 0);
    check_contents(&f, 5000);
}

/* A failed transfer says why and leaves nothing claimed. */
static void expect_failure(enum misbehaviour m, int err, const char *reason)
{
    struct tftp_file f;
    char why[160];
    struct mem_range free_ranges[4];
    assert_int_equal(run(m, 50000, &f, why), err);
    if (!strstr(why, reason))
        fail_msg("reason '%s' lacks '%s'", why, reason);
    assert_int_equal(claim_free_ranges(free_ranges, 4), 1);
    assert_int_equal(free_ranges[0].size, RAM);
}

static void hostile_servers_end_with_a_reason(void **state)
{
    (void)state;
    expect_failure(OVERSIZED, ERR_INVALID, "1478-byte block for 1428-byte blocks");
    expect_failure(ERROR_MIDWAY, ERR_IO, "TFTP error 2 for 'vmlinux': gone");
    uint64_t before = now_us;
    expect_failure(SILENT_AFTER, ERR_TIMEOUT, "stopped answering");
    assert_true(now_us - before < 10000000);                     /* gives up within seconds */
    expect_failure(LIES_ABOUT_TSIZE, ERR_INVALID, "ended after 50000 bytes");
    expect_failure(HUGE_TSIZE, ERR_NO_MEMORY, "larger than the memory free for it");
}

/* Servers that kept the old client waiting forever: every one now ends
 * within seconds of simulated time, says why, and leaves nothing claimed;
 * a server the client gives up on is told so where it can hear. */
static void endless_servers_end_in_bounded_time(void **state)
{
    (void)state;
    uint64_t before = now_us;
    expect_failure(STALE_RESEND, ERR_INVALID, "packets but not block 2 of 'vmlinux'");
    assert_true(now_us - before < 12000000);
    assert_int_equal(last_error_code, 4);
    before = now_us;
    expect_failure(STALE_FLOOD, ERR_INVALID, "33 packets in a row that were not block 2");
    assert_true(now_us - before < 1000000);
    before = now_us;
    expect_failure(WRONG_PORT_STREAM, ERR_TIMEOUT, "came from its port 2999 instead (told: error 5)");
    assert_true(now_us - before < 12000000);
    assert_true(errors_sent >= 10);
    before = now_us;
    expect_failure(DRIP_ENDLESS, ERR_TIMEOUT, "too slow");
    assert_true(now_us - before < 12000000);
}

static void unusable_options_are_refused_with_error_8(void **state)
{
    (void)state;
    expect_failure(HUGE_BLKSIZE, ERR_INVALID, "chose 100000-byte blocks, more than asked");
    assert_int_equal(last_error_code, 8);
    assert_int_equal(last_error_port, 2000);
    expect_failure(NUMBERLESS_OACK, ERR_INVALID, "value that is no number");
    assert_int_equal(last_error_code, 8);
}

int main(void)
{
#define T(f) cmocka_unit_test_setup_teardown(f, setup, teardown)
    const struct CMUnitTest tests[] = {
        T(good_transfer), T(duplicates_out_of_order_and_strangers_are_harmless),
        T(lost_packets_are_resent), T(server_refusing_options_means_512_byte_blocks),
        T(hostile_servers_end_with_a_reason), T(endless_servers_end_in_bounded_time),
        T(unusable_options_are_refused_with_error_8),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
