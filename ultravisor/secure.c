#include <string.h>
#include "../board/log.h"
#include "../dma/dma.h"
#include "../boot/settings.h"
#include "../virtio/devices.h"
#include "secure.h"
#include "uv.h"

static bool active;

static void transition(const char *why)
{
    bool uv = uv_present();
    active = true;
    log_info("secure mode (%s): virtio DMA through bounce buffers in %s\n", why,
             uv ? "pages shared with the ultravisor" : "private pages (no ultravisor to share with)");
    dma_require_bounce(uv);
    virtio_bounce_all();
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
