/* SPDX-License-Identifier: BSD-2-Clause */
/* virtio-net: every receive buffer stays posted and every buffer (RX and TX)
 * lives in one DMA allocation mapped at probe, so traffic costs no TCE
 * hypercalls at all. Frames are copied in and out; no offloads. */
#include <stdlib.h>
#include <string.h>
#include "../../board/log.h"
#include "../../dev/netdev.h"
#include "../../lib/err.h"
#include "../../virtio/ring.h"
#include "../drivers.h"

#define NET_F_MAC (1ull << 5)
#define RX_BUFS 64
#define TX_BUFS 16
#define BUF_BYTES 2048                 /* header + a full frame, 2 KiB apart */
#define QUEUE_SIZE 64

struct vnet {
    struct virtio_dev vd;         /* first: setup is handed a struct virtio_dev * */
    bool ready;                   /* set up and usable (not refused) */
    struct virtq rx, tx;
    struct dma_buf rxring, txring, bufs;   /* bufs: RX_BUFS then TX_BUFS */
    unsigned hdr_len;
    uint8_t rx_slot[VIRTQ_MAX_SIZE];      /* which buffer each posted head holds */
    unsigned tx_next;
    uint16_t tx_inflight;
    struct netdev ndev;
};

static uint64_t buf_off(unsigned i)
{
    return (uint64_t)i * BUF_BYTES;
}

static uint64_t buf_bus(struct vnet *n, unsigned i)
{
    return n->bufs.bus + buf_off(i);
}

static int post_rx(struct vnet *n, unsigned i)
{
    struct virtq_sg sg = { buf_bus(n, i), BUF_BYTES, true };
    int head = virtq_add(&n->rx, &sg, 1);
    if (head < 0)
        return ERR_FULL;
    n->rx_slot[head] = (uint8_t)i;
    return 0;
}

/* Reclaim finished transmissions; false if the device broke the protocol. */
static bool reap_tx(struct vnet *n)
{
    uint16_t head;
    uint32_t len;
    int rc;
    while ((rc = virtq_get_used(&n->tx, &head, &len)) == 1)
        n->tx_inflight--;
    if (rc < 0) {
        virtio_fail(&n->vd, virtq_strerror(rc));
        n->ready = false;
    }
    return n->ready;
}

static int vnet_send(struct netdev *dev, const void *frame, size_t len)
{
    static const uint8_t no_offloads[12];
    struct vnet *n = dev->priv;
    if (!n->ready || !n->vd.dma || !reap_tx(n))   /* refused, failed, or stopped */
        return ERR_IO;
    if (n->tx_inflight >= TX_BUFS)
        return ERR_FULL;
    unsigned slot = RX_BUFS + n->tx_next;
    struct virtq_sg sg = { buf_bus(n, slot), (uint32_t)(n->hdr_len + len), false };
    if (dma_copy_to_device(n->vd.dma, &n->bufs, buf_off(slot), no_offloads, n->hdr_len) ||
        dma_copy_to_device(n->vd.dma, &n->bufs, buf_off(slot) + n->hdr_len, frame, len) ||
        virtq_add(&n->tx, &sg, 1) < 0)
        return ERR_FULL;
    n->tx_next = (n->tx_next + 1) % TX_BUFS;
    n->tx_inflight++;
    virtio_notify(&n->vd, &n->tx);
    return 0;
}

static size_t vnet_poll(struct netdev *dev, void *buf, size_t max)
{
    struct vnet *n = dev->priv;
    uint16_t head;
    uint32_t len;
    if (!n->ready || !n->vd.dma)
        return 0;
    int rc = virtq_get_used(&n->rx, &head, &len);
    if (rc <= 0) {
        if (rc < 0) {
            virtio_fail(&n->vd, virtq_strerror(rc));
            n->ready = false;
        }
        return 0;
    }
    /* len is at most the buffer (the ring checked); copy no more than that. */
    size_t frame = len > n->hdr_len ? len - n->hdr_len : 0;
    if (frame > max)
        frame = max;
    unsigned slot = n->rx_slot[head];
    dma_copy_from_device(n->vd.dma, &n->bufs, buf_off(slot) + n->hdr_len, buf, frame);
    /* The buffer goes straight back to the device. */
    if (post_rx(n, slot) == 0)
        virtio_notify(&n->vd, &n->rx);
    return frame;
}

static int setup_queue(struct vnet *n, struct virtq *q, struct dma_buf *ring, uint16_t index)
{
    return virtio_queue_setup(&n->vd, index, QUEUE_SIZE, RX_BUFS, q, ring);
}

/* Negotiate and set up both queues and every buffer: at probe, and again
 * when secure mode moves the interface onto bounce buffers (frames in flight
 * then are lost, as on any link reset; the protocols above retry). */
static int vnet_setup(struct virtio_dev *vd)
{
    struct vnet *n = (struct vnet *)vd;
    n->ready = false;
    n->tx_next = 0;
    n->tx_inflight = 0;
    int err = virtio_start(vd, NET_F_MAC);
    if (err)
        return err;
    /* Legacy devices without mergeable buffers use the 10-byte header. */
    n->hdr_len = vd->modern ? 12 : 10;
    if (setup_queue(n, &n->rx, &n->rxring, 0) || setup_queue(n, &n->tx, &n->txring, 1) ||
        dma_alloc(vd->dma, (uint64_t)(RX_BUFS + TX_BUFS) * BUF_BYTES, &n->bufs)) {
        virtio_fail(vd, "cannot set up its queues");
        return virtio_abandon(vd);
    }
    for (unsigned i = 0; i < RX_BUFS; i++)
        if (post_rx(n, i)) {
            virtio_fail(vd, "cannot post its receive buffers");
            return virtio_abandon(vd);
        }
    virtio_driver_ok(vd);
    virtio_notify(vd, &n->rx);
    virtio_publish_dma(vd);
    n->ready = true;
    return 0;
}

int vnet_probe(struct virtio_dev *vd)
{
    int err;
    struct vnet *n = virtio_adopt(vd, sizeof(*n), vnet_setup, &err);
    if (!n)
        return err;
    if (n->vd.features & NET_F_MAC) {
        for (int i = 0; i < 6; i++)
            n->ndev.mac[i] = (uint8_t)virtio_cfg_read(&n->vd, (unsigned)i, 1);
    } else {
        static const uint8_t fallback[6] = { 0x52, 0x54, 0x00, 0x5c, 0x00, 0x01 };
        memcpy(n->ndev.mac, fallback, 6);
        n->ndev.mac[5] = (uint8_t)(n->ndev.mac[5] + registry_count(&netdevs));
    }
    n->ndev.node = vd->pci->node;
    n->ndev.send = vnet_send;
    n->ndev.poll = vnet_poll;
    n->ndev.priv = n;
    dt_set_string(vd->pci->node, "device_type", "network");
    dt_set(vd->pci->node, "local-mac-address", n->ndev.mac, 6);
    dt_set(vd->pci->node, "mac-address", n->ndev.mac, 6);
    err = registry_add(&netdevs, &n->ndev);
    if (err) {
        log_error("virtio-net %s: no memory to register it; not used\n", vd->pci->node->name);
        return err;
    }
    log_info("virtio-net %s: %02x:%02x:%02x:%02x:%02x:%02x, %s interface, DMA %s\n",
             vd->pci->node->name, n->ndev.mac[0], n->ndev.mac[1], n->ndev.mac[2],
             n->ndev.mac[3], n->ndev.mac[4], n->ndev.mac[5], n->vd.modern ? "modern" : "legacy",
             dma_mode_name(dma_ctx_mode(n->vd.dma)));
    return 0;
}
