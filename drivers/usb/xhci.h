/* xHCI (qemu-xhci, as libvirt and virt-install give pseries guests) for one
 * thing: a USB keyboard at the prompt. One DMA buffer holds every structure
 * the controller reads (device context array, command and event rings,
 * contexts, the keyboard's rings and buffers); it is polled, never
 * interrupts. xhci.c runs the controller, xhci_kbd.c finds and reads the
 * keyboard. */
#ifndef DRIVERS_XHCI_H
#define DRIVERS_XHCI_H

#include <stdbool.h>
#include <stdint.h>
#include "../../dev/dmadev.h"
#include "../../dma/dma.h"
#include "../../pci/pci.h"
#include "usb_hid.h"

#define XHCI_PAGE 4096
#define XHCI_RING_TRBS (XHCI_PAGE / 16)

/* The buffer, page by page. */
enum {
    XHCI_DCBAA, XHCI_CMD_RING, XHCI_EVENT_RING, XHCI_ERST, XHCI_OUT_CTX, XHCI_IN_CTX,
    XHCI_EP0_RING, XHCI_INT_RING, XHCI_DATA, XHCI_PAGES
};
#define XHCI_REPORT_OFF 2048        /* in the data page: the keyboard's report */

struct xhci_ring {
    uint8_t *trbs;                  /* in the DMA buffer */
    uint64_t bus;
    unsigned enqueue;
    uint32_t cycle;
};

struct xhci_event {
    uint8_t type, code, slot, endpoint;
    uint64_t pointer;
    uint32_t residual;
};

struct xhci {
    char name[40];
    struct pci_dev *pci;
    uint64_t cap, op, rt, db;       /* register blocks, CPU addresses */
    uint32_t ports, ctx_size;
    struct dma_ctx *dma;
    struct dma_buf mem;
    struct xhci_ring cmd, ep0, intr;
    unsigned event_dequeue;
    uint32_t event_cycle;
    struct dma_device dmadev;
    /* What the last command and EP0 transfer ended with; 0 while pending. */
    uint8_t cmd_code, cmd_slot, xfer_code;
    uint32_t xfer_residual;
    /* The keyboard, once found. */
    uint8_t slot, port, speed, kbd_dci;
    struct usb_boot_kbd kbd;
    uint8_t prev_report[USB_KBD_REPORT];
    bool kbd_ready;
    char keys[16];
    unsigned nkeys;
};

#define TRB_NORMAL 1
#define TRB_SETUP 2
#define TRB_DATA 3
#define TRB_STATUS 4
#define TRB_LINK 6
#define TRB_ENABLE_SLOT 9
#define TRB_ADDRESS_DEVICE 11
#define TRB_CONFIGURE_EP 12
#define TRB_TRANSFER_EVENT 32
#define TRB_COMMAND_DONE 33

#define CC_SUCCESS 1
#define CC_STALL 6
#define CC_SHORT_PACKET 13

uint32_t xhci_read(uint64_t addr);
void xhci_write(uint64_t addr, uint32_t v);
/* An empty ring in page `page` of the buffer, cycle 1. */
void xhci_ring_init(struct xhci *c, struct xhci_ring *r, unsigned page);
/* Put a TRB on a ring (the cycle bit added) and step past a full ring's
 * link TRB. */
void xhci_ring_put(struct xhci_ring *r, uint64_t param, uint32_t status, uint32_t control);
void xhci_doorbell(struct xhci *c, unsigned slot, unsigned target);
/* Run a command and wait for its completion: the completion code (0: no
 * answer in time), and the slot it names. */
uint8_t xhci_command(struct xhci *c, uint64_t param, uint32_t control, uint8_t *slot);
/* Handle the events that have arrived (keyboard reports included). */
void xhci_poll(struct xhci *c);

/* xhci_kbd.c: find a boot keyboard on the ports and start reading it; its
 * keys then come from xhci_kbd_read. 0, or ERR_NOT_FOUND with nothing
 * attached, or another ERR_* (logged). */
int xhci_kbd_attach(struct xhci *c);
void xhci_kbd_report(struct xhci *c, const struct xhci_event *e);

#endif
