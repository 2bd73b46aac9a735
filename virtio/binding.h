/* The device-tree properties Sluice sets on each virtio device node it
 * drove. docs/bindings/sluice-virtio-dma.md is the contract; a test checks
 * that every name here is documented there and the reverse. */
#ifndef VIRTIO_BINDING_H
#define VIRTIO_BINDING_H

#define SLUICE_PROP_DMA_MODE "sluice,dma-mode"
#define SLUICE_PROP_ACCESS_PLATFORM "sluice,access-platform"
#define SLUICE_PROP_DMA_WINDOW "sluice,dma-window"

#endif
