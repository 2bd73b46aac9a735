/* TFTP read: lock-step DATA/ACK with blksize and tsize negotiated, the last
 * packet resent on timeout, duplicates and strays ignored, and every block
 * checked against what was asked for and the memory set aside. */
#include <stdio.h>
#include <string.h>
#include "../board/log.h"
#include "../board/timebase.h"
#include "../mem/claim.h"
#include "../mem/phys.h"
#include "netclient.h"
#include "tftp.h"

#define BLKSIZE 1428                 /* fills a 1500-byte MTU */
#define WAIT_US 1000000
#define RETRIES 5
#define UNKNOWN_SIZE_MAX (512ull << 20)
#define MEMORY_LIMIT 0x100000000ull
#define PROGRESS_US 250000

void tftp_file_release(struct tftp_file *f)
{
    if (f->cap)
        release(f->phys, f->cap);
    f->cap = f->len = 0;
}

/* Memory for the file: exactly tsize when known, else the largest free block
 * up to UNKNOWN_SIZE_MAX. */
static int reserve(struct tftp_file *f, uint64_t want, int known)
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
    return -1;
}

static void send_error(struct iface *in, uint32_t server, uint16_t lport, uint16_t sport,
                       uint16_t code, const char *msg)
{
    uint8_t pkt[64];
    size_t n = strlen(msg) + 1;
    pkt[0] = 0;
    pkt[1] = TFTP_ERROR;
    pkt[2] = 0;
    pkt[3] = (uint8_t)code;
    memcpy(pkt + 4, msg, n);
    iface_send_udp(in, server, lport, sport, pkt, 4 + n);
}

int tftp_fetch(struct iface *in, uint32_t server, const char *name, struct tftp_file *f,
               int quiet, char *why, unsigned long whylen)
{
    uint8_t last[600];
    size_t last_len = tftp_build_rrq(last, sizeof(last), name, BLKSIZE, true);
    uint16_t lport = (uint16_t)(49152 + (timebase_read() & 0x3fff)), sport = 0;
    uint64_t expected = 1, start = timebase_us(), shown = start;
    unsigned blksize = TFTP_DEFAULT_BLKSIZE;
    int retries = 0, oack_ok = 1;
    uint64_t tsize = 0;
    int have_tsize = 0;

    memset(f, 0, sizeof(*f));
    if (!last_len) {
        sniprintf(why, whylen, "file name '%s' is too long", name);
        return -1;
    }
    if (iface_send_udp(in, server, lport, TFTP_PORT, last, last_len)) {
        sniprintf(why, whylen, "cannot reach the TFTP server");
        return -1;
    }
    for (;;) {
        struct udp_packet pkt;
        struct tftp_msg m;
        if (!iface_recv_udp(in, lport, WAIT_US, &pkt)) {
            if (++retries > RETRIES) {
                sniprintf(why, whylen, "TFTP server stopped answering (%s, block %lu)", name,
                          (unsigned long)expected);
                goto fail;
            }
            iface_send_udp(in, server, lport, sport ? sport : TFTP_PORT, last, last_len);
            continue;
        }
        if (pkt.src_ip != server || (sport && pkt.src_port != sport) || tftp_parse(pkt.data, pkt.len, &m))
            continue;
        if (m.op == TFTP_ERROR) {
            sniprintf(why, whylen, "TFTP error %u for '%s': %s", m.error_code, name, m.error_msg);
            goto fail;
        }
        if (m.op == TFTP_OACK && expected == 1 && oack_ok) {
            sport = pkt.src_port;
            oack_ok = 0;
            if (m.has_blksize && m.blksize > BLKSIZE) {
                sniprintf(why, whylen, "TFTP server chose %u-byte blocks, more than asked", m.blksize);
                send_error(in, server, lport, sport, 8, "bad blksize");
                goto fail;
            }
            blksize = m.has_blksize ? m.blksize : TFTP_DEFAULT_BLKSIZE;
            have_tsize = m.has_tsize;
            tsize = m.tsize;
            if (!f->cap && reserve(f, tsize, have_tsize)) {
                sniprintf(why, whylen, "'%s' (%lu MiB) is larger than the memory free for it",
                          name, (unsigned long)(tsize >> 20));
                send_error(in, server, lport, sport, 3, "no memory for the file");
                goto fail;
            }
            last_len = tftp_build_ack(last, 0);
            iface_send_udp(in, server, lport, sport, last, last_len);
            retries = 0;
            continue;
        }
        if (m.op != TFTP_DATA)
            continue;
        if (!sport)
            sport = pkt.src_port;               /* no OACK: options refused */
        oack_ok = 0;
        if (!f->cap && reserve(f, 0, 0)) {
            sniprintf(why, whylen, "no memory free for '%s'", name);
            goto fail;
        }
        if (m.block != (uint16_t)expected)
            continue;                            /* duplicate or out of order */
        if (m.len > blksize) {
            sniprintf(why, whylen, "TFTP server sent a %lu-byte block for %u-byte blocks",
                      (unsigned long)m.len, blksize);
            send_error(in, server, lport, sport, 4, "oversized block");
            goto fail;
        }
        uint64_t off = (expected - 1) * blksize;
        if (off + m.len > f->cap || (have_tsize && off + m.len > tsize)) {
            sniprintf(why, whylen, "'%s' is larger than %s (%lu MiB)", name,
                      have_tsize ? "the size the server announced" : "the memory free for it",
                      (unsigned long)((have_tsize ? tsize : f->cap) >> 20));
            send_error(in, server, lport, sport, 3, "file too large");
            goto fail;
        }
        memcpy((uint8_t *)phys_ptr(f->phys) + off, m.data, m.len);
        f->len = off + m.len;
        last_len = tftp_build_ack(last, m.block);
        iface_send_udp(in, server, lport, sport, last, last_len);
        retries = 0;
        expected++;
        uint64_t now = timebase_us();
        if (!quiet && (now - shown > PROGRESS_US || m.len < blksize)) {
            uint64_t us = now - start ? now - start : 1;
            log_progress("  tftp %s: %lu.%lu MB%s, %lu.%lu MB/s", name,
                         (unsigned long)(f->len / 1000000), (unsigned long)(f->len / 100000 % 10),
                         m.len < blksize ? " done" : "",
                         (unsigned long)(f->len / us), (unsigned long)(f->len * 10 / us % 10));
            shown = now;
        }
        if (m.len < blksize) {
            if (!quiet)
                log_progress_end();
            if (have_tsize && f->len != tsize) {
                sniprintf(why, whylen, "'%s' ended after %lu bytes; the server announced %lu",
                          name, (unsigned long)f->len, (unsigned long)tsize);
                goto fail;
            }
            return 0;
        }
    }
fail:
    if (!quiet && f->len)
        log_progress_end();
    tftp_file_release(f);
    return -1;
}
