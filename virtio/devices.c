#include "../board/log.h"
#include "devices.h"

#define MAX_DRIVEN 16

static struct virtio_dev *driven[MAX_DRIVEN];
static unsigned ndriven;

void virtio_track(struct virtio_dev *vd)
{
    if (ndriven < MAX_DRIVEN)
        driven[ndriven++] = vd;
}

void virtio_probe_all(void)
{
    for (unsigned i = 0; i < pci_dev_count(); i++) {
        struct virtio_dev vd;
        if (!virtio_pci_probe(pci_dev_get(i), &vd))
            continue;
        if (vd.id == VIRTIO_ID_BLOCK)
            vblk_probe(&vd);
        else if (vd.id == VIRTIO_ID_NET)
            vnet_probe(&vd);
        else
            log_debug("virtio %s: device type %u has no driver here\n", vd.pci->node->name, vd.id);
    }
}

void virtio_quiesce_all(void)
{
    for (unsigned i = 0; i < ndriven; i++) {
        virtio_reset(driven[i]);
        dma_ctx_release_all(driven[i]->dma);
    }
    ndriven = 0;
}
