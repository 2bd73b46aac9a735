/* SPDX-License-Identifier: BSD-2-Clause */
/* Config space through RTAS ibm,read/write-pci-config, addressed by the
 * PHB's BUID; an absent function reads as all ones. */
#include "../board/log.h"
#include "../board/rtas.h"
#include "pci.h"

uint32_t pci_cfg_read(const struct pci_dev *d, unsigned reg, unsigned size)
{
    uint32_t args[4] = { d->cfg | (reg & 0xff) | ((reg & 0xf00) << 16),
                         (uint32_t)(d->phb->buid >> 32), (uint32_t)d->phb->buid, size };
    uint32_t rets[2];
    if (rtas_call("ibm,read-pci-config", 4, 2, args, rets) != 0)
        return size == 4 ? 0xffffffffu : (1u << (8 * size)) - 1;
    return rets[1];
}

void pci_cfg_write(const struct pci_dev *d, unsigned reg, unsigned size, uint32_t value)
{
    uint32_t args[5] = { d->cfg | (reg & 0xff) | ((reg & 0xf00) << 16),
                         (uint32_t)(d->phb->buid >> 32), (uint32_t)d->phb->buid, size, value };
    uint32_t ret;
    if (rtas_call("ibm,write-pci-config", 5, 1, args, &ret) != 0)
        log_error("PCI config write %x:%x failed\n", d->cfg, reg);
}

unsigned pci_find_cap(const struct pci_dev *d, uint8_t id, unsigned from)
{
    unsigned pos = from ? pci_cfg_read(d, from + 1, 1) : 0;
    if (!from) {
        if (!(pci_cfg_read(d, 0x06, 2) & 0x10))    /* status: capability list */
            return 0;
        pos = pci_cfg_read(d, 0x34, 1);
    }
    for (int hops = 0; hops < 48 && pos >= 0x40 && pos < 0x100; hops++) {
        pos &= ~3u;
        if (pci_cfg_read(d, pos, 1) == id)
            return pos;
        pos = pci_cfg_read(d, pos + 1, 1);
    }
    return 0;
}
