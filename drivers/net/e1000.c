/* SPDX-License-Identifier: BSD-2-Clause */
/* Intel e1000 (82540EM, 8086:100e: QEMU's -nic model=e1000) and e1000e
 * (82574L, 8086:10d3), as a network device: legacy receive and transmit
 * descriptors, every ring and buffer in one DMA allocation mapped through
 * the PHB's TCE window at start, so traffic costs no TCE hypercalls.
 * Polled; interrupts masked. Reset at hand-off. QEMU's e1000 (not the
 * e1000e) takes no frame for a second after receive is turned on, so it is
 * turned on at probe, long before a network boot after the disks needs it. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "../../board/barrier.h"
#include "../../board/log.h"
#include "../../board/mmio.h"
#include "../../board/timebase.h"
#include "../../dev/binding.h"
#include "../../dev/dmadev.h"
#include "../../dev/netdev.h"
#include "../../lib/bytes.h"
#include "../../lib/err.h"
#include "../drivers.h"

#define CTRL 0x0000
#define CTRL_SLU (1u << 6)                 /* set link up */
#define CTRL_RST (1u << 26)
#define IMC 0x00d8                         /* interrupt mask clear */
#define RCTL 0x0100
#define RCTL_EN (1u << 1)
#define RCTL_MPE (1u << 4)                 /* every multicast: IPv6 neighbour discovery needs them */
#define RCTL_BAM (1u << 15)                /* broadcasts too: DHCP and ARP need them */
#define RCTL_SECRC (1u << 26)              /* the CRC stripped */
#define TCTL 0x0400
#define TCTL_EN (1u << 1)
#define TCTL_PSP (1u << 3)
#define TCTL_CT (0x0fu << 4)
#define TCTL_COLD (0x40u << 12)
#define TIPG 0x0410
#define RDBAL 0x2800
#define RDBAH 0x2804
#define RDLEN 0x2808
#define RDH 0x2810
#define RDT 0x2818
#define TDBAL 0x3800
#define TDBAH 0x3804
#define TDLEN 0x3808
#define TDH 0x3810
#define TDT 0x3818
#define RAL0 0x5400
#define RAH0 0x5404
#define RAH_AV (1u << 31)

#define RX_DESC 64
#define TX_DESC 16
#define DESC_BYTES 16
#define BUF_BYTES 2048
#define RX_DD 0x01
#define RX_EOP 0x02
#define TX_EOP 0x01
#define TX_IFCS 0x02
#define TX_RS 0x08
#define TX_DD 0x01
#define RESET_WAIT_US 100000
#define TX_WAIT_US 100000
#define FRAME_MAX 1514

/* The DMA buffer: the two descriptor rings, then the buffers. */
#define RX_RING_OFF 0
#define TX_RING_OFF (RX_DESC * DESC_BYTES)
#define BUFS_OFF 4096
#define DMA_BYTES (BUFS_OFF + (RX_DESC + TX_DESC) * BUF_BYTES)

struct e1000 {
    char name[40];
    struct pci_dev *pci;
    uint64_t regs;
    struct dma_ctx *dma;
    struct dma_buf mem;
    unsigned rx_next, tx_next;
    bool ready;
    struct dma_device dmadev;
    struct netdev ndev;
};

static uint32_t rd(struct e1000 *e, unsigned reg)
{
    return mmio_read_le(e->regs + reg, 4);
}

static void wr(struct e1000 *e, unsigned reg, uint32_t v)
{
    mmio_write_le(e->regs + reg, 4, v);
}

static uint8_t *desc(struct e1000 *e, unsigned ring_off, unsigned i)
{
    return (uint8_t *)e->mem.cpu + ring_off + i * DESC_BYTES;
}

static uint64_t buf_off(unsigned i)
{
    return BUFS_OFF + (uint64_t)i * BUF_BYTES;
}

