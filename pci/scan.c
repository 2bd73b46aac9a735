/* SPDX-License-Identifier: BSD-2-Clause */
/* PHBs and their functions: windows from "ranges", BARs sized by probing
 * config space, placed by a bump allocator per window, bridges' forwarding
 * windows set around what lies behind them. */
#include <stdlib.h>
#include <string.h>
#include "../board/log.h"
#include "../lib/vec.h"
#include "pci.h"

#define BAR_MIN_ALIGN 0x1000        /* keep each BAR in its own page */
#define BRIDGE_MEM_ALIGN 0x100000
#define BRIDGE_IO_ALIGN 0x1000
#define IO_FIRST_PORT 0x1000          /* leave the legacy ISA port range alone */

static struct vec phbs, devs;

unsigned pci_dev_count(void)
{
    return devs.n;
}

struct pci_dev *pci_dev_get(unsigned i)
{
    return i < devs.n ? devs.item[i] : NULL;
}

static bool phb_windows(struct pci_phb *phb)
{
    uint32_t len;
    const uint8_t *r = dt_get(phb->node, "ranges", &len);
    uint32_t pac = dt_address_cells(dt_root()), sc = dt_size_cells(phb->node);
    uint32_t entry = 4 * (3 + pac + sc);
    if (!r || sc > 2 || pac > 2)
        return false;
    for (uint32_t off = 0; off + entry <= len; off += entry) {
        uint32_t hi = (uint32_t)dt_read_cells(r + off, 1);
        enum pci_space sp = (enum pci_space)((hi >> 24) & 3);
        if (sp == 0)
            continue;
        struct pci_window *w = &phb->win[sp];
        w->pci = dt_read_cells(r + off + 4, 2);
        w->cpu = dt_read_cells(r + off + 12, pac);
        w->size = dt_read_cells(r + off + 12 + 4 * pac, sc);
        w->next = w->pci;
        if (sp == PCI_SPACE_IO && w->next < IO_FIRST_PORT && w->size > IO_FIRST_PORT)
            w->next = IO_FIRST_PORT;
    }
    return phb->win[PCI_SPACE_MEM32].size || phb->win[PCI_SPACE_MEM64].size;
}

static void phb_dma_window(struct pci_phb *phb)
{
    uint32_t len, ac = 2, sc = 2;
    const uint8_t *w = dt_get(phb->node, "ibm,dma-window", &len);
    dt_get_u32(phb->node, "ibm,#dma-address-cells", &ac);
    dt_get_u32(phb->node, "ibm,#dma-size-cells", &sc);
    if (!w || ac > 2 || sc > 2 || len < 4 * (1 + ac + sc))
        return;
    phb->dma.liobn = (uint32_t)dt_read_cells(w, 1);
    phb->dma.base = dt_read_cells(w + 4, ac);
    phb->dma.size = dt_read_cells(w + 4 + 4 * ac, sc);
}

/* Size BAR i of d by writing ones; returns the register count it uses. */
static unsigned size_bar(struct pci_dev *d, unsigned i)
{
    unsigned reg = 0x10 + 4 * i;
    uint32_t orig = pci_cfg_read(d, reg, 4);
    pci_cfg_write(d, reg, 4, 0xffffffff);
    uint32_t probe = pci_cfg_read(d, reg, 4);
    pci_cfg_write(d, reg, 4, orig);
    struct pci_bar *b = &d->bar[i];

    if (probe == 0 || probe == 0xffffffff)
        return 1;
    if (probe & 1) {
        uint32_t mask = probe & ~3u & 0xffff;
        b->space = PCI_SPACE_IO;
        b->size = mask ? (uint64_t)(~mask & 0xffff) + 1 : 0;
        return 1;
    }
    uint64_t mask = probe & ~0xfull;
    unsigned used = 1;
    b->space = PCI_SPACE_MEM32;
    if (((probe >> 1) & 3) == 2 && i + 1 < PCI_NUM_BARS) {
        uint32_t orig_hi = pci_cfg_read(d, reg + 4, 4);
        pci_cfg_write(d, reg + 4, 4, 0xffffffff);
        mask |= (uint64_t)pci_cfg_read(d, reg + 4, 4) << 32;
        pci_cfg_write(d, reg + 4, 4, orig_hi);
        b->space = PCI_SPACE_MEM64;
        used = 2;
    } else {
        mask |= 0xffffffff00000000ull;
    }
    b->size = ~mask + 1;
    return used;
}

/* A PCI address can be 0 (I/O windows start there), so success is separate. */
static bool window_alloc(struct pci_window *w, uint64_t size, uint64_t align, uint64_t *base)
{
    uint64_t b = (w->next + align - 1) & ~(align - 1);
    if (!w->size || b < w->next || b + size > w->pci + w->size || b + size < b)
        return false;
    w->next = b + size;
    *base = b;
    return true;
}

/* 64-bit BARs go to the 64-bit window when the PHB has one, else the 32-bit one. */
static struct pci_window *window_for(struct pci_phb *phb, enum pci_space sp)
{
    if (sp == PCI_SPACE_MEM64 && !phb->win[PCI_SPACE_MEM64].size)
        sp = PCI_SPACE_MEM32;
    return &phb->win[sp];
}

