/* SPDX-License-Identifier: BSD-2-Clause */
/* TFTP read: lock-step DATA/ACK with blksize and tsize negotiated, the last
 * packet resent on timeout, duplicates and strays ignored, and every block
 * checked against what was asked for and the memory set aside.
 *
 * Bounded whatever the server does: the wait for the next block runs from
 * the last packet sent, so packets that bring nothing (stale blocks,
 * strangers, strays) do not extend it, and too many of them in a row end
 * the transfer; a transfer slower than a floor, or longer than a limit,
 * ends too. */
#include <stdio.h>
#include <string.h>
#include "../board/log.h"
#include "../board/timebase.h"
#include "../lib/err.h"
#include "../lib/text.h"
#include "../mem/claim.h"
#include "../mem/phys.h"
#include "netclient.h"
#include "tftp.h"

#define BLKSIZE 1428                 /* fills a 1500-byte MTU */
#define WAIT_US 1000000
#define RETRIES 5
#define BAD_MAX 32                   /* packets in a row that bring no block */
#define RATE_GRACE_US 10000000ull
#define RATE_FLOOR 65536             /* bytes per second, after the grace */
#define FILE_MAX_US 600000000ull     /* ten minutes for any one file */
#define UNKNOWN_SIZE_MAX (512ull << 20)
#define MEMORY_LIMIT 0x100000000ull
#define PROGRESS_US 250000

/* One transfer: what was asked, what the server agreed to, how far it got. */
struct xfer {
    struct iface *in;
    const struct ip_addr *server;
    const char *name;
    struct tftp_file *f;
    bool quiet;
    char *why;
    size_t whylen;
    uint8_t last[600];               /* the last packet sent, resent on timeout */
    size_t last_len;
    uint16_t lport, sport;           /* sport 0: the server has not answered yet */
    uint64_t expected;               /* the next block wanted */
    unsigned blksize;
    bool oack_ok;                    /* an OACK may still come (before any data) */
    bool have_tsize;
    uint64_t tsize;
    int retries;
    uint64_t start, shown;
    uint64_t wait_until;             /* for the next block: from the last send */
    unsigned bad;                    /* packets since the last block that brought none */
    unsigned strangers;              /* packets from the server's address, another port */
    uint16_t stranger_port;
    bool progress_shown;             /* a progress line is open on the console */
};

void tftp_file_release(struct tftp_file *f)
{
    if (f->cap)
        release(f->phys, f->cap);
    f->cap = f->len = 0;
}

/* Memory for the file: exactly tsize when known, else the largest free block
 * up to UNKNOWN_SIZE_MAX. */
static int reserve(struct tftp_file *f, uint64_t want, bool known)
{
    uint64_t size = known ? (want + 0xfff) & ~0xfffull : UNKNOWN_SIZE_MAX;
    if (known && size == 0)
        size = 0x1000;
    for (; size >= 0x1000; size = known ? 0 : size / 2) {
        uint64_t at = claim_top(size, 0x10000, MEMORY_LIMIT);
        if (at != CLAIM_FAILED) {
            f->phys = at;
            f->cap = size;
            return 0;
        }
        if (known)
            break;
    }
    return ERR_NO_MEMORY;
}

static void send_last(struct xfer *x)
{
    iface_send_udp(x->in, x->server, x->lport, x->sport ? x->sport : TFTP_PORT, x->last, x->last_len);
    x->wait_until = timebase_us() + WAIT_US;
}

/* A block (or the OACK) arrived: acknowledge it; the count of useless
 * packets and resends starts again. */
static void ack(struct xfer *x, uint16_t block)
{
    x->last_len = tftp_build_ack(x->last, block);
    send_last(x);
    x->retries = 0;
    x->bad = 0;
}

static void send_error(struct xfer *x, uint16_t port, uint16_t code, const char *msg)
{
    uint8_t pkt[64];
    if (!port)
        return;                          /* the server never answered: nobody to tell */
    size_t n = strlen(msg) + 1;
    pkt[0] = 0;
    pkt[1] = TFTP_ERROR;
    pkt[2] = 0;
    pkt[3] = (uint8_t)code;
    memcpy(pkt + 4, msg, n);
    iface_send_udp(x->in, x->server, x->lport, port, pkt, 4 + n);
}

/* End the transfer: tell the server why (TFTP error `code`). */
static int refuse(struct xfer *x, uint16_t code, const char *msg, int err)
{
    send_error(x, x->sport, code, msg);
    return err;
}

