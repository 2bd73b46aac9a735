/* SPDX-License-Identifier: BSD-2-Clause */
/* QEMU's standard VGA (-device VGA) and bochs-display, both PCI 1234:1111:
 * framebuffer in BAR 0, registers in BAR 2, where the Bochs display
 * interface ("dispi", 16-bit little-endian registers at 0x500) sets a linear
 * 32-bit mode. The mode is QEMU's -g size (/chosen/qemu,graphic-*), 800x600
 * by default, and stays set at hand-off: Linux's bochs DRM driver takes the
 * device over from there. */
#include "../../board/log.h"
#include "../../board/mmio.h"
#include "../../dev/fbcon.h"
#include "../../lib/err.h"
#include "../drivers.h"

#define DISPI 0x500                 /* BAR 2 offset of the dispi registers */
#define VGA_PORTS 0x400             /* ... of the VGA ports 0x3c0-0x3df */
#define QEXT 0x600                  /* ... of QEMU's size and byte-order registers */
#define QEXT_BYTEORDER_LE 0x1e1e1e1e

enum dispi_reg {
    DISPI_ID, DISPI_XRES, DISPI_YRES, DISPI_BPP, DISPI_ENABLE, DISPI_BANK,
    DISPI_VIRT_WIDTH, DISPI_VIRT_HEIGHT, DISPI_X_OFFSET, DISPI_Y_OFFSET, DISPI_VRAM_64K,
};
#define DISPI_ENABLED 0x01
#define DISPI_LFB 0x40

static void dispi_write(uint64_t regs, enum dispi_reg r, uint16_t v)
{
    mmio_write_le(regs + DISPI + 2 * r, 2, v);
}

static uint16_t dispi_read(uint64_t regs, enum dispi_reg r)
{
    return (uint16_t)mmio_read_le(regs + DISPI + 2 * r, 2);
}

static uint32_t chosen_u32(const char *name, uint32_t fallback)
{
    struct dt_node *chosen = dt_find("/chosen");
    uint32_t v;
    return chosen && dt_get_u32(chosen, name, &v) && v ? v : fallback;
}

/* What Linux's offb and btext read from an Open Firmware display. */
static void describe(const struct framebuffer *fb)
{
    uint8_t address[8];
    for (int i = 0; i < 8; i++)
        address[i] = (uint8_t)(fb->base >> (56 - 8 * i));
    dt_set_string(fb->node, "device_type", "display");
    dt_set_u32(fb->node, "width", fb->width);
    dt_set_u32(fb->node, "height", fb->height);
    dt_set_u32(fb->node, "linebytes", fb->pitch);
    dt_set_u32(fb->node, "depth", 32);
    dt_set(fb->node, "address", address, sizeof(address));
}

int vga_probe(struct pci_dev *pd)
{
    const char *name = pd->node->name;
    if (pd->vendor != 0x1234 || pd->device != 0x1111)
        return ERR_NOT_FOUND;
    const struct pci_bar *fbar = &pd->bar[0], *rbar = &pd->bar[2];
    if (!fbar->space || !fbar->size || !rbar->space || rbar->size < QEXT) {
        log_error("display %s: its framebuffer or register BAR has no address; "
                  "no screen output\n", name);
        return ERR_RANGE;
    }
    if (fbcon_screen()) {
        log_info("display %s: the text console is on %s already; this one stays dark\n", name,
                 fbcon_screen()->node->name);
        return 0;
    }
    uint64_t regs = rbar->cpu;
    uint16_t id = dispi_read(regs, DISPI_ID);
    if (id < 0xb0c0 || id > 0xb0cf) {
        log_error("display %s: no Bochs display interface (id 0x%x); no screen output\n", name, id);
        return ERR_IO;
    }
    struct framebuffer fb = {
        .node = pd->node,
        .base = fbar->cpu,
        .width = chosen_u32("qemu,graphic-width", 800) & ~7u,
        .height = chosen_u32("qemu,graphic-height", 600),
    };
    fb.pitch = fb.width * 4;
    uint64_t vram = (uint64_t)dispi_read(regs, DISPI_VRAM_64K) << 16;
    if ((uint64_t)fb.pitch * fb.height > (vram < fbar->size ? vram : fbar->size)) {
        log_error("display %s: %ux%u does not fit its %lu KiB of video memory; no screen output\n",
                  name, fb.width, fb.height, (unsigned long)(vram >> 10));
        return ERR_RANGE;
    }
    dispi_write(regs, DISPI_ENABLE, 0);
    dispi_write(regs, DISPI_BPP, 32);
    dispi_write(regs, DISPI_XRES, (uint16_t)fb.width);
    dispi_write(regs, DISPI_YRES, (uint16_t)fb.height);
    dispi_write(regs, DISPI_BANK, 0);
    dispi_write(regs, DISPI_VIRT_WIDTH, (uint16_t)fb.width);
    dispi_write(regs, DISPI_VIRT_HEIGHT, (uint16_t)fb.height);
    dispi_write(regs, DISPI_X_OFFSET, 0);
    dispi_write(regs, DISPI_Y_OFFSET, 0);
    dispi_write(regs, DISPI_ENABLE, DISPI_ENABLED | DISPI_LFB);
    if (pd->class_code >> 8 == 0x0300)
        mmio_write(regs + VGA_PORTS, 1, 0x20);     /* attribute controller: show the picture */
    /* Little-endian pixels, as a ppc64el OS's framebuffer console expects. */
    if (mmio_read_le(regs + QEXT, 4) >= 8)
        mmio_write(regs + QEXT + 4, 4, QEXT_BYTEORDER_LE);
    describe(&fb);
    char why[120];
    int err = fbcon_attach(&fb, why, sizeof(why));
    if (err) {
        log_error("display %s: no text console on it: %s\n", name, why);
        return err;
    }
    log_info("display %s: %ux%u, 32 bits per pixel, text console on it\n", name, fb.width, fb.height);
    return 0;
}