static void assign_bars(struct pci_dev *d, unsigned nbars)
{
    uint8_t assigned[PCI_NUM_BARS * 20];
    uint32_t alen = 0;
    uint16_t cmd = 0;

    for (unsigned i = 0; i < nbars;) {
        unsigned used = size_bar(d, i);
        struct pci_bar *b = &d->bar[i];
        if (b->space && b->size) {
            struct pci_window *w = window_for(d->phb, b->space);
            uint64_t align = b->size > BAR_MIN_ALIGN ? b->size : BAR_MIN_ALIGN;
            if (!window_alloc(w, b->size, align, &b->pci)) {
                /* An I/O BAR is one most devices can do without (virtio's
                 * modern interface, NVMe, xHCI): the driver that needs it
                 * says so. QEMU's PHB has 64 KiB of I/O space. */
                if (b->space == PCI_SPACE_IO)
                    log_debug("PCI %s: no room for I/O BAR %u (0x%lx bytes)\n", d->node->name, i,
                              (unsigned long)b->size);
                else
                    log_error("PCI %s: no room for BAR %u (0x%lx bytes)\n", d->node->name, i,
                              (unsigned long)b->size);
                b->no_room = b->space;
                b->space = 0;
            } else {
                b->cpu = b->pci - w->pci + w->cpu;
                pci_cfg_write(d, 0x10 + 4 * i, 4, (uint32_t)b->pci | (pci_cfg_read(d, 0x10 + 4 * i, 4) & 0xf));
                if (b->space == PCI_SPACE_MEM64)
                    pci_cfg_write(d, 0x14 + 4 * i, 4, (uint32_t)(b->pci >> 32));
                cmd |= b->space == PCI_SPACE_IO ? PCI_COMMAND_IO : PCI_COMMAND_MEMORY;
                uint32_t hi = 0x80000000u | (uint32_t)b->space << 24 | d->cfg | (0x10 + 4 * i);
                dt_write_cells(assigned + alen, hi, 1);
                dt_write_cells(assigned + alen + 4, b->pci, 2);
                dt_write_cells(assigned + alen + 12, b->size, 2);
                alen += 20;
            }
        }
        i += used;
    }
    if (alen)
        dt_set(d->node, "assigned-addresses", assigned, alen);
    pci_cfg_write(d, PCI_COMMAND, 2, pci_cfg_read(d, PCI_COMMAND, 2) | cmd | PCI_COMMAND_MASTER);
}

static uint64_t align_up(uint64_t v, uint64_t a)
{
    return (v + a - 1) & ~(a - 1);
}

/* Program a bridge's forwarding windows to [start, end) per space; an empty
 * range is written as base above limit, which disables it. */
static void set_bridge_windows(struct pci_dev *br, const uint64_t *start, const uint64_t *end)
{
    uint64_t s = start[PCI_SPACE_IO], e = end[PCI_SPACE_IO];
    if (e > s) {
        pci_cfg_write(br, 0x1c, 1, (uint32_t)(s >> 8) & 0xf0);
        pci_cfg_write(br, 0x1d, 1, (uint32_t)((e - 1) >> 8) & 0xf0);
        pci_cfg_write(br, 0x30, 2, (uint32_t)(s >> 16));
        pci_cfg_write(br, 0x32, 2, (uint32_t)((e - 1) >> 16));
    } else {
        pci_cfg_write(br, 0x1c, 1, 0xf0);
        pci_cfg_write(br, 0x1d, 1, 0);
    }
    s = start[PCI_SPACE_MEM32], e = end[PCI_SPACE_MEM32];
    pci_cfg_write(br, 0x20, 2, e > s ? (uint32_t)(s >> 16) & 0xfff0 : 0xfff0);
    pci_cfg_write(br, 0x22, 2, e > s ? (uint32_t)((e - 1) >> 16) & 0xfff0 : 0);
    s = start[PCI_SPACE_MEM64], e = end[PCI_SPACE_MEM64];
    pci_cfg_write(br, 0x24, 2, e > s ? ((uint32_t)(s >> 16) & 0xfff0) | 1 : 0xfff1);
    pci_cfg_write(br, 0x26, 2, e > s ? ((uint32_t)((e - 1) >> 16) & 0xfff0) | 1 : 1);
    pci_cfg_write(br, 0x28, 4, e > s ? (uint32_t)(s >> 32) : 0xffffffff);
    pci_cfg_write(br, 0x2c, 4, e > s ? (uint32_t)((e - 1) >> 32) : 0);
}

/* Linux on pseries builds the buses behind a bridge from its node
 * (of_scan_pci_bridge needs device_type "pci", "bus-range" and "ranges"),
 * as SLOF writes them; QEMU leaves them out. Each range maps a window onto
 * itself. */
