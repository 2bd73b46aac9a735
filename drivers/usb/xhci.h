/* SPDX-License-Identifier: BSD-2-Clause */
/* xHCI (qemu-xhci, as libvirt and virt-install give pseries guests, and
 * QEMU's nec-usb-xhci): the controller's rings and commands, its root
 * ports, and a device slot for each USB device found, behind hubs too. The
 * USB core (usb.h) enumerates and hands each device to its class driver.
 * Each device has its own DMA buffer for its contexts, rings and control
 * data; everything is polled, nothing interrupts. */
#ifndef DRIVERS_XHCI_H
#define DRIVERS_XHCI_H

#include <stdbool.h>
#include <stdint.h>
#include "../../dev/dmadev.h"
#include "../../dma/dma.h"
#include "../../lib/vec.h"
#include "../../pci/pci.h"
#include "usb_desc.h"

#define XHCI_PAGE 4096
#define XHCI_RING_TRBS (XHCI_PAGE / 16)
#define USB_EPS 3                    /* endpoints a class driver adds at most */
#define USB_CONTROL_MAX 2048         /* control-transfer data, at USB_DATA_OFF */
/* In the device's data page past the control data: a class driver's own
 * small buffers (a keyboard's report). */
#define USB_SPARE_OFF (USB_DATA_OFF + USB_CONTROL_MAX)
#define USB_SPARE_BYTES (XHCI_PAGE - USB_CONTROL_MAX)

/* USB speeds as xHCI numbers them. */
#define USB_SPEED_FULL 1
#define USB_SPEED_LOW 2
#define USB_SPEED_HIGH 3
#define USB_SPEED_SUPER 4

struct xhci_ring {
    uint8_t *trbs;                   /* in a DMA buffer */
    uint64_t bus;
    unsigned enqueue;
    uint32_t cycle;
};

struct usb_dev;

/* An endpoint: its ring, and how its last transfer ended (code 0 while one
 * is pending). An interrupt endpoint's `done` is called on each completion. */
struct xhci_ep {
    struct xhci_ring ring;
    uint8_t dci;                     /* device context index: 1 for EP0 */
    uint8_t code;
    uint32_t residual;
    void (*done)(struct usb_dev *dev, struct xhci_ep *ep);
};

/* A device's DMA buffer, page by page. */
enum { USB_IN_CTX, USB_OUT_CTX, USB_EP0_RING, USB_EP_RINGS, USB_DATA_PAGE = USB_EP_RINGS + USB_EPS,
       USB_PAGES };
#define USB_DATA_OFF (XHCI_PAGE * USB_DATA_PAGE)

struct xhci;
struct usb_driver;

struct usb_dev {
    struct xhci *hc;
    struct usb_dev *parent;          /* its hub; NULL on a root port */
    uint8_t port;                    /* on its hub, or the controller's port */
    uint8_t root_port;               /* the controller port its tree hangs off */
    uint8_t speed;                   /* USB_SPEED_* */
    uint8_t depth;                   /* hubs between it and the root port */
    uint8_t slot;                    /* 0 while it has none */
    uint8_t hub_ports;               /* for a hub: its downstream ports */
    uint8_t tt_slot, tt_port;        /* a full/low-speed device's high-speed hub, if any */
    uint32_t route;                  /* xHCI route string: hub ports, 4 bits a tier */
    unsigned path_port;              /* the port as QEMU's device paths number it */
    char name[64];                   /* for the log: "usb-xhci@0 port 2.3" */
    struct dma_buf mem;
    struct xhci_ep ep0, ep[USB_EPS];
    unsigned neps;
    const struct usb_driver *driver; /* the class driver that took it; NULL: skipped */
    bool skipped;                    /* passed over once: not tried again */
    struct dt_node *node;            /* its node, once a class driver took it */
    void *cls;                       /* the class driver's own */
};

struct xhci {
    char name[40];
    struct pci_dev *pci;
    uint64_t cap, op, rt, db;        /* register blocks, CPU addresses */
    uint32_t ports, max_slots, ctx_size;
    /* The USB 2 and USB 3 port ranges (Supported Protocol capabilities):
     * QEMU's device paths number each range's ports from 1. */
    uint8_t usb2_first, usb2_count, usb3_first, usb3_count;
    struct dma_ctx *dma;
    struct dma_buf mem;              /* DCBAA, command ring, event ring, its segment table */
    struct xhci_ring cmd;
    unsigned event_dequeue;
    uint32_t event_cycle;
    uint8_t cmd_code, cmd_slot;      /* the last command's completion; 0 while pending */
    struct usb_dev **slot_dev;       /* by slot id, max_slots + 1 */
    struct vec devs;                 /* every device found, with a slot or not */
    bool walked;                     /* its ports were walked once */
    struct dma_device dmadev;
};

