/* SPDX-License-Identifier: BSD-2-Clause */
/*
 * Split virtqueues (virtio 1.x section 2.7), polled. Pure: no device access;
 * the transport kicks. Everything the device writes (used index, ids,
 * lengths) is checked before use, and the firmware keeps its own record of
 * each chain instead of trusting what sits in shared memory.
 */
#ifndef VIRTIO_RING_H
#define VIRTIO_RING_H

#include <stdbool.h>
#include <stdint.h>
#include "../dma/dma.h"

#define VIRTQ_MAX_SIZE 256
#define VIRTQ_MAX_CHAIN 16

struct virtq_sg {
    uint64_t bus;
    uint32_t len;
    bool device_writes;
};

struct virtq {
    uint16_t index, size;
    bool le;                      /* byte order of the ring (modern: little) */
    struct dma_buf mem;
    uint8_t *desc, *avail, *used;
    uint64_t desc_bus, avail_bus, used_bus, notify_addr;
    uint16_t free_head, num_free, next_avail, last_used;
    /* The firmware's own view of each chain, indexed by head. */
    uint16_t chain_len[VIRTQ_MAX_SIZE];
    uint32_t chain_writable[VIRTQ_MAX_SIZE];
    uint16_t next[VIRTQ_MAX_SIZE];
};

enum virtq_error {
    VIRTQ_ERR_FULL = -1,
    VIRTQ_ERR_ARG = -2,
    VIRTQ_ERR_USED_IDX = -3,      /* the device claims more than is in flight */
    VIRTQ_ERR_USED_ID = -4,       /* an id that is no chain in flight */
    VIRTQ_ERR_USED_LEN = -5,      /* more bytes than the chain can take */
};

/* Bytes of DMA memory a queue of `size` needs; legacy queues use the fixed
 * layout with the used ring on the next 4 KiB boundary. */
uint64_t virtq_mem_size(uint16_t size, bool legacy);
/* Lay out a queue in mem (zeroed, from dma_alloc). */
int virtq_init(struct virtq *vq, uint16_t index, uint16_t size, bool le, bool legacy,
               const struct dma_buf *mem);
/* Post a chain; returns its head, or a negative virtq_error. */
int virtq_add(struct virtq *vq, const struct virtq_sg *sg, unsigned n);
/* Take one completion: 1 (head and len set), 0 (none yet), or a negative
 * virtq_error when the device broke the protocol. */
int virtq_get_used(struct virtq *vq, uint16_t *head, uint32_t *len);
const char *virtq_strerror(int err);

#endif
