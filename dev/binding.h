/* SPDX-License-Identifier: BSD-2-Clause */
/* The device-tree properties Sluice sets on each device node whose DMA it
 * did (docs/bindings/sluice-dma.md is the contract; a test checks that
 * every name here is documented there and the reverse). */
#ifndef DEV_BINDING_H
#define DEV_BINDING_H

#include <stdbool.h>
#include "../dma/dma.h"
#include "../fdt/tree.h"

#define SLUICE_PROP_DMA_MODE "sluice,dma-mode"
#define SLUICE_PROP_ACCESS_PLATFORM "sluice,access-platform"
#define SLUICE_PROP_DMA_WINDOW "sluice,dma-window"

/* The mode and window of the context the device's DMA goes through; with
 * dma NULL (the firmware no longer drives it), none of the properties. */
void binding_publish(struct dt_node *node, struct dma_ctx *dma);

#endif
