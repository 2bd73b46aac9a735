/* SPDX-License-Identifier: BSD-2-Clause */
/* A hostile NVMe controller: the input is a script of what the driver
 * submits and what the controller writes into the completion queue, either
 * as the protocol says (the next slot, its phase tag, a command in flight)
 * or anything at all (any slot, phase, command identifier, queue, head).
 * The queue code must hand back only commands in flight, each once, keep
 * its head and count in range, and once it reports a broken protocol the
 * driver stops using the queue, as here. */
#include "fuzz.h"
#include "drivers/block/nvme_queue.c"

static uint8_t sq[NVMEQ_MAX_SIZE * NVME_SQE_BYTES], cq[NVMEQ_MAX_SIZE * NVME_CQE_BYTES];
static bool in_flight[65536];

/* The controller's side: where its next completion goes, with which phase. */
struct device {
    uint16_t tail, sq_head;
    bool phase;
    uint16_t posted[NVMEQ_MAX_SIZE];   /* identifiers submitted, oldest first */
    unsigned nposted;
};

static void write_entry(uint8_t *e, uint32_t dw0, uint32_t dw2, uint32_t dw3)
{
    put_le32(e, dw0);
    put_le32(e + 4, 0);
    put_le32(e + 8, dw2);
    put_le32(e + 12, dw3);
}

static void complete_honestly(struct nvmeq *q, struct device *d, struct script *s)
{
    if (!d->nposted)
        return;
    unsigned pick = script_take(s, 1) % d->nposted;
    uint16_t cid = d->posted[pick];
    d->posted[pick] = d->posted[--d->nposted];
    d->sq_head = q->sq_tail;                       /* it fetched everything */
    write_entry(cq + NVME_CQE_BYTES * d->tail, script_take(s, 4), (uint32_t)q->id << 16 | d->sq_head,
                (script_take(s, 2) & 0x7fffu) << 17 | (d->phase ? 1u << 16 : 0) | cid);
    if (++d->tail == q->size) {
        d->tail = 0;
        d->phase = !d->phase;
    }
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    struct script s = { data, size };
    static struct nvmeq q;
    static struct device d;
    unsigned count = 0;
    uint8_t shape = (uint8_t)script_take(&s, 1);
    uint16_t qsize = (uint16_t)(2 + shape % (NVMEQ_MAX_SIZE - 1));

    memset(sq, 0, sizeof(sq));
    memset(cq, 0, sizeof(cq));
    memset(in_flight, 0, sizeof(in_flight));
    memset(&d, 0, sizeof(d));
    d.phase = true;
    PROMISE(nvmeq_init(&q, shape >> 7, qsize, sq, cq) == 0);

    while (s.left) {
        switch (script_take(&s, 1) % 4) {
        case 0: {                                   /* the driver submits */
            uint8_t cmd[NVME_SQE_BYTES] = { (uint8_t)script_take(&s, 1) };
            int cid = nvmeq_submit(&q, cmd);
            if (cid == NVMEQ_ERR_FULL) {
                PROMISE(count == qsize - 1u);
                break;
            }
            PROMISE(cid >= 0 && !in_flight[cid]);
            PROMISE(get_le16(sq + NVME_SQE_BYTES * ((q.sq_tail + qsize - 1) % qsize) + 2) == cid);
            in_flight[cid] = true;
            d.posted[d.nposted++] = (uint16_t)cid;
            count++;
            break;
        }
        case 1:                                     /* the controller completes one */
            complete_honestly(&q, &d, &s);
            break;
        case 2: {                                   /* the controller writes anything */
            uint32_t slot = script_take(&s, 1) % qsize, dw0 = script_take(&s, 4), dw2 = script_take(&s, 4);
            write_entry(cq + NVME_CQE_BYTES * slot, dw0, dw2, script_take(&s, 4));
            break;
        }
        case 3: {                                   /* the driver polls */
            struct nvme_completion c;
            int r = nvmeq_take(&q, &c);
            if (r < 0)
                return 0;                           /* broken controller: reset, done */
            if (r == 1) {
                PROMISE(in_flight[c.cid]);
                in_flight[c.cid] = false;
                count--;
                for (unsigned i = 0; i < d.nposted; i++)   /* taken, maybe from a lie */
                    if (d.posted[i] == c.cid)
                        d.posted[i] = d.posted[--d.nposted];
            }
            break;
        }
        }
        PROMISE(q.in_flight == count && count < qsize);
        PROMISE(q.cq_head < qsize && q.sq_head < qsize && q.sq_tail < qsize);
    }
    return 0;
}
