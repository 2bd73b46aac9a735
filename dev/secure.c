/* SPDX-License-Identifier: BSD-2-Clause */
#include <string.h>
#include "../board/log.h"
#include "../board/uv.h"
#include "../dma/dma.h"
#include "../fdt/tree.h"
#include "../nvram/settings.h"
#include "dmadev.h"
#include "secure.h"

static bool active;

/* Is there an ultravisor: a node compatible with "ibm,ultravisor", or a
 * guest already secure (which only an ultravisor can make it)? */
static bool uv_present(void)
{
    for (struct dt_node *n = dt_root(); n; n = dt_next(n))
        if (dt_is_compatible(n, "ibm,ultravisor"))
            return true;
    return uv_guest_secure();
}

static void transition(const char *why)
{
    bool uv = uv_present();
    active = true;
    log_info("secure mode (%s): device DMA through bounce buffers in %s\n", why,
             uv ? "pages shared with the ultravisor" : "private pages (no ultravisor to share with)");
    dma_require_bounce(uv);
    for (unsigned i = 0; i < dmadev_count(); i++) {
        struct dma_device *d = dmadev_get(i);
        d->stop(d);
        if (d->start(d) == 0)
            log_info("%s: now DMA %s\n", d->name, dma_mode_name(DMA_BOUNCE));
    }
}

void secure_init(void)
{
    char mode[16];
    setting_value("secure-mode", mode, sizeof(mode));   /* a bad value: logged, auto */
    if (strcmp(mode, "on") == 0) {
        transition("forced by secure-mode=on");
        return;
    }
    if (uv_present())
        log_info("ultravisor present: devices move to bounce buffers when the guest turns secure\n");
    secure_poll();
}

void secure_poll(void)
{
    if (!active && uv_guest_secure())
        transition("the guest turned secure");
}
