/* The xHCI driver against a simulated controller: registers in an array,
 * commands and default-endpoint transfers run when their doorbell is
 * written, events posted to the driver's event ring. The simulated device
 * stalls every transfer, or the controller never finishes its reset. */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <cmocka.h>
#include "drivers/usb/xhci.c"
#include "drivers/usb/xhci_kbd.c"
#include "drivers/usb/usb_hid.c"
#include "dma-stub.h"

#define BAR 0x10000000ull
#define OP (BAR + 0x20)
#define RT (BAR + 0x600)
#define DB (BAR + 0x800)
static uint32_t regs[0x1000 / 4];
static bool reset_sticks;
static uint64_t now_us, ep0_ring;
static unsigned cmd_deq, ep0_deq, evt_enq;
static uint32_t cmd_cycle, evt_cycle;
static int errors;
static char last_line[160];

uint64_t timebase_us(void) { return now_us += 100; }
void console_add(struct console_port *p) { (void)p; }
void console_remove(struct console_port *p) { (void)p; }
int dmadev_register(struct dma_device *d) { (void)d; return 0; }
void binding_publish(struct dt_node *n, struct dma_ctx *dma) { (void)n; (void)dma; }
static void logv(const char *fmt, va_list ap) { vsnprintf(last_line, sizeof(last_line), fmt, ap); }
void log_info(const char *fmt, ...) { va_list ap; va_start(ap, fmt); logv(fmt, ap); va_end(ap); }
void log_error(const char *fmt, ...) { va_list ap; va_start(ap, fmt); logv(fmt, ap); va_end(ap); errors++; }

static uint64_t reg64(uint64_t addr) { return regs[(addr - BAR) / 4] | (uint64_t)regs[(addr - BAR) / 4 + 1] << 32; }

static void post_event(uint8_t type, uint8_t code, uint8_t slot, uint8_t ep)
{
    uint8_t *seg = dma_stub_at(get_le64(dma_stub_at(reg64(RT + 0x30))));
    uint8_t *t = seg + 16 * evt_enq;
    put_le64(t, 0);
    put_le32(t + 8, (uint32_t)code << 24);
    put_le32(t + 12, (uint32_t)slot << 24 | (uint32_t)ep << 16 | (uint32_t)type << 10 | evt_cycle);
    if (++evt_enq == XHCI_RING_TRBS) {
        evt_enq = 0;
        evt_cycle ^= 1;
    }
}

/* Take the TRBs a doorbell announced from a ring, following link TRBs. */
static uint32_t next_trb(uint64_t base, unsigned *deq, uint32_t *cycle, uint8_t **trb)
{
    for (;;) {
        uint8_t *t = dma_stub_at(base) + 16 * *deq;
        uint32_t control = get_le32(t + 12);
        if ((control & 1) != *cycle)
            return 0;
        *trb = t;
        if ((control >> 10 & 0x3f) == TRB_LINK) {
            *deq = 0;
            *cycle ^= (control >> 1) & 1;
            continue;
        }
        (*deq)++;
        return control >> 10 & 0x3f;
    }
}

static void doorbell(unsigned slot)
{
    uint8_t *t;
    uint32_t type, ep0_cycle = 1;
    if (slot == 0) {
        while ((type = next_trb(reg64(OP + 0x18) & ~0x3full, &cmd_deq, &cmd_cycle, &t)) != 0) {
            if (type == TRB_ADDRESS_DEVICE) {
                ep0_ring = get_le64(dma_stub_at(get_le64(t)) + 2 * 32 + 8) & ~0xfull;
                ep0_deq = 0;
            }
            post_event(TRB_COMMAND_DONE, CC_SUCCESS, 1, 0);
        }
        return;
    }
    while ((type = next_trb(ep0_ring, &ep0_deq, &ep0_cycle, &t)) != 0)
        if (type == TRB_STATUS)
            post_event(TRB_TRANSFER_EVENT, CC_STALL, 1, 1);
}

uint32_t mmio_read_le(uint64_t addr, unsigned size)
{
    assert_int_equal(size, 4);
    return regs[(addr - BAR) / 4];
}

void mmio_write_le(uint64_t addr, unsigned size, uint32_t v)
{
    assert_int_equal(size, 4);
    if (addr == OP) {                               /* USBCMD */
        regs[0x20 / 4] = reset_sticks ? v : v & ~USBCMD_RESET;
        regs[0x24 / 4] = (v & USBCMD_RUN) ? 0 : USBSTS_HALTED;
        if (v & USBCMD_RESET && !reset_sticks)
            cmd_deq = evt_enq = 0, cmd_cycle = evt_cycle = 1;
        return;
    }
    regs[(addr - BAR) / 4] = v;
    if (addr >= DB)
        doorbell((unsigned)(addr - DB) / 4);
}

static struct dt_node node = { .name = "usb-xhci@0" };
static struct pci_phb phb = { .dma = { 0x80000000, 0, 1ull << 30 } };
static struct pci_dev pd = { .phb = &phb, .node = &node, .bar = { { PCI_SPACE_MEM64, 0, BAR, 0x1000 } } };

static int start_fresh(void **state)
{
    (void)state;
    memset(regs, 0, sizeof(regs));
    regs[0] = 0x20;                                 /* CAPLENGTH */
    regs[1] = 1u << 24 | 1;                         /* one port, one slot */
    regs[5] = 0x800;                                /* DBOFF */
    regs[6] = 0x600;                                /* RTSOFF */
    regs[(0x20 + 0x08) / 4] = 1;                    /* 4 KiB pages */
    regs[0x24 / 4] = USBSTS_HALTED;
    regs[(0x20 + 0x400) / 4] = 0x1 | 0x2 | 3u << 10; /* a high-speed device, enabled */
    reset_sticks = false;
    errors = 0;
    now_us = 0;
    keyboard = NULL;
    dma_stub_reset(0x80000000, 0x1000);
    return 0;
}

static void a_controller_that_never_finishes_its_reset(void **state)
{
    (void)state;
    reset_sticks = true;
    assert_int_equal(xhci_probe(&pd), ERR_IO);
    assert_int_equal(errors, 1);
    assert_string_equal(last_line, "xhci usb-xhci@0: does not finish its reset; no USB keyboard\n");
    assert_true(now_us < 3000000);                  /* one second's wait, not forever */
    assert_int_equal(buffers, 0);
}

static void a_device_that_stalls_every_transfer(void **state)
{
    (void)state;
    assert_int_equal(xhci_probe(&pd), ERR_NOT_FOUND);
    assert_string_equal(last_line,
                        "xhci usb-xhci@0: the USB device on port 1 stalls or fails its configuration descriptor\n");
    assert_int_equal(errors, 0);
    assert_true(now_us < 2000000);
    assert_int_equal(buffers, 0);                   /* stopped: its DMA given back */
    assert_int_equal(regs[0x24 / 4] & USBSTS_HALTED, USBSTS_HALTED);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test_setup(a_controller_that_never_finishes_its_reset, start_fresh),
        cmocka_unit_test_setup(a_device_that_stalls_every_transfer, start_fresh),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
