/* SPDX-License-Identifier: BSD-2-Clause */
/*
 * NVMe submission/completion queue pairs (NVM Express base specification,
 * "Queue Mechanism"), polled. Pure: no register access; the driver rings
 * the doorbells with the tail and head kept here. Every completion entry is
 * read once (its last dword, with the phase tag, first), then checked: the
 * command identifier must name a command in flight, the submission queue
 * identifier this queue, and the submission queue head a slot between the
 * last head reported and the tail. Command identifiers come from a 16-bit
 * counter, so a stale or repeated completion names no command in flight.
 */
#ifndef DRIVERS_NVME_QUEUE_H
#define DRIVERS_NVME_QUEUE_H

#include <stdbool.h>
#include <stdint.h>

#define NVMEQ_MAX_SIZE 64
#define NVME_SQE_BYTES 64
#define NVME_CQE_BYTES 16

struct nvmeq {
    uint16_t id, size;            /* queue identifier (0: admin); entries */
    uint8_t *sq, *cq;             /* DMA memory, zeroed, size entries each */
    uint16_t sq_tail, sq_head;    /* our next slot; the head last reported */
    uint16_t cq_head;
    bool phase;                   /* the phase tag of entries not yet taken */
    uint16_t in_flight, next_cid;
    uint16_t cids[NVMEQ_MAX_SIZE];  /* the identifiers of commands in flight */
    bool busy[NVMEQ_MAX_SIZE];
};

struct nvme_completion {
    uint16_t cid;
    uint16_t status;              /* DNR, More, SCT and SC: 0 is success */
    uint32_t result;              /* command specific (dword 0) */
};

enum nvmeq_error {
    NVMEQ_ERR_FULL = -1,
    NVMEQ_ERR_ARG = -2,
    NVMEQ_ERR_CID = -3,           /* completes a command that is not in flight */
    NVMEQ_ERR_SQID = -4,          /* names another submission queue */
    NVMEQ_ERR_SQHD = -5,          /* a submission queue head past the tail */
};

/* Set up a queue of `size` entries (2 .. NVMEQ_MAX_SIZE) over sq and cq,
 * which the caller zeroed. 0 or NVMEQ_ERR_ARG. */
int nvmeq_init(struct nvmeq *q, uint16_t id, uint16_t size, uint8_t *sq, uint8_t *cq);
/* Copy cmd (64 bytes, its identifier field filled in here) into the next
 * submission slot: its command identifier, or NVMEQ_ERR_FULL. The caller
 * then writes sq_tail to the queue's tail doorbell. */
int nvmeq_submit(struct nvmeq *q, const uint8_t cmd[NVME_SQE_BYTES]);
/* Take one completion: 1 (c filled in; the caller writes cq_head to the
 * head doorbell), 0 (none yet), or a negative nvmeq_error when the
 * controller broke the protocol (the queue is then unusable). */
int nvmeq_take(struct nvmeq *q, struct nvme_completion *c);
bool nvmeq_can_submit(const struct nvmeq *q);
const char *nvmeq_strerror(int err);

#endif
