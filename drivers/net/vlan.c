/* SPDX-License-Identifier: BSD-2-Clause */
/* spapr-vlan (the IBM logical LAN, "l-lan": QEMU's default pseries NIC and
 * PowerVM's virtual Ethernet): frames move through hypercalls and pages
 * the device reaches through its own TCE window.
 *   buffer list  a page: the receive queue's descriptor, the filter list's,
 *                then receive buffers the hypervisor keeps for itself
 *   receive queue 16-byte entries the hypervisor writes: a control byte
 *                whose toggle bit flips on each pass, the frame's offset
 *                and length, and the handle we wrote at the buffer's start
 *   receive buffers handed over one at a time (H_ADD_LOGICAL_LAN_BUFFER)
 *   sends        H_SEND_LOGICAL_LAN with a descriptor of the frame, copied
 *                by the hypervisor before the call returns
 * Everything lives in one DMA buffer mapped when the device is set up, so
 * no packet costs a TCE hypercall. Polled, no interrupts. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "../../board/barrier.h"
#include "../../board/hcall.h"
#include "../../board/log.h"
#include "../../dev/binding.h"
#include "../../dev/dmadev.h"
#include "../../dev/netdev.h"
#include "../../lib/bytes.h"
#include "../../lib/err.h"
#include "../../vio/vio.h"
#include "../drivers.h"

#define PAGE 4096u
#define RX_BUFS 128u
#define BUF_BYTES 2048u               /* the 8-byte handle, then a whole frame */
#define HANDLE_BYTES 8u
#define RXQ_ENTRY 16u
/* Where each part lives in the one DMA buffer. */
#define BUFLIST_OFF 0u
#define FILTER_OFF PAGE
#define RXQ_OFF (2 * PAGE)
#define RXBUF_OFF (3 * PAGE)         /* RX_BUFS * RXQ_ENTRY fits in a page */
#define TXBUF_OFF (RXBUF_OFF + RX_BUFS * BUF_BYTES)
#define AREA_BYTES (TXBUF_OFF + BUF_BYTES)

#define BD_VALID (1ull << 63)
#define RXQ_TOGGLE 0x80
#define RXQ_VALID 0x40
#define FREE_TRIES 100

struct vlan {
    struct vio_dev vio;
    struct dma_ctx *dma;
    struct dma_buf area;
    bool registered, ready;
    unsigned rx_next;                 /* the receive queue entry to read next */
    uint8_t rx_toggle;                /* the toggle bit a new entry carries */
    bool posted[RX_BUFS];             /* which buffers the hypervisor holds */
    unsigned complaints;
    struct netdev ndev;
    struct dma_device dmadev;
    char name[40];
};

/* A buffer descriptor: valid, length, and a 32-bit bus address. */
static uint64_t descriptor(uint64_t bus, uint32_t len)
{
    return BD_VALID | (uint64_t)len << 32 | (bus & 0xffffffffu);
}

static uint64_t rxbuf_off(unsigned i)
{
    return RXBUF_OFF + (uint64_t)i * BUF_BYTES;
}

/* A few lines about a misbehaving device, then silence. */
static void complain(struct vlan *v, const char *what, unsigned long value)
{
    if (v->complaints++ < 4)
        log_error("%s: %s (0x%lx); frame dropped\n", v->name, what, value);
}

/* Give buffer i to the hypervisor, its index in the handle it hands back. */
static void post(struct vlan *v, unsigned i)
{
    uint8_t handle[HANDLE_BYTES];
    put_be64(handle, i);
    dma_copy_to_device(v->dma, &v->area, rxbuf_off(i), handle, sizeof(handle));
    long rc = hcall(H_ADD_LOGICAL_LAN_BUFFER, v->vio.unit,
                    descriptor(v->area.bus + rxbuf_off(i), BUF_BYTES), 0, 0, NULL);
    if (rc == H_SUCCESS)
        v->posted[i] = true;
    else
        complain(v, "the hypervisor refused a receive buffer", (unsigned long)rc);
}

static long free_lan(uint32_t unit)
{
    long rc;
    int tries = 0;
    do
        rc = hcall(H_FREE_LOGICAL_LAN, unit, 0, 0, 0, NULL);
    while (rc == H_BUSY && ++tries < FREE_TRIES);
    return rc;
}

static void stop(struct dma_device *d)
{
    struct vlan *v = (struct vlan *)((char *)d - offsetof(struct vlan, dmadev));
    v->ready = false;
    if (v->registered) {
        long rc = free_lan(v->vio.unit);
        if (rc != H_SUCCESS)
            log_error("%s: H_FREE_LOGICAL_LAN failed (%ld)\n", v->name, rc);
    }
    v->registered = false;
    if (v->dma)
        dma_ctx_free(v->dma);     /* the area with it, its TCEs cleared */
    v->dma = NULL;
    memset(&v->area, 0, sizeof(v->area));
    binding_publish(v->vio.node, NULL);
}

static long register_lan(struct vlan *v)
{
    uint64_t bus = v->area.bus;
    return hcall(H_REGISTER_LOGICAL_LAN, v->vio.unit, bus + BUFLIST_OFF,
                 descriptor(bus + RXQ_OFF, RX_BUFS * RXQ_ENTRY), bus + FILTER_OFF, NULL);
}

/* Map the area, register it, hand over every receive buffer: at probe, and
 * again when secure mode moves the device onto bounce buffers. */
