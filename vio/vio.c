/* SPDX-License-Identifier: BSD-2-Clause */
#include <string.h>
#include "../board/log.h"
#include "vio.h"

bool vio_probe(struct dt_node *node, const char *compatible, struct vio_dev *vd)
{
    uint32_t len, ac = 2, sc = 2;
    if (!dt_is_compatible(node, compatible))
        return false;
    memset(vd, 0, sizeof(*vd));
    vd->node = node;
    const uint8_t *w = dt_get(node, "ibm,my-dma-window", &len);
    dt_get_u32(node, "ibm,#dma-address-cells", &ac);
    dt_get_u32(node, "ibm,#dma-size-cells", &sc);
    if (!dt_get_u32(node, "reg", &vd->unit)) {
        log_error("%s: no unit address; left alone\n", node->name);
        return false;
    }
    if (!w || ac > 2 || sc > 2 || len < 4 * (1 + ac + sc)) {
        log_error("%s: no usable ibm,my-dma-window; left alone\n", node->name);
        return false;
    }
    vd->dma.liobn = (uint32_t)dt_read_cells(w, 1);
    vd->dma.base = dt_read_cells(w + 4, ac);
    vd->dma.size = dt_read_cells(w + 4 + 4 * ac, sc);
    return true;
}
