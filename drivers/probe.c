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
};

static const struct {
    uint32_t class_code;
    int (*probe)(struct pci_dev *pd);
} pci_drivers[] = {
    { 0x010802, nvme_probe },     /* mass storage, non-volatile memory, NVMe */
    { 0x030000, vga_probe },      /* display, VGA compatible: QEMU's VGA */
    { 0x038000, vga_probe },      /* display, other: QEMU's bochs-display */
    { 0x0c0330, xhci_probe },     /* serial bus, USB, xHCI */
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

/* The hypervisor's virtual devices, in the order of /vdevice. */
static void probe_vio(void)
{
    struct dt_node *vdev = dt_find("/vdevice");
    for (struct dt_node *n = vdev ? vdev->child : NULL; n; n = n->sibling)
        for (unsigned i = 0; i < sizeof(vio_drivers) / sizeof(vio_drivers[0]); i++) {
            struct vio_dev vio;
            if (vio_probe(n, vio_drivers[i].compatible, &vio))
                vio_drivers[i].probe(&vio);
        }
}

/* A PCI function: virtio by its vendor, the rest by class code. */
static void probe_pci(struct pci_dev *pd)
{
    struct virtio_dev vd;
    if (!virtio_pci_probe(pd, &vd)) {
        for (unsigned i = 0; i < sizeof(pci_drivers) / sizeof(pci_drivers[0]); i++)
            if (pci_drivers[i].class_code == pd->class_code)
                pci_drivers[i].probe(pd);
        return;
    }
    for (unsigned i = 0; i < sizeof(virtio_drivers) / sizeof(virtio_drivers[0]); i++)
        if (virtio_drivers[i].id == vd.id) {
            virtio_drivers[i].probe(&vd);
            return;
        }
    log_debug("virtio %s: device type %u has no driver here\n", pd->node->name, vd.id);
}

void drivers_probe(void)
{
    probe_vio();
    for (unsigned i = 0; i < pci_dev_count(); i++)
        probe_pci(pci_dev_get(i));
}
