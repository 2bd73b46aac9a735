/* SPDX-License-Identifier: BSD-2-Clause */
/* VIO devices: the hypervisor's virtual devices under /vdevice (v-scsi,
 * l-lan, ...). Each is named in hypercalls by its unit address ("reg") and
 * does its DMA through its own TCE window (ibm,my-dma-window): always
 * translated, never bypassing the IOMMU. */
#ifndef VIO_VIO_H
#define VIO_VIO_H

#include <stdbool.h>
#include <stdint.h>
#include "../dma/dma.h"
#include "../fdt/tree.h"

struct vio_dev {
    struct dt_node *node;
    uint32_t unit;                /* reg: the unit address */
    struct dma_window dma;        /* ibm,my-dma-window */
};

/* Is `node` a VIO device compatible with `compatible`? Fills vd: true, or
 * false (logged) when it is but lacks a unit address or a DMA window. */
bool vio_probe(struct dt_node *node, const char *compatible, struct vio_dev *vd);

#endif