#define CC_SUCCESS 1
#define CC_STALL 6
#define CC_SHORT_PACKET 13

/* TRB types. */
#define TRB_NORMAL 1
#define TRB_SETUP 2
#define TRB_DATA 3
#define TRB_STATUS 4
#define TRB_LINK 6
#define TRB_ENABLE_SLOT 9
#define TRB_DISABLE_SLOT 10
#define TRB_ADDRESS_DEVICE 11
#define TRB_CONFIGURE_EP 12
#define TRB_EVALUATE_CONTEXT 13
#define TRB_RESET_EP 14
#define TRB_STOP_EP 15
#define TRB_SET_TR_DEQUEUE 16
#define TRB_TRANSFER_EVENT 32
#define TRB_COMMAND_DONE 33

uint32_t xhci_read(uint64_t addr);
void xhci_write(uint64_t addr, uint32_t v);
/* Handle the events that have arrived. */
void xhci_poll(struct xhci *c);

/* Between xhci.c and xhci_dev.c: an empty ring (one page, cycle 1); a TRB
 * put on a ring (the cycle bit added, a full ring's link TRB stepped
 * past); a doorbell; a command run to its completion (the completion
 * code, 0 when none came in time, and the slot it names); a device
 * context's address in the controller's array. */
void xhci_ring_init(struct xhci_ring *r, void *trbs, uint64_t bus);
void xhci_ring_put(struct xhci_ring *r, uint64_t param, uint32_t status, uint32_t control);
void xhci_doorbell(struct xhci *c, unsigned slot, unsigned target);
uint8_t xhci_command(struct xhci *c, uint64_t param, uint32_t control, uint8_t *slot);
void xhci_set_dcbaa(struct xhci *c, unsigned slot, uint64_t bus);

/* A connected root port, reset until the controller enables it: true with
 * its speed; false when nothing is there or it does not come up. */
bool xhci_port_enable(struct xhci *c, unsigned port, uint8_t *speed);
/* A root port as QEMU numbers it in device paths. */
unsigned xhci_path_port(const struct xhci *c, unsigned port);

/* A device slot for dev (its hub, port, speed, route and TT set): its DMA
 * buffer, the slot enabled and the device addressed. 0, or ERR_* (nothing
 * left behind). */
int xhci_dev_open(struct usb_dev *dev);
/* Its slot disabled and its DMA given back (a device no driver took). */
void xhci_dev_close(struct usb_dev *dev);
/* The default endpoint's packet size, as the device descriptor gave it. */
int xhci_dev_set_ep0_packet(struct usb_dev *dev, uint16_t max_packet);
/* Endpoints for the configuration a class driver chose, each with a ring:
 * dev->ep[0..n-1] in the order given (a hub's port count goes to its slot
 * too). 0, or ERR_IO. */
int xhci_dev_add_endpoints(struct usb_dev *dev, const struct usb_ep *eps, unsigned n);
/* A control transfer on the default endpoint; IN data (up to
 * USB_CONTROL_MAX) lands at USB_DATA_OFF in the device's buffer. 0;
 * ERR_INVALID when the device stalled it (the endpoint goes on); ERR_IO
 * when it failed or did not end in time. *got (may be NULL) gets the bytes
 * that arrived. */
int xhci_control(struct usb_dev *dev, uint8_t type, uint8_t request, uint16_t value,
                 uint16_t index, uint16_t len, uint16_t *got);
/* Up to len bytes at bus on a bulk endpoint within wait_us, in transfers
 * that each stay inside 64 KiB as xHCI asks, ending early at a short one:
 * the last completion code (0 when one did not end in time), and *moved. */
uint8_t xhci_transfer(struct usb_dev *dev, struct xhci_ep *ep, uint64_t bus, uint32_t len,
                      uint64_t wait_us, uint32_t *moved);
/* Queue a transfer on an interrupt endpoint; its `done` says when it ended. */
void xhci_queue(struct usb_dev *dev, struct xhci_ep *ep, uint64_t bus, uint32_t len);
/* An endpoint running again after a stall or a transfer that never ended,
 * whatever was pending on it dropped. 0, or ERR_IO. */
int xhci_endpoint_recover(struct usb_dev *dev, struct xhci_ep *ep);

/* What the controller tells the USB core (usb.c, which includes this
 * header; the controller does not include the core's): it runs, so every
 * device from its root ports down is walked (at probe, and again after a
 * restart, when devices found before go back to their drivers); it stops,
 * so the class drivers stop too. */
void usb_enumerate(struct xhci *c);
void usb_stopped(struct xhci *c);

#endif
