/* SPDX-License-Identifier: BSD-2-Clause */
/* A hostile virtio device: the input is a script of what the driver posts
 * and what the device writes into the used ring (any id, any length, any
 * index jump). The driver must hand back only chains it has in flight, each
 * once, with no more bytes than the chain could take; a protocol error ends
 * the queue's use (the firmware resets the device), as here. */
#include "fuzz.h"
#include "virtio/ring.c"

static uint8_t mem[3 * 4096 + VIRTQ_MAX_SIZE * 16] __attribute__((aligned(4096)));

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    struct script s = { data, size };
    static struct virtq vq;
    static uint32_t writable[VIRTQ_MAX_SIZE];
    static bool in_flight[VIRTQ_MAX_SIZE];
    uint8_t shape = (uint8_t)script_take(&s, 1);
    uint16_t qsize = (uint16_t)(1u << (shape % 9));      /* 1 .. 256 */
    bool le = shape & 0x10, legacy = shape & 0x20;
    struct dma_buf buf = { mem, 0x100000, sizeof(mem) };

    if (virtq_mem_size(qsize, legacy) > sizeof(mem))
        return 0;
    memset(mem, 0, sizeof(mem));
    memset(in_flight, 0, sizeof(in_flight));
    PROMISE(virtq_init(&vq, 0, qsize, le, legacy, &buf) == 0);

    while (s.left) {
        switch (script_take(&s, 1) % 4) {
        case 0: {                                   /* the driver posts a chain */
            struct virtq_sg sg[3];
            unsigned n = 1 + script_take(&s, 1) % 3;
            uint32_t room = 0;
            for (unsigned i = 0; i < n; i++) {
                sg[i].bus = 0x200000 + 0x1000 * i;
                sg[i].len = 1 + script_take(&s, 2);
                sg[i].device_writes = i > 0;
                room += i > 0 ? sg[i].len : 0;
            }
            int head = virtq_add(&vq, sg, n);
            if (head >= 0) {
                PROMISE(head < qsize && !in_flight[head]);
                in_flight[head] = true;
                writable[head] = room;
            }
            break;
        }
        case 1: {                                   /* the device completes "something" */
            uint16_t idx = get16(&vq, vq.used + 2);
            uint8_t *e = vq.used + 4 + 8u * (idx % qsize);
            put32(&vq, e, script_take(&s, 2));
            put32(&vq, e + 4, script_take(&s, 4));
            put16(&vq, vq.used + 2, (uint16_t)(idx + script_take(&s, 1) % 3));
            break;
        }
        case 2:                                     /* the device scribbles on used idx */
            put16(&vq, vq.used + 2, (uint16_t)script_take(&s, 2));
            break;
        case 3: {                                   /* the driver polls */
            uint16_t head;
            uint32_t len;
            int r = virtq_get_used(&vq, &head, &len);
            if (r < 0)
                return 0;                           /* broken device: reset, done */
            if (r == 1) {
                PROMISE(head < qsize && in_flight[head]);
                PROMISE(len <= writable[head]);
                in_flight[head] = false;
            }
            break;
        }
        }
        PROMISE(vq.num_free <= qsize);
    }
    return 0;
}
