/* SPDX-License-Identifier: BSD-2-Clause */
#include <string.h>
#include "../../board/barrier.h"
#include "../../lib/bytes.h"
#include "nvme_queue.h"

/* A completion entry is written by the controller while the CPU polls it:
 * each dword is read with one aligned load (a byte-wise read could see the
 * new phase tag beside an old command identifier). */
static uint32_t load_le32(const uint8_t *p)
{
    uint32_t v = *(const volatile uint32_t *)(const volatile void *)p;
#if defined(__BYTE_ORDER__) && __BYTE_ORDER__ == __ORDER_BIG_ENDIAN__
    v = __builtin_bswap32(v);
#endif
    return v;
}

int nvmeq_init(struct nvmeq *q, uint16_t id, uint16_t size, uint8_t *sq, uint8_t *cq)
{
    if (size < 2 || size > NVMEQ_MAX_SIZE || !sq || !cq)
        return NVMEQ_ERR_ARG;
    memset(q, 0, sizeof(*q));
    q->id = id;
    q->size = size;
    q->sq = sq;
    q->cq = cq;
    q->phase = true;              /* the controller's first pass writes 1 */
    return 0;
}

/* One slot is always left empty: a full queue would look empty. The head
 * the controller reports can only trail the commands still in flight. */
bool nvmeq_can_submit(const struct nvmeq *q)
{
    return q->in_flight < q->size - 1;
}

int nvmeq_submit(struct nvmeq *q, const uint8_t cmd[NVME_SQE_BYTES])
{
    if (!nvmeq_can_submit(q))
        return NVMEQ_ERR_FULL;
    unsigned slot = 0;
    while (q->busy[slot])
        slot++;                   /* fewer than size are busy */
    uint16_t cid;
    bool taken;
    do {                          /* the next identifier not in flight */
        cid = q->next_cid++;
        taken = false;
        for (unsigned i = 0; i < q->size; i++)
            taken |= q->busy[i] && q->cids[i] == cid;
    } while (taken);
    q->busy[slot] = true;
    q->cids[slot] = cid;
    q->in_flight++;
    uint8_t *e = q->sq + NVME_SQE_BYTES * q->sq_tail;
    memcpy(e, cmd, NVME_SQE_BYTES);
    put_le16(e + 2, cid);
    q->sq_tail = (uint16_t)((q->sq_tail + 1) % q->size);
    return cid;
}

int nvmeq_take(struct nvmeq *q, struct nvme_completion *c)
{
    const uint8_t *e = q->cq + NVME_CQE_BYTES * q->cq_head;
    uint32_t dw3 = load_le32(e + 12);
    if (((dw3 >> 16) & 1) != q->phase)
        return 0;
    barrier_memory();             /* the phase tag before the rest */
    uint32_t dw0 = load_le32(e), dw2 = load_le32(e + 8);
    uint16_t cid = (uint16_t)dw3, sqhd = (uint16_t)dw2, sqid = (uint16_t)(dw2 >> 16);
    unsigned slot = 0;
    while (slot < q->size && !(q->busy[slot] && q->cids[slot] == cid))
        slot++;
    if (slot == q->size)
        return NVMEQ_ERR_CID;
    if (sqid != q->id)
        return NVMEQ_ERR_SQID;
    unsigned reach = ((unsigned)q->sq_tail + q->size - q->sq_head) % q->size;
    unsigned moved = ((unsigned)sqhd + q->size - q->sq_head) % q->size;
    if (sqhd >= q->size || moved > reach)
        return NVMEQ_ERR_SQHD;
    q->sq_head = sqhd;
    q->busy[slot] = false;
    q->in_flight--;
    if (++q->cq_head == q->size) {
        q->cq_head = 0;
        q->phase = !q->phase;
    }
    c->cid = cid;
    c->status = (uint16_t)(dw3 >> 17);
    c->result = dw0;
    return 1;
}

const char *nvmeq_strerror(int err)
{
    switch (err) {
    case NVMEQ_ERR_FULL: return "queue full";
    case NVMEQ_ERR_ARG: return "bad queue request";
    case NVMEQ_ERR_CID: return "completed a command that was not in flight";
    case NVMEQ_ERR_SQID: return "completed a command of another submission queue";
    case NVMEQ_ERR_SQHD: return "reported a submission queue head past the commands given";
    default: return "unknown queue error";
    }
}