/* A receive descriptor handed (back) to the device: its buffer, status clear. */
static void give_rx(struct e1000 *e, unsigned i)
{
    uint8_t *d = desc(e, RX_RING_OFF, i);
    put_le64(d, e->mem.bus + buf_off(i));
    memset(d + 8, 0, 8);
}

/* The device reset and quiet: no DMA from it after this. */
static bool reset(struct e1000 *e)
{
    wr(e, IMC, 0xffffffffu);
    wr(e, RCTL, 0);
    wr(e, TCTL, 0);
    wr(e, CTRL, rd(e, CTRL) | CTRL_RST);
    uint64_t until = timebase_us() + RESET_WAIT_US;
    uint32_t ctrl;
    while ((ctrl = rd(e, CTRL)) & CTRL_RST)
        if (ctrl == 0xffffffffu || timebase_us() > until)
            return false;
    wr(e, IMC, 0xffffffffu);
    return true;
}

static void stop(struct dma_device *d)
{
    struct e1000 *e = (struct e1000 *)((char *)d - offsetof(struct e1000, dmadev));
    e->ready = false;
    if (!reset(e))
        log_error("%s: did not finish its reset\n", e->name);
    if (e->dma)
        dma_ctx_free(e->dma);
    e->dma = NULL;
    binding_publish(e->pci->node, NULL);
}

/* Rings and buffers, then both directions on: at probe, and again when
 * secure mode moves the device onto bounce buffers. */
static int setup(struct e1000 *e)
{
    if (!reset(e)) {
        log_error("%s: does not finish its reset; not used\n", e->name);
        return ERR_IO;
    }
    int err = dma_ctx_new(&e->pci->phb->dma, true, &e->dma);
    if (!err)
        err = dma_alloc(e->dma, DMA_BYTES, &e->mem);
    if (err) {
        log_error("%s: no DMA memory (%s); not used\n", e->name, err_str(err));
        stop(&e->dmadev);
        return err;
    }
    for (unsigned i = 0; i < RX_DESC; i++)
        give_rx(e, i);
    e->rx_next = e->tx_next = 0;
    wr(e, CTRL, rd(e, CTRL) | CTRL_SLU);
    uint64_t rx = e->mem.bus + RX_RING_OFF, tx = e->mem.bus + TX_RING_OFF;
    wr(e, RDBAL, (uint32_t)rx);
    wr(e, RDBAH, (uint32_t)(rx >> 32));
    wr(e, RDLEN, RX_DESC * DESC_BYTES);
    wr(e, RDH, 0);
    wr(e, RDT, RX_DESC - 1);
    wr(e, TDBAL, (uint32_t)tx);
    wr(e, TDBAH, (uint32_t)(tx >> 32));
    wr(e, TDLEN, TX_DESC * DESC_BYTES);
    wr(e, TDH, 0);
    wr(e, TDT, 0);
    wr(e, TIPG, 10 | 8 << 10 | 6 << 20);
    barrier_full();
    wr(e, RCTL, RCTL_EN | RCTL_MPE | RCTL_BAM | RCTL_SECRC);
    wr(e, TCTL, TCTL_EN | TCTL_PSP | TCTL_CT | TCTL_COLD);
    binding_publish(e->pci->node, e->dma);
    e->ready = true;
    return 0;
}

static int start(struct dma_device *d)
{
    return setup((struct e1000 *)((char *)d - offsetof(struct e1000, dmadev)));
}

/* One frame; the descriptor before it must be done (one frame in flight
 * at most per slot, slots used in turn). */
