/* SPDX-License-Identifier: BSD-2-Clause */
#include <string.h>
#include "../board/barrier.h"
#include "ring.h"

#define DESC_F_NEXT 1
#define DESC_F_WRITE 2

/* Ring fields are shared with a device that reads and writes them while the
 * CPU does: each is accessed with one aligned load or store of its full
 * width (byte-wise access could see half an update, e.g. a used index that
 * jumps by 256), then converted from the ring's byte order. */
#if defined(__BYTE_ORDER__) && __BYTE_ORDER__ == __ORDER_BIG_ENDIAN__
#define HOST_LE 0
#else
#define HOST_LE 1
#endif

static uint16_t order16(const struct virtq *vq, uint16_t v)
{
    return vq->le == HOST_LE ? v : __builtin_bswap16(v);
}

static uint32_t order32(const struct virtq *vq, uint32_t v)
{
    return vq->le == HOST_LE ? v : __builtin_bswap32(v);
}

static uint64_t order64(const struct virtq *vq, uint64_t v)
{
    return vq->le == HOST_LE ? v : __builtin_bswap64(v);
}

static void put16(const struct virtq *vq, uint8_t *p, uint16_t v)
{
    *(volatile uint16_t *)(void *)p = order16(vq, v);
}

static void put32(const struct virtq *vq, uint8_t *p, uint32_t v)
{
    *(volatile uint32_t *)(void *)p = order32(vq, v);
}

static void put64(const struct virtq *vq, uint8_t *p, uint64_t v)
{
    *(volatile uint64_t *)(void *)p = order64(vq, v);
}

static uint16_t get16(const struct virtq *vq, const volatile uint8_t *p)
{
    return order16(vq, *(const volatile uint16_t *)(const volatile void *)p);
}

static uint32_t get32(const struct virtq *vq, const volatile uint8_t *p)
{
    return order32(vq, *(const volatile uint32_t *)(const volatile void *)p);
}

uint64_t virtq_mem_size(uint16_t size, bool legacy)
{
    uint64_t avail_end = 16ull * size + 6 + 2ull * size;
    uint64_t used = legacy ? (avail_end + 4095) & ~4095ull : (avail_end + 3) & ~3ull;
    return used + 6 + 8ull * size;
}

int virtq_init(struct virtq *vq, uint16_t index, uint16_t size, bool le, bool legacy,
               const struct dma_buf *mem)
{
    if (size == 0 || size > VIRTQ_MAX_SIZE || (size & (size - 1)) ||
        mem->len < virtq_mem_size(size, legacy))
        return VIRTQ_ERR_ARG;
    memset(vq, 0, sizeof(*vq));
    vq->index = index;
    vq->size = size;
    vq->le = le;
    vq->mem = *mem;
    uint64_t avail_off = 16ull * size;
    uint64_t avail_end = avail_off + 6 + 2ull * size;
    uint64_t used_off = legacy ? (avail_end + 4095) & ~4095ull : (avail_end + 3) & ~3ull;
    vq->desc = mem->cpu;
    vq->avail = (uint8_t *)mem->cpu + avail_off;
    vq->used = (uint8_t *)mem->cpu + used_off;
    vq->desc_bus = mem->bus;
    vq->avail_bus = mem->bus + avail_off;
    vq->used_bus = mem->bus + used_off;
    for (uint16_t i = 0; i < size; i++)
        vq->next[i] = (uint16_t)(i + 1);
    vq->num_free = size;
    return 0;
}

int virtq_add(struct virtq *vq, const struct virtq_sg *sg, unsigned n)
{
    if (n == 0 || n > VIRTQ_MAX_CHAIN)
        return VIRTQ_ERR_ARG;
    if (n > vq->num_free)
        return VIRTQ_ERR_FULL;
    uint16_t head = vq->free_head, d = head;
    uint32_t writable = 0;
    for (unsigned i = 0; i < n; i++) {
        uint8_t *p = vq->desc + 16u * d;
        uint16_t flags = (uint16_t)((sg[i].device_writes ? DESC_F_WRITE : 0) |
                                    (i + 1 < n ? DESC_F_NEXT : 0));
        put64(vq, p, sg[i].bus);
        put32(vq, p + 8, sg[i].len);
        put16(vq, p + 12, flags);
        put16(vq, p + 14, i + 1 < n ? vq->next[d] : 0);
        if (sg[i].device_writes)
            writable += sg[i].len;
        if (i + 1 < n)
            d = vq->next[d];
    }
    vq->free_head = vq->next[d];
    vq->num_free = (uint16_t)(vq->num_free - n);
    vq->chain_len[head] = (uint16_t)n;
    vq->chain_writable[head] = writable;

    put16(vq, vq->avail + 4 + 2u * (vq->next_avail % vq->size), head);
    barrier_memory();   /* ring entry before the index */
    vq->next_avail++;
    put16(vq, vq->avail + 2, vq->next_avail);
    return head;
}

int virtq_get_used(struct virtq *vq, uint16_t *head, uint32_t *len)
{
    uint16_t idx = get16(vq, vq->used + 2);
    uint16_t pending = (uint16_t)(idx - vq->last_used);
    uint16_t in_flight = (uint16_t)(vq->size - vq->num_free);
    if (pending == 0)
        return 0;
    if (pending > in_flight)
        return VIRTQ_ERR_USED_IDX;
    barrier_memory();   /* index before the entry */
    const volatile uint8_t *e = vq->used + 4 + 8u * (vq->last_used % vq->size);
    uint32_t id = get32(vq, e), n = get32(vq, e + 4);
    if (id >= vq->size || vq->chain_len[id] == 0)
        return VIRTQ_ERR_USED_ID;
    if (n > vq->chain_writable[id])
        return VIRTQ_ERR_USED_LEN;
    /* Return the chain to the free list, walking our own record of it. */
    uint16_t last = (uint16_t)id;
    for (uint16_t i = 1; i < vq->chain_len[id]; i++)
        last = vq->next[last];
    vq->next[last] = vq->free_head;
    vq->free_head = (uint16_t)id;
    vq->num_free = (uint16_t)(vq->num_free + vq->chain_len[id]);
    vq->chain_len[id] = 0;
    vq->last_used++;
    *head = (uint16_t)id;
    *len = n;
    return 1;
}

const char *virtq_strerror(int err)
{
    switch (err) {
    case VIRTQ_ERR_FULL: return "queue full";
    case VIRTQ_ERR_ARG: return "bad queue request";
    case VIRTQ_ERR_USED_IDX: return "device's used index jumped past what was in flight";
    case VIRTQ_ERR_USED_ID: return "device completed a chain that was not in flight";
    case VIRTQ_ERR_USED_LEN: return "device reported more bytes than the buffer holds";
    default: return "unknown queue error";
    }
}
