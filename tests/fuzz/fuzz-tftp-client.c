/* SPDX-License-Identifier: BSD-2-Clause */
/* The TFTP client's state machine against a hostile server, packet by
 * packet: the input scripts what arrives and when. Each packet is
 * [delay][source][length, 2 bytes LE][length bytes, at most 1500]: delay in
 * 20 ms steps, source picking the server's transfer port, another port, or
 * another host. The
 * client must end (within ten minutes of simulated time, whatever the
 * script), and a failure must say why and leave nothing claimed. */
#include "fuzz.h"
#include "lib/text.c"
#include "mem/claim.c"
#include "net/addr.c"
#include "net/netargs.c"
#include "net/tftp.c"
#include "net/tftp_client.c"

#define RAM (16u << 20)
static struct ip_addr server, stranger;

static uint8_t *ram;
static const uint8_t *script;
static size_t script_left;
static uint64_t now_us;
static unsigned calls;

void *phys_ptr(uint64_t a) { PROMISE(a < RAM); return ram + a; }
uint64_t timebase_us(void) { return now_us; }
uint64_t timebase_read(void) { return now_us * 512; }
void log_progress(const char *fmt, ...) { (void)fmt; }
void log_progress_end(void) {}

int iface_send_udp(struct iface *in, const struct ip_addr *dst, uint16_t sport, uint16_t dport,
                   const void *data, size_t len)
{
    (void)in; (void)sport; (void)dport; (void)data;
    PROMISE(ip_equal(dst, &server) && len <= 600);
    return 0;
}

int iface_recv_udp(struct iface *in, uint16_t port, uint64_t timeout_us, struct udp_packet *pkt)
{
    static uint8_t buf[1500];
    (void)in; (void)port;
    PROMISE(++calls < 200000);
    if (script_left < 4) {
        now_us += timeout_us;
        return ERR_TIMEOUT;
    }
    uint64_t delay = (uint64_t)script[0] * 20000;
    uint8_t source = script[1];
    size_t len = (size_t)(script[2] | script[3] << 8);
    if (len > sizeof(buf))
        len = sizeof(buf);
    if (len > script_left - 4)
        len = script_left - 4;
    memcpy(buf, script + 4, len);
    script += 4 + len;
    script_left -= 4 + len;
    if (delay > timeout_us) {                  /* too late: the wait ends first */
        now_us += timeout_us;
        return ERR_TIMEOUT;
    }
    now_us += delay ? delay : 1;
    pkt->src = source & 4 ? stranger : server;
    pkt->src_port = (uint16_t)(2000 + (source & 3));
    pkt->data = buf;
    pkt->len = len;
    return 0;
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    struct iface in = { 0 };
    struct mem_range r = { 0, RAM };
    struct mem_range free_ranges[4];
    struct tftp_file f;
    char why[200] = "";
    if (!ram)
        ram = calloc(1, RAM);
    claim_init(&r, 1);
    script = data;
    script_left = size;
    now_us = 1000000;
    calls = 0;
    /* Over IPv4 or IPv6, as the script's length says. */
    static const uint8_t v6[16] = { 0xfe, 0xc0, [15] = 2 }, v6b[16] = { 0xfe, 0xc0, [15] = 0x99 };
    server = size & 2 ? ip_v6(v6) : ip_v4(0x0a000202u);
    stranger = size & 2 ? ip_v6(v6b) : ip_v4(0x0a000299u);
    int rc = tftp_fetch(&in, &server, "vmlinux", &f, size & 1, why, sizeof(why));
    PROMISE(now_us - 1000000 <= FILE_MAX_US + 2 * WAIT_US);
    if (rc == 0) {
        PROMISE(f.len <= f.cap);
        tftp_file_release(&f);
    } else {
        PROMISE(why[0] != '\0');
    }
    PROMISE(claim_free_ranges(free_ranges, 4) == 1 && free_ranges[0].size == RAM);
    return 0;
}
