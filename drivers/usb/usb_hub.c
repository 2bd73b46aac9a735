/* SPDX-License-Identifier: BSD-2-Clause */
/* USB hubs (QEMU's usb-hub, and USB 2 hubs generally): every port powered,
 * each connected one reset and the device on it handed to the USB core.
 * Hubs nest up to the five tiers an xHCI route string holds. USB 3 hubs
 * speak another port protocol and are not looked behind. */
#include <string.h>
#include "../../board/log.h"
#include "../../board/timebase.h"
#include "../../lib/bytes.h"
#include "../../lib/err.h"
#include "usb.h"

#define GET_STATUS 0
#define CLEAR_FEATURE 1
#define SET_FEATURE 3
#define GET_DESCRIPTOR 6
#define DESC_HUB 0x29
#define FEATURE_PORT_RESET 4
#define FEATURE_PORT_POWER 8
#define FEATURE_C_PORT_CONNECTION 16
#define FEATURE_C_PORT_RESET 20
#define ST_CONNECTED 0x1
#define ST_ENABLED 0x2
#define ST_RESET 0x10
#define ST_LOW_SPEED 0x200
#define ST_HIGH_SPEED 0x400
#define CH_RESET 0x10
#define HUB_PORTS_MAX 15               /* a route string tier holds 4 bits */
#define HUB_RESET_WAIT_US 500000
#define RECOVERY_US 10000              /* after a reset, before the device is spoken to */

static void wait_us(uint64_t us)
{
    uint64_t until = timebase_us() + us;
    while (timebase_us() < until)
        ;
}

static int port_request(struct usb_dev *hub, uint8_t request, uint16_t feature, unsigned port)
{
    return xhci_control(hub, 0x23, request, feature, (uint16_t)port, 0, NULL);
}

static int port_status(struct usb_dev *hub, unsigned port, uint16_t *status, uint16_t *change)
{
    uint8_t st[4];
    uint16_t got;
    int err = xhci_control(hub, 0xa3, GET_STATUS, 0, (uint16_t)port, 4, &got);
    if (!err && got < 4)
        err = ERR_INVALID;
    if (err)
        return err;
    dma_copy_from_device(hub->hc->dma, &hub->mem, USB_DATA_OFF, st, 4);
    *status = get_le16(st);
    *change = get_le16(st + 2);
    return 0;
}

/* A connected port reset until the hub enables it: true with its speed. */
static bool port_reset(struct usb_dev *hub, unsigned port, uint8_t *speed)
{
    uint16_t status, change;
    if (port_request(hub, SET_FEATURE, FEATURE_PORT_RESET, port))
        return false;
    uint64_t until = timebase_us() + HUB_RESET_WAIT_US;
    do {
        if (port_status(hub, port, &status, &change) || timebase_us() > until)
            return false;
    } while ((status & ST_RESET) || !(change & CH_RESET));
    port_request(hub, CLEAR_FEATURE, FEATURE_C_PORT_RESET, port);
    port_request(hub, CLEAR_FEATURE, FEATURE_C_PORT_CONNECTION, port);
    wait_us(RECOVERY_US);
    if (port_status(hub, port, &status, &change) || !(status & ST_ENABLED))
        return false;
    *speed = status & ST_LOW_SPEED ? USB_SPEED_LOW : status & ST_HIGH_SPEED ? USB_SPEED_HIGH
                                                                             : USB_SPEED_FULL;
    return true;
}

/* Its port count and power-on time, from the hub descriptor. */
static int read_hub_descriptor(struct usb_dev *hub, unsigned *ports, unsigned *power_ms)
{
    uint8_t d[9];
    uint16_t got;
    int err = xhci_control(hub, 0xa0, GET_DESCRIPTOR, DESC_HUB << 8, 0, sizeof(d), &got);
    if (!err && got < 7)
        err = ERR_INVALID;
    if (err)
        return err;
    dma_copy_from_device(hub->hc->dma, &hub->mem, USB_DATA_OFF, d, got);
    if (d[1] != DESC_HUB || d[0] < 7)
        return ERR_INVALID;
    *ports = d[2];
    *power_ms = 2u * d[5];
    return 0;
}

static int hub_attach(struct usb_dev *hub, const struct usb_iface *iface)
{
    const char *why = NULL;
    unsigned ports = 0, power_ms = 0;
    bool fresh = !hub->node;
    if (hub->speed == USB_SPEED_SUPER)
        why = "is a USB 3 hub; not looked behind";
    else if (hub->depth >= USB_HUB_DEPTH_MAX)
        why = "is a hub nested deeper than USB allows; not looked behind";
    else if (read_hub_descriptor(hub, &ports, &power_ms))
        why = "is a hub without a hub descriptor; skipped";
    if (!why && ports > HUB_PORTS_MAX) {
        if (fresh)
            log_info("%s: a hub of %u ports; the first %u are looked behind\n", hub->name, ports,
                     HUB_PORTS_MAX);
        ports = HUB_PORTS_MAX;
    }
    hub->hub_ports = (uint8_t)ports;
    /* Its status endpoint is never polled (nothing is plugged in while the
     * firmware runs), but the controller learns it is a hub from it. */
    if (!why && xhci_dev_add_endpoints(hub, &iface->intr_in, iface->intr_in.addr ? 1 : 0))
        why = "is a hub that refuses its endpoints; skipped";
    struct dt_node *node = why ? NULL : usb_device_node(hub, "hub");
    if (!why && !node)
        why = "is a hub with no memory for its node; skipped";
    if (why) {
        if (fresh)
            log_info("%s: %s\n", hub->name, why);
        hub->hub_ports = 0;
        return ERR_INVALID;
    }
    if (fresh) {
        dt_set_string(node, "device_type", "usb");
        dt_set_u32(node, "#address-cells", 1);
        dt_set_u32(node, "#size-cells", 0);
        log_info("%s: USB hub, %u ports\n", hub->name, ports);
    }
    for (unsigned port = 1; port <= ports; port++)
        port_request(hub, SET_FEATURE, FEATURE_PORT_POWER, port);
    wait_us(power_ms * 1000ull);
    for (unsigned port = 1; port <= ports; port++) {
        uint16_t status, change;
        uint8_t speed;
        if (port_status(hub, port, &status, &change) || !(status & ST_CONNECTED))
            continue;
        if (port_reset(hub, port, &speed))
            usb_found(hub->hc, hub, port, speed);
        else if (fresh)
            log_info("%s.%u: does not come up after its port reset; skipped\n", hub->name, port);
    }
    return 0;
}

const struct usb_driver usb_hub_driver = { "hub", USB_CLASS_HUB, USB_ANY, USB_ANY, hub_attach, NULL };
