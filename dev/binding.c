/* SPDX-License-Identifier: BSD-2-Clause */
#include "binding.h"

void binding_publish(struct dt_node *n, struct dma_ctx *dma)
{
    uint32_t liobn;
    uint64_t base, size;
    if (!dma) {
        dt_del(n, SLUICE_PROP_DMA_MODE);
        dt_del(n, SLUICE_PROP_ACCESS_PLATFORM);
        dt_del(n, SLUICE_PROP_DMA_WINDOW);
        return;
    }
    dt_set_string(n, SLUICE_PROP_DMA_MODE, dma_mode_name(dma_ctx_mode(dma)));
    if (dma_ctx_window(dma, &liobn, &base, &size)) {
        uint8_t w[20];
        dt_write_cells(w, liobn, 1);
        dt_write_cells(w + 4, base, 2);
        dt_write_cells(w + 12, size, 2);
        dt_set(n, SLUICE_PROP_DMA_WINDOW, w, sizeof(w));
    } else {
        dt_del(n, SLUICE_PROP_DMA_WINDOW);
    }
}