/* The server's answer to the options: its block size and the file's size. */
static int on_oack(struct xfer *x, const struct tftp_msg *m, uint16_t port)
{
    x->sport = port;
    x->oack_ok = false;
    if (m->bad_option) {
        sniprintf(x->why, x->whylen, "TFTP server answered an option with a value that is no number");
        return refuse(x, 8, "bad option value", ERR_INVALID);
    }
    if (m->has_blksize && (m->blksize > BLKSIZE || m->blksize < 8)) {
        sniprintf(x->why, x->whylen, "TFTP server chose %u-byte blocks, %s", m->blksize,
                  m->blksize > BLKSIZE ? "more than asked" : "fewer than 8");
        return refuse(x, 8, "bad blksize", ERR_INVALID);
    }
    x->blksize = m->has_blksize ? m->blksize : TFTP_DEFAULT_BLKSIZE;
    x->have_tsize = m->has_tsize;
    x->tsize = m->tsize;
    if (!x->f->cap && reserve(x->f, x->tsize, x->have_tsize)) {
        char size[24];
        sniprintf(x->why, x->whylen, "'%s' (%s) is larger than the memory free for it",
                  x->name, size_text(size, sizeof(size), x->tsize));
        return refuse(x, 3, "no memory for the file", ERR_NO_MEMORY);
    }
    ack(x, 0);
    return 0;
}

static void show_progress(struct xfer *x, bool done)
{
    uint64_t now = timebase_us();
    if (x->quiet || !(now - x->shown > PROGRESS_US || done))
        return;
    uint64_t us = now - x->start ? now - x->start : 1, len = x->f->len;
    log_progress("  tftp %s: %lu.%lu MB%s, %lu.%lu MB/s", x->name, (unsigned long)(len / 1000000),
                 (unsigned long)(len / 100000 % 10), done ? " done" : "",
                 (unsigned long)(len / us), (unsigned long)(len * 10 / us % 10));
    x->shown = now;
    x->progress_shown = true;
}

/* A DATA packet: 1 when it was the last block, 0 to go on, or an error. */
static int on_data(struct xfer *x, const struct tftp_msg *m, uint16_t port)
{
    if (!x->sport)
        x->sport = port;                 /* no OACK: options refused */
    x->oack_ok = false;
    if (!x->f->cap && reserve(x->f, 0, false)) {
        sniprintf(x->why, x->whylen, "no memory free for '%s'", x->name);
        return ERR_NO_MEMORY;
    }
    if (m->block != (uint16_t)x->expected)
        return 0;                        /* duplicate or out of order */
    if (m->len > x->blksize) {
        sniprintf(x->why, x->whylen, "TFTP server sent a %lu-byte block for %u-byte blocks",
                  (unsigned long)m->len, x->blksize);
        return refuse(x, 4, "oversized block", ERR_INVALID);
    }
    uint64_t off = (x->expected - 1) * x->blksize;
    if (off + m->len > x->f->cap || (x->have_tsize && off + m->len > x->tsize)) {
        char size[24];
        sniprintf(x->why, x->whylen, "'%s' is larger than %s (%s)", x->name,
                  x->have_tsize ? "the size the server announced" : "the memory free for it",
                  size_text(size, sizeof(size), x->have_tsize ? x->tsize : x->f->cap));
        return refuse(x, 3, "file too large", ERR_RANGE);
    }
    memcpy((uint8_t *)phys_ptr(x->f->phys) + off, m->data, m->len);
    x->f->len = off + m->len;
    ack(x, m->block);
    x->expected++;
    bool last = m->len < x->blksize;
    show_progress(x, last);
    if (!last)
        return 0;
    if (x->have_tsize && x->f->len != x->tsize) {
        sniprintf(x->why, x->whylen, "'%s' ended after %lu bytes; the server announced %lu",
                  x->name, (unsigned long)x->f->len, (unsigned long)x->tsize);
        return ERR_INVALID;
    }
    return 1;
}

/* A packet from the server's address but not its transfer's port: another
 * transfer's, a spoofer's. RFC 1350: error 5 to it, the transfer undisturbed. */
static void on_stranger(struct xfer *x, uint16_t port)
{
    x->strangers++;
    x->stranger_port = port;
    send_error(x, port, 5, "unknown transfer ID");
}