static void describe_bridge(struct pci_dev *br, const uint64_t *start, const uint64_t *end)
{
    static const uint32_t space_bits[4] = { 0, 0x01000000, 0x02000000, 0x43000000 };
    uint8_t ranges[3 * 32], busrange[8];
    uint32_t len = 0;

    /* Linux's of_create_pci_dev takes a node for a bridge by this type. */
    dt_set_string(br->node, "device_type", "pci");
    dt_write_cells(busrange, pci_cfg_read(br, 0x19, 1), 1);
    dt_write_cells(busrange + 4, pci_cfg_read(br, 0x1a, 1), 1);
    dt_set(br->node, "bus-range", busrange, sizeof(busrange));
    for (int sp = PCI_SPACE_IO; sp <= PCI_SPACE_MEM64; sp++) {
        if (end[sp] <= start[sp])
            continue;
        for (int side = 0; side < 2; side++) {
            dt_write_cells(ranges + len, space_bits[sp], 1);
            dt_write_cells(ranges + len + 4, start[sp], 2);
            len += 12;
        }
        dt_write_cells(ranges + len, end[sp] - start[sp], 2);
        len += 8;
    }
    dt_set(br->node, "ranges", ranges, len);
}

static void setup_function(struct pci_phb *phb, struct dt_node *node, int depth);

static void setup_bridge(struct pci_dev *br, int depth)
{
    static const uint64_t align[4] = { 0, BRIDGE_IO_ALIGN, BRIDGE_MEM_ALIGN, BRIDGE_MEM_ALIGN };
    uint64_t start[4] = { 0 }, end[4] = { 0 };
    struct pci_phb *phb = br->phb;

    assign_bars(br, 2);
    for (int sp = PCI_SPACE_IO; sp <= PCI_SPACE_MEM64; sp++) {
        struct pci_window *w = window_for(phb, (enum pci_space)sp);
        w->next = align_up(w->next, align[sp]);
        start[sp] = w->next;
    }
    for (struct dt_node *c = br->node->child; c; c = c->sibling)
        setup_function(phb, c, depth + 1);
    for (int sp = PCI_SPACE_IO; sp <= PCI_SPACE_MEM64; sp++) {
        struct pci_window *w = window_for(phb, (enum pci_space)sp);
        if (w == &phb->win[PCI_SPACE_MEM32] && sp == PCI_SPACE_MEM64)
            continue;       /* no 64-bit window: everything went through MEM32 */
        w->next = align_up(w->next, align[sp]);
        end[sp] = w->next;
    }
    set_bridge_windows(br, start, end);
    describe_bridge(br, start, end);
}

static void setup_function(struct pci_phb *phb, struct dt_node *node, int depth)
{
    uint32_t len;
    const uint8_t *reg = dt_get(node, "reg", &len);
    if (!reg || len < 20 || depth > 8)
        return;
    struct pci_dev *d = calloc(1, sizeof(*d));
    if (!d || vec_push(&devs, d)) {
        log_error("PCI %s: no memory to keep it; left alone\n", node->name);
        free(d);
        return;
    }
    d->phb = phb;
    d->node = node;
    d->cfg = (uint32_t)dt_read_cells(reg, 1) & 0x00ffff00;
    d->vendor = (uint16_t)pci_cfg_read(d, 0x00, 2);
    if (d->vendor == 0xffff || d->vendor == 0) {
        log_error("PCI %s: no function answers at %06x\n", node->name, d->cfg);
        vec_remove(&devs, devs.n - 1);
        free(d);
        return;
    }
    d->device = (uint16_t)pci_cfg_read(d, 0x02, 2);
    d->class_code = pci_cfg_read(d, 0x08, 4) >> 8;
    d->header_type = (uint8_t)pci_cfg_read(d, 0x0e, 1) & 0x7f;
    if (d->header_type == 1)
        setup_bridge(d, depth);
    else if (d->header_type == 0)
        assign_bars(d, PCI_NUM_BARS);
}

unsigned pci_init(void)
{
    for (struct dt_node *n = dt_root()->child; n; n = n->sibling) {
        const char *type = dt_get_string(n, "device_type");
        uint64_t buid, size;
        if (!type || strcmp(type, "pci") != 0 || dt_reg_range(n, 0, &buid, &size))
            continue;
        struct pci_phb *phb = calloc(1, sizeof(*phb));
        if (!phb || vec_push(&phbs, phb)) {
            log_error("PCI %s: no memory to keep it; its devices are left alone\n", n->name);
            free(phb);
            continue;
        }
        phb->node = n;
        phb->buid = buid;
        if (!phb_windows(phb)) {
            log_error("PCI %s: no usable ranges; its devices are left alone\n", n->name);
            continue;
        }
        phb_dma_window(phb);
        if (!dt_get(n, "qemu,phb-enumerated", NULL)) {
            log_error("PCI %s: QEMU did not list its devices; they are left alone\n", n->name);
            continue;
        }
        for (struct dt_node *c = n->child; c; c = c->sibling)
            setup_function(phb, c, 0);
    }
    log_debug("PCI: %u host bridges, %u functions\n", phbs.n, devs.n);
    return devs.n;
}
