/* SPDX-License-Identifier: BSD-2-Clause */
/* virtio console (virtio-serial, device type 3; libvirt's <console
 * type='pty'><target type='virtio'/>): its first port as a text console
 * for the firmware's log and prompt and a client's stdout and stdin.
 * MULTIPORT is not negotiated: QEMU then opens port 0 (the first
 * virtconsole) itself once the driver is ready, and no control queue is
 * needed. Receive buffers stay posted; writes go out without waiting
 * unless every transmit buffer is in flight, and then for a bounded time
 * (a host side that stops reading costs the firmware nothing more). */
#include <stdlib.h>
#include <string.h>
#include "../../board/console.h"
#include "../../board/log.h"
#include "../../board/timebase.h"
#include "../../lib/err.h"
#include "../../virtio/ring.h"
#include "../drivers.h"

#define RX_BUFS 8
#define TX_BUFS 16
#define BUF_BYTES 256
#define QUEUE_SIZE 32
#define TX_WAIT_US 200000

struct vcons {
    struct virtio_dev vd;         /* first: setup is handed a struct virtio_dev * */
    bool ready, writing;
    struct virtq rx, tx;
    struct dma_buf rxring, txring, bufs;   /* bufs: RX_BUFS then TX_BUFS */
    uint8_t rx_slot[VIRTQ_MAX_SIZE];
    unsigned tx_next, tx_inflight;
    char pending[BUF_BYTES];      /* received, not yet read */
    size_t npending, next;
    struct console_port port;
};

static struct vcons *of_port(struct console_port *p)
{
    return (struct vcons *)((char *)p - offsetof(struct vcons, port));
}

static bool running(struct vcons *c)
{
    return c->ready && c->vd.dma;
}

/* The device broke the ring protocol: it is not used again. Said after
 * `ready` is off, since saying it writes to the consoles. */
static void broken(struct vcons *c, int err)
{
    c->ready = false;
    virtio_fail(&c->vd, virtq_strerror(err));
}

static int post_rx(struct vcons *c, unsigned i)
{
    struct virtq_sg sg = { c->bufs.bus + (uint64_t)i * BUF_BYTES, BUF_BYTES, true };
    int head = virtq_add(&c->rx, &sg, 1);
    if (head < 0)
        return ERR_FULL;
    c->rx_slot[head] = (uint8_t)i;
    return 0;
}

static void reap_tx(struct vcons *c)
{
    uint16_t head;
    uint32_t len;
    int rc;
    while ((rc = virtq_get_used(&c->tx, &head, &len)) == 1)
        c->tx_inflight--;
    if (rc < 0)
        broken(c, rc);
}

static void vcons_write(struct console_port *p, const char *buf, size_t len)
{
    struct vcons *c = of_port(p);
    if (c->writing)                   /* a line about this console, said on it */
        return;
    c->writing = true;
    while (len && running(c)) {
        reap_tx(c);
        uint64_t until = timebase_us() + TX_WAIT_US;
        while (running(c) && c->tx_inflight == TX_BUFS && timebase_us() < until)
            reap_tx(c);
        if (!running(c) || c->tx_inflight == TX_BUFS)
            break;                    /* nobody reads the other end: the text is dropped */
        size_t n = len < BUF_BYTES ? len : BUF_BYTES;
        unsigned slot = RX_BUFS + c->tx_next;
        struct virtq_sg sg = { c->bufs.bus + (uint64_t)slot * BUF_BYTES, (uint32_t)n, false };
        if (dma_copy_to_device(c->vd.dma, &c->bufs, (uint64_t)slot * BUF_BYTES, buf, n) ||
            virtq_add(&c->tx, &sg, 1) < 0)
            break;
        c->tx_next = (c->tx_next + 1) % TX_BUFS;
        c->tx_inflight++;
        virtio_notify(&c->vd, &c->tx);
        buf += n;
        len -= n;
    }
    c->writing = false;
}

static size_t vcons_read(struct console_port *p, char *buf, size_t len)
{
    struct vcons *c = of_port(p);
    size_t got = 0;
    while (got < len) {
        if (c->next == c->npending) {
            uint16_t head;
            uint32_t n;
            int rc = running(c) ? virtq_get_used(&c->rx, &head, &n) : 0;
            if (rc < 0)
                broken(c, rc);
            if (rc <= 0)
                break;
            unsigned slot = c->rx_slot[head];
            dma_copy_from_device(c->vd.dma, &c->bufs, (uint64_t)slot * BUF_BYTES, c->pending, n);
            c->npending = n;
            c->next = 0;
            if (post_rx(c, slot) == 0)
                virtio_notify(&c->vd, &c->rx);
        }
        buf[got++] = c->pending[c->next++];
    }
    return got;
}

/* Both queues and every buffer: at probe, and again when secure mode moves
 * the device onto bounce buffers (text in flight then is lost). */
static int vcons_setup(struct virtio_dev *vd)
{
    struct vcons *c = (struct vcons *)vd;
    c->ready = false;
    c->tx_next = c->tx_inflight = 0;
    c->npending = c->next = 0;
    int err = virtio_start(vd, 0);
    if (err)
        return err;
    if (virtio_queue_setup(vd, 0, QUEUE_SIZE, RX_BUFS, &c->rx, &c->rxring) ||
        virtio_queue_setup(vd, 1, QUEUE_SIZE, TX_BUFS, &c->tx, &c->txring) ||
        dma_alloc(vd->dma, (uint64_t)(RX_BUFS + TX_BUFS) * BUF_BYTES, &c->bufs)) {
        virtio_fail(vd, "cannot set up its queues");
        return virtio_abandon(vd);
    }
    for (unsigned i = 0; i < RX_BUFS; i++)
        if (post_rx(c, i)) {
            virtio_fail(vd, "cannot post its receive buffers");
            return virtio_abandon(vd);
        }
    virtio_driver_ok(vd);
    virtio_notify(vd, &c->rx);
    virtio_publish_dma(vd);
    c->ready = true;
    return 0;
}

int vcons_probe(struct virtio_dev *vd)
{
    int err;
    struct vcons *c = virtio_adopt(vd, sizeof(*c), vcons_setup, &err);
    if (!c)
        return err;
    c->port = (struct console_port){ .name = c->vd.name, .kind = CONSOLE_VIRTIO, .node = vd->pci->node,
                                     .write = vcons_write, .read = vcons_read };
    log_info("virtio-console %s: %s interface, DMA %s; a console from here on\n", vd->pci->node->name,
             c->vd.modern ? "modern" : "legacy", dma_mode_name(dma_ctx_mode(c->vd.dma)));
    console_add(&c->port);
    return 0;
}