/* One packet for our port: 1 done, 0 go on, or an error. */
static int on_packet(struct xfer *x, const struct udp_packet *pkt)
{
    struct tftp_msg m;
    uint64_t expected = x->expected;
    int rc = 0;
    if (!ip_equal(&pkt->src, x->server) || tftp_parse(pkt->data, pkt->len, &m))
        ;                                /* another host, or not TFTP */
    else if (x->sport && pkt->src_port != x->sport)
        on_stranger(x, pkt->src_port);
    else if (m.op == TFTP_ERROR) {
        sniprintf(x->why, x->whylen, "TFTP error %u for '%s': %s", m.error_code, x->name,
                  m.error_msg);
        return ERR_IO;
    } else if (m.op == TFTP_OACK && x->expected == 1 && x->oack_ok)
        return on_oack(x, &m, pkt->src_port);
    else if (m.op == TFTP_DATA)
        rc = on_data(x, &m, pkt->src_port);
    if (rc == 0 && x->expected == expected && ++x->bad > BAD_MAX) {
        sniprintf(x->why, x->whylen, "TFTP server sent %u packets in a row that were not block %lu "
                  "of '%s'", x->bad, (unsigned long)x->expected, x->name);
        return refuse(x, 4, "too many stray packets", ERR_INVALID);
    }
    return rc;
}

/* Whatever the server sends, a transfer ends: too slow, or too long. */
static int check_pace(struct xfer *x, uint64_t now)
{
    uint64_t took = now - x->start;
    char size[24];
    if (took > FILE_MAX_US) {
        sniprintf(x->why, x->whylen, "TFTP transfer of '%s' took more than %lu s (%s so far)", x->name,
                  (unsigned long)(FILE_MAX_US / 1000000), size_text(size, sizeof(size), x->f->len));
        return refuse(x, 0, "transfer too long", ERR_TIMEOUT);
    }
    if (took > RATE_GRACE_US && x->f->len < took / 1000000 * RATE_FLOOR) {
        sniprintf(x->why, x->whylen, "TFTP transfer of '%s' too slow: %s in %lu s (at least %u KiB/s "
                  "needed)", x->name, size_text(size, sizeof(size), x->f->len),
                  (unsigned long)(took / 1000000), RATE_FLOOR / 1024);
        return refuse(x, 0, "transfer too slow", ERR_TIMEOUT);
    }
    return 0;
}

/* Nothing useful came in time: resend, or give up saying what was seen. */
static int on_silence(struct xfer *x)
{
    if (++x->retries <= RETRIES) {
        send_last(x);
        return 0;
    }
    if (x->strangers) {
        sniprintf(x->why, x->whylen, "TFTP server stopped answering on port %u (%s, block %lu); "
                  "%u packets came from its port %u instead (told: error 5)", x->sport, x->name,
                  (unsigned long)x->expected, x->strangers, x->stranger_port);
        return ERR_TIMEOUT;
    }
    if (x->bad) {
        sniprintf(x->why, x->whylen, "TFTP server sent %u packets but not block %lu of '%s'",
                  x->bad, (unsigned long)x->expected, x->name);
        return refuse(x, 4, "never sent the next block", ERR_INVALID);
    }
    sniprintf(x->why, x->whylen, "TFTP server stopped answering (%s, block %lu)", x->name,
              (unsigned long)x->expected);
    return ERR_TIMEOUT;
}

static int transfer(struct xfer *x)
{
    if (iface_send_udp(x->in, x->server, x->lport, TFTP_PORT, x->last, x->last_len)) {
        sniprintf(x->why, x->whylen, "cannot reach the TFTP server");
        return ERR_IO;
    }
    x->wait_until = timebase_us() + WAIT_US;
    for (;;) {
        struct udp_packet pkt;
        uint64_t now = timebase_us();
        int rc = check_pace(x, now);
        if (rc)
            return rc;
        if (now < x->wait_until && iface_recv_udp(x->in, x->lport, x->wait_until - now, &pkt) == 0)
            rc = on_packet(x, &pkt);
        else
            rc = on_silence(x);
        if (rc)
            return rc < 0 ? rc : 0;
    }
}

int tftp_fetch(struct iface *in, const struct ip_addr *server, const char *name, struct tftp_file *f,
               bool quiet, char *why, size_t whylen)
{
    struct xfer x = {
        .in = in, .server = server, .name = name, .f = f, .quiet = quiet,
        .why = why, .whylen = whylen,
        .lport = (uint16_t)(49152 + (timebase_read() & 0x3fff)),
        .expected = 1, .blksize = TFTP_DEFAULT_BLKSIZE, .oack_ok = true,
        .start = timebase_us(),
    };
    x.shown = x.start;
    memset(f, 0, sizeof(*f));
    x.last_len = tftp_build_rrq(x.last, sizeof(x.last), name, BLKSIZE, true);
    if (!x.last_len) {
        sniprintf(why, whylen, "file name '%s' is too long", name);
        return ERR_INVALID;
    }
    int err = transfer(&x);
    if (x.progress_shown)
        log_progress_end();
    if (err)
        tftp_file_release(f);
    return err;
}
