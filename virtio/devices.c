#include "../board/log.h"
#include "devices.h"

#define MAX_DRIVEN 16

static struct {
    struct virtio_dev *vd;
    int (*setup)(struct virtio_dev *vd);
} driven[MAX_DRIVEN];
static unsigned ndriven;

void virtio_track(struct virtio_dev *vd, int (*setup)(struct virtio_dev *vd))
{
    if (ndriven < MAX_DRIVEN) {
        driven[ndriven].vd = vd;
        driven[ndriven].setup = setup;
        ndriven++;
    }
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

/* Stop the device and take back everything it could reach. */
static void stop(struct virtio_dev *vd)
{
    virtio_reset(vd);
    if (vd->dma)
        dma_ctx_free(vd->dma);
    vd->dma = NULL;
}

void virtio_bounce_all(void)
{
    for (unsigned i = 0; i < ndriven; i++) {
        struct virtio_dev *vd = driven[i].vd;
        stop(vd);
        if (driven[i].setup(vd) == 0)
            log_info("virtio %s: now DMA %s\n", vd->pci->node->name,
                     dma_mode_name(dma_ctx_mode(vd->dma)));
        else
            virtio_publish_dma(vd);
    }
}

void virtio_quiesce_all(void)
{
    for (unsigned i = 0; i < ndriven; i++)
        stop(driven[i].vd);
    ndriven = 0;
}
