/* SPDX-License-Identifier: BSD-2-Clause */
#include "../board/log.h"
#include "../pci/pci.h"
#include "drivers.h"

static const struct {
    uint16_t id;
    int (*probe)(struct virtio_dev *vd);
} virtio_drivers[] = {
    { VIRTIO_ID_BLOCK, vblk_probe },
    { VIRTIO_ID_NET, vnet_probe },
    { VIRTIO_ID_SCSI, vscsi_pci_probe },
    { VIRTIO_ID_CONSOLE, vcons_probe },
};

/* By class code, and for a device of a class others share, by its ids too
 * (vendor 0: any). */
static const struct {
    uint32_t class_code;
    uint16_t vendor, device;
    int (*probe)(struct pci_dev *pd);
} pci_drivers[] = {
    { 0x010802, 0, 0, nvme_probe },          /* mass storage, non-volatile memory, NVMe */
    { 0x020000, 0x8086, 0x100e, e1000_probe }, /* Ethernet: Intel 82540EM (QEMU's e1000) */
    { 0x020000, 0x8086, 0x10d3, e1000_probe }, /* Ethernet: Intel 82574L (QEMU's e1000e) */
    { 0x030000, 0, 0, vga_probe },           /* display, VGA compatible: QEMU's VGA */
    { 0x038000, 0, 0, vga_probe },           /* display, other: QEMU's bochs-display */
    { 0x0c0330, 0, 0, xhci_probe },          /* serial bus, USB, xHCI */
};

static const struct {
    const char *compatible;
    int (*probe)(const struct vio_dev *vio);
} vio_drivers[] = {
    { "IBM,v-scsi", vscsi_probe },
    { "IBM,l-lan", vlan_probe },
    { "IBM,vtpm20", vtpm_probe },
    { "IBM,vtpm", vtpm12_probe },
};

/* The hypervisor's devices the firmware uses without a driver here: the
 * console (board/) and the NVRAM (nvram/). */
static const char *const vio_used_elsewhere[] = { "hvterm1", "qemu,spapr-nvram" };

static unsigned skipped;

unsigned drivers_skipped(void)
{
    return skipped;
}

void drivers_count_skipped(void)
{
    skipped++;
}

/* The hypervisor's virtual devices, in the order of /vdevice. */
static void probe_vio(void)
{
    struct dt_node *vdev = dt_find("/vdevice");
    for (struct dt_node *n = vdev ? vdev->child : NULL; n; n = n->sibling) {
        bool known = false;
        for (unsigned i = 0; i < sizeof(vio_drivers) / sizeof(vio_drivers[0]); i++) {
            struct vio_dev vio;
            if (dt_is_compatible(n, vio_drivers[i].compatible)) {
                known = true;
                if (vio_probe(n, vio_drivers[i].compatible, &vio))
                    vio_drivers[i].probe(&vio);
            }
        }
        for (unsigned i = 0; i < sizeof(vio_used_elsewhere) / sizeof(vio_used_elsewhere[0]); i++)
            known |= dt_is_compatible(n, vio_used_elsewhere[i]);
        if (!known) {
            const char *compatible = dt_get_string(n, "compatible");
            log_info("%s: %s, no driver; skipped\n", n->name, compatible ? compatible : "a VIO device");
            skipped++;
        }
    }
}

/* A PCI function: virtio by its vendor, the rest by class code. Bridges
 * are pci/'s. */
static void probe_pci(struct pci_dev *pd)
{
    struct virtio_dev vd;
    if (!virtio_pci_probe(pd, &vd)) {
        bool known = (pd->class_code >> 8) == 0x0604;
        for (unsigned i = 0; i < sizeof(pci_drivers) / sizeof(pci_drivers[0]); i++)
            if (pci_drivers[i].class_code == pd->class_code &&
                (!pci_drivers[i].vendor ||
                 (pci_drivers[i].vendor == pd->vendor && pci_drivers[i].device == pd->device))) {
                known = true;
                pci_drivers[i].probe(pd);
            }
        if (!known) {
            log_info("%s: %04x:%04x %s, no driver; skipped\n", pd->node->name, pd->vendor, pd->device,
                     pci_class_name(pd->class_code));
            skipped++;
        }
        return;
    }
    for (unsigned i = 0; i < sizeof(virtio_drivers) / sizeof(virtio_drivers[0]); i++)
        if (virtio_drivers[i].id == vd.id) {
            virtio_drivers[i].probe(&vd);
            return;
        }
    const char *type = virtio_type_name(vd.id);
    if (type)
        log_info("%s: %04x:%04x virtio %s device, no driver; skipped\n", pd->node->name, pd->vendor,
                 pd->device, type);
    else
        log_info("%s: %04x:%04x virtio device type %u, no driver; skipped\n", pd->node->name,
                 pd->vendor, pd->device, vd.id);
    skipped++;
}

void drivers_probe(void)
{
    probe_vio();
    for (unsigned i = 0; i < pci_dev_count(); i++)
        probe_pci(pci_dev_get(i));
}
