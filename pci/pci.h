/* SPDX-License-Identifier: BSD-2-Clause */
/* PCI on pseries: host bridges (PHBs) from the tree, config space through
 * RTAS, BARs sized and placed inside each PHB's windows. QEMU already made a
 * node per function (and numbered the buses); Sluice gives them addresses. */
#ifndef PCI_PCI_H
#define PCI_PCI_H

#include <stdbool.h>
#include <stdint.h>
#include "../dma/dma.h"
#include "../fdt/tree.h"

#define PCI_NUM_BARS 6

enum pci_space { PCI_SPACE_IO = 1, PCI_SPACE_MEM32 = 2, PCI_SPACE_MEM64 = 3 };

struct pci_window {
    uint64_t pci, cpu, size;
    uint64_t next;               /* bump allocator, a PCI address */
};

struct pci_phb {
    struct dt_node *node;
    uint64_t buid;
    struct pci_window win[4];    /* indexed by enum pci_space */
    struct dma_window dma;       /* size 0: the PHB has no DMA window */
};

struct pci_bar {
    enum pci_space space;        /* 0 when the BAR is unused */
    uint64_t pci, cpu, size;
    enum pci_space no_room;      /* the space a BAR got no address in, or 0 */
};

struct pci_dev {
    struct pci_phb *phb;
    struct dt_node *node;
    uint32_t cfg;                /* bus << 16 | devfn << 8 */
    uint16_t vendor, device;
    uint32_t class_code;         /* class, subclass, programming interface */
    uint8_t header_type;
    struct pci_bar bar[PCI_NUM_BARS];
};

/* Find the PHBs and every function under them, assign BARs, enable decoding
 * and bus mastering. Returns the number of functions. */
unsigned pci_init(void);
unsigned pci_dev_count(void);
struct pci_dev *pci_dev_get(unsigned i);

uint32_t pci_cfg_read(const struct pci_dev *d, unsigned reg, unsigned size);
void pci_cfg_write(const struct pci_dev *d, unsigned reg, unsigned size, uint32_t value);

/* What a class code says the function is: "SATA controller", "USB
 * controller (EHCI)", ... for people reading the log. */
const char *pci_class_name(uint32_t class_code);

/* Walk the capability list: the offset of the next capability with id `id`
 * after `from` (0 to start), or 0. Loops and bad pointers end the walk. */
unsigned pci_find_cap(const struct pci_dev *d, uint8_t id, unsigned from);

#define PCI_COMMAND 0x04
#define PCI_COMMAND_IO 0x1
#define PCI_COMMAND_MEMORY 0x2
#define PCI_COMMAND_MASTER 0x4

#endif