static int e1000_send(struct netdev *dev, const void *frame, size_t len)
{
    struct e1000 *e = dev->priv;
    if (!e->ready || !e->dma || len > FRAME_MAX)
        return ERR_IO;
    uint8_t *d = desc(e, TX_RING_OFF, e->tx_next);
    uint64_t until = timebase_us() + TX_WAIT_US;
    /* A slot used before is free once the device says done. */
    while (get_le64(d) && !(d[12] & TX_DD))
        if (timebase_us() > until)
            return ERR_FULL;
    unsigned slot = RX_DESC + e->tx_next;
    if (dma_copy_to_device(e->dma, &e->mem, buf_off(slot), frame, len))
        return ERR_IO;
    put_le64(d, e->mem.bus + buf_off(slot));
    put_le16(d + 8, (uint16_t)len);
    d[10] = 0;
    d[11] = TX_EOP | TX_IFCS | TX_RS;
    d[12] = 0;
    d[13] = 0;
    put_le16(d + 14, 0);
    e->tx_next = (e->tx_next + 1) % TX_DESC;
    barrier_full();
    wr(e, TDT, e->tx_next);
    return 0;
}

/* The next received frame (0 bytes when none). Each descriptor's status
 * and length are read once; a frame longer than a buffer (the device
 * split it: it is not one of ours) is dropped. */
static size_t e1000_poll(struct netdev *dev, void *buf, size_t max)
{
    struct e1000 *e = dev->priv;
    if (!e->ready || !e->dma)
        return 0;
    uint8_t *d = desc(e, RX_RING_OFF, e->rx_next);
    uint8_t status = d[12];
    if (!(status & RX_DD))
        return 0;
    barrier_memory();
    size_t len = get_le16(d + 8);
    if (!(status & RX_EOP) || len > BUF_BYTES)
        len = 0;
    if (len > max)
        len = max;
    if (len)
        dma_copy_from_device(e->dma, &e->mem, buf_off(e->rx_next), buf, len);
    give_rx(e, e->rx_next);
    barrier_full();
    wr(e, RDT, e->rx_next);                 /* the descriptor is the device's again */
    e->rx_next = (e->rx_next + 1) % RX_DESC;
    return len;
}

int e1000_probe(struct pci_dev *pd)
{
    const struct pci_bar *bar = &pd->bar[0];
    if (bar->space != PCI_SPACE_MEM32 && bar->space != PCI_SPACE_MEM64) {
        log_error("%s: e1000 without a memory BAR 0; not used\n", pd->node->name);
        return ERR_INVALID;
    }
    struct e1000 *e = calloc(1, sizeof(*e));
    if (!e)
        return ERR_NO_MEMORY;
    e->pci = pd;
    e->regs = bar->cpu;
    sniprintf(e->name, sizeof(e->name), "%s %s", pd->device == 0x10d3 ? "e1000e" : "e1000",
              pd->node->name);
    e->dmadev = (struct dma_device){ e->name, stop, start };
    uint32_t ral = rd(e, RAL0), rah = rd(e, RAH0);
    if (ral == 0xffffffffu || !(rah & RAH_AV)) {
        log_error("%s: no MAC address in its receive address register; not used\n", e->name);
        free(e);
        return ERR_INVALID;
    }
    int err = setup(e);
    if (!err && (err = dmadev_register(&e->dmadev)) != 0)
        stop(&e->dmadev);
    if (err) {
        free(e);
        return err;
    }
    put_le32(e->ndev.mac, ral);
    put_le16(e->ndev.mac + 4, (uint16_t)rah);
    e->ndev.node = pd->node;
    e->ndev.send = e1000_send;
    e->ndev.poll = e1000_poll;
    e->ndev.priv = e;
    dt_set_string(pd->node, "device_type", "network");
    dt_set(pd->node, "local-mac-address", e->ndev.mac, 6);
    dt_set(pd->node, "mac-address", e->ndev.mac, 6);
    err = registry_add(&netdevs, &e->ndev);
    if (err) {
        log_error("%s: no memory to register it; not used\n", e->name);
        return err;
    }
    log_info("%s: %02x:%02x:%02x:%02x:%02x:%02x, DMA %s\n", e->name, e->ndev.mac[0], e->ndev.mac[1],
             e->ndev.mac[2], e->ndev.mac[3], e->ndev.mac[4], e->ndev.mac[5],
             dma_mode_name(dma_ctx_mode(e->dma)));
    return 0;
}