static int setup(struct vlan *v)
{
    int err = dma_ctx_new(&v->vio.dma, true, &v->dma);
    if (!err)
        err = dma_alloc(v->dma, AREA_BYTES, &v->area);
    if (err) {
        log_error("%s: %s for its buffers; not used\n", v->name, err_str(err));
        stop(&v->dmadev);
        return err;
    }
    if (v->area.bus + AREA_BYTES > 1ull << 32) {   /* descriptors hold 32 bits */
        log_error("%s: its buffers landed above 4 GiB in its window; not used\n", v->name);
        stop(&v->dmadev);
        return ERR_RANGE;
    }
    long rc = register_lan(v);
    if (rc == H_RESOURCE) {           /* left registered by a guest before a reset */
        free_lan(v->vio.unit);
        rc = register_lan(v);
    }
    if (rc != H_SUCCESS) {
        log_error("%s: the hypervisor refused to register it (H_REGISTER_LOGICAL_LAN %ld); not used\n",
                  v->name, rc);
        stop(&v->dmadev);
        return ERR_IO;
    }
    v->registered = true;
    v->rx_next = 0;
    v->rx_toggle = RXQ_TOGGLE;        /* the queue starts zeroed: first pass has it set */
    memset(v->posted, 0, sizeof(v->posted));
    for (unsigned i = 0; i < RX_BUFS; i++)
        post(v, i);
    binding_publish(v->vio.node, v->dma);
    v->ready = true;
    return 0;
}

static int start(struct dma_device *d)
{
    return setup((struct vlan *)((char *)d - offsetof(struct vlan, dmadev)));
}

static int vlan_send(struct netdev *dev, const void *frame, size_t len)
{
    struct vlan *v = dev->priv;
    if (!v->ready)
        return ERR_IO;
    dma_copy_to_device(v->dma, &v->area, TXBUF_OFF, frame, len);
    barrier_full();
    struct hcall_regs regs = { { H_SEND_LOGICAL_LAN, v->vio.unit,
                                 descriptor(v->area.bus + TXBUF_OFF, (uint32_t)len) } };
    hv_call(&regs);                   /* other descriptors and the continue token: 0 */
    return regs.r[0] == H_SUCCESS ? 0 : ERR_IO;
}

/* One receive queue entry, read once: 0 when the hypervisor has written
 * none since the last, else the frame's length copied to buf. */
static size_t vlan_poll(struct netdev *dev, void *buf, size_t max)
{
    struct vlan *v = dev->priv;
    if (!v->ready)
        return 0;
    const volatile uint8_t *e =
        (const volatile uint8_t *)v->area.cpu + RXQ_OFF + v->rx_next * RXQ_ENTRY;
    uint8_t control = e[0];
    if ((control & RXQ_TOGGLE) != v->rx_toggle)
        return 0;
    barrier_memory();                 /* the control byte before the rest */
    uint8_t entry[RXQ_ENTRY];
    for (unsigned i = 0; i < RXQ_ENTRY; i++)
        entry[i] = e[i];
    if (++v->rx_next == RX_BUFS) {
        v->rx_next = 0;
        v->rx_toggle ^= RXQ_TOGGLE;
    }
    uint64_t handle = get_be64(entry + 8);
    uint32_t off = get_be16(entry + 2), len = get_be32(entry + 4);
    if (handle >= RX_BUFS || !v->posted[handle]) {
        complain(v, "returned a receive buffer it was not given", (unsigned long)handle);
        return 0;
    }
    v->posted[handle] = false;
    size_t got = 0;
    if (!(control & RXQ_VALID))
        complain(v, "marked a received frame invalid", control);
    else if (off < HANDLE_BYTES || off > BUF_BYTES || len > BUF_BYTES - off)
        complain(v, "placed a frame outside its buffer", (unsigned long)off << 32 | len);
    else {
        got = len < max ? len : max;
        dma_copy_from_device(v->dma, &v->area, rxbuf_off((unsigned)handle) + off, buf, got);
    }
    post(v, (unsigned)handle);
    return got;
}

/* QEMU gives the address in 6 bytes, or in 8 with two leading zeros as
 * old PowerVM did. */
static bool read_mac(const struct dt_node *node, uint8_t mac[6])
{
    uint32_t len;
    const uint8_t *p = dt_get(node, "local-mac-address", &len);
    if (!p || (len != 6 && len != 8))
        return false;
    memcpy(mac, p + len - 6, 6);
    return true;
}

int vlan_probe(const struct vio_dev *vio)
{
    struct vlan *v = calloc(1, sizeof(*v));
    if (!v)
        return ERR_NO_MEMORY;
    v->vio = *vio;
    sniprintf(v->name, sizeof(v->name), "%s", vio->node->name);
    if (!read_mac(vio->node, v->ndev.mac)) {
        log_error("%s: no usable local-mac-address; not used\n", v->name);
        free(v);
        return ERR_NOT_FOUND;
    }
    v->dmadev = (struct dma_device){ v->name, stop, start };
    v->ndev.node = vio->node;
    v->ndev.send = vlan_send;
    v->ndev.poll = vlan_poll;
    v->ndev.priv = v;
    int err = setup(v);
    if (!err)
        err = dmadev_register(&v->dmadev);
    if (err) {
        stop(&v->dmadev);
        free(v);
        return err;
    }
    if (registry_add(&netdevs, &v->ndev)) {
        /* Known to the device layer now: it stays, stopped, and is stopped
         * again at hand-off. */
        log_error("%s: no memory to register it; not used\n", v->name);
        stop(&v->dmadev);
        return ERR_NO_MEMORY;
    }
    dt_set(vio->node, "mac-address", v->ndev.mac, 6);
    const uint8_t *m = v->ndev.mac;
    log_info("%s: spapr-vlan %02x:%02x:%02x:%02x:%02x:%02x, DMA %s\n", v->name, m[0], m[1], m[2],
             m[3], m[4], m[5], dma_mode_name(dma_ctx_mode(v->dma)));
    return 0;
}
