/* SPDX-License-Identifier: BSD-2-Clause */
#include <string.h>
#include "../board/barrier.h"
#include "../board/hcall.h"
#include "../board/log.h"
#include "../board/timebase.h"
#include "../lib/err.h"
#include "crq.h"

#define CRQ_PAGE 4096
#define FREE_TRIES 100
#define INIT_WAIT_US 1000000ull

static long free_queue(uint32_t unit)
{
    long rc;
    int tries = 0;
    do                             /* the hypervisor may be busy with the queue */
        rc = hcall(H_FREE_CRQ, unit, 0, 0, 0, NULL);
    while ((rc == H_BUSY || rc == H_CLOSED) && ++tries < FREE_TRIES);
    return rc;
}

int crq_register(struct crq *q, uint32_t unit, struct dma_ctx *dma, const char *name)
{
    memset(q, 0, sizeof(*q));
    q->unit = unit;
    int err = dma_alloc(dma, CRQ_PAGE, &q->page);
    if (err)
        return err;
    long rc = hcall(H_REG_CRQ, unit, q->page.bus, CRQ_PAGE, 0, NULL);
    if (rc == H_RESOURCE) {        /* left registered by a guest before a reset */
        free_queue(unit);
        rc = hcall(H_REG_CRQ, unit, q->page.bus, CRQ_PAGE, 0, NULL);
    }
    if (rc != H_SUCCESS) {
        log_error("%s: the hypervisor refused its command queue (H_REG_CRQ %ld)\n", name, rc);
        dma_free(dma, &q->page);
        return ERR_IO;
    }
    q->registered = true;
    return 0;
}

void crq_free(struct crq *q, struct dma_ctx *dma)
{
    if (q->registered) {
        long rc = free_queue(q->unit);
        if (rc != H_SUCCESS)
            log_error("unit 0x%x: H_FREE_CRQ failed (%ld)\n", q->unit, rc);
    }
    q->registered = false;
    if (q->page.len && dma)
        dma_free(dma, &q->page);
}

int crq_send(const struct crq *q, uint64_t hi, uint64_t lo)
{
    barrier_full();                /* what the entry points at, before it goes */
    return hcall(H_SEND_CRQ, q->unit, hi, lo, 0, NULL) == H_SUCCESS ? 0 : ERR_IO;
}

bool crq_take(struct crq *q, uint8_t entry[CRQ_ENTRY])
{
    volatile uint8_t *slot = (volatile uint8_t *)q->page.cpu + q->next;
    if (!(slot[0] & 0x80))
        return false;
    barrier_full();                /* the valid byte before the rest */
    for (unsigned i = 0; i < CRQ_ENTRY; i++)
        entry[i] = slot[i];
    slot[0] = 0;                   /* the slot is the hypervisor's again */
    barrier_full();
    q->next = (q->next + CRQ_ENTRY) % CRQ_PAGE;
    return true;
}

bool crq_await(struct crq *q, uint64_t us, uint8_t entry[CRQ_ENTRY])
{
    uint64_t until = timebase_us() + us;
    do
        if (crq_take(q, entry))
            return true;
    while (timebase_us() < until);
    return false;
}

int crq_handshake(struct crq *q, const char *name)
{
    uint8_t e[CRQ_ENTRY];
    uint64_t now, until = timebase_us() + INIT_WAIT_US;
    if (crq_send(q, (uint64_t)CRQ_VALID_INIT << 56 | (uint64_t)CRQ_INIT << 48, 0))
        return ERR_IO;
    while ((now = timebase_us()) < until && crq_await(q, until - now, e)) {
        if (e[0] != CRQ_VALID_INIT)
            continue;
        if (e[1] == CRQ_INIT)
            crq_send(q, (uint64_t)CRQ_VALID_INIT << 56 | (uint64_t)CRQ_INIT_COMPLETE << 48, 0);
        if (e[1] == CRQ_INIT || e[1] == CRQ_INIT_COMPLETE)
            return 0;
    }
    log_error("%s: no answer to the CRQ handshake in %lu ms; not used\n", name,
              (unsigned long)(INIT_WAIT_US / 1000));
    return ERR_IO;
}

int crq_device_open(struct crq_device *d, const char *name)
{
    int err = dma_ctx_new(&d->vio.dma, true, &d->dma);
    if (err) {
        log_error("%s: %s for its DMA window; not used\n", name, err_str(err));
        return err;
    }
    err = crq_register(&d->crq, d->vio.unit, d->dma, name);
    if (!err)
        err = crq_handshake(&d->crq, name);
    if (err)
        crq_device_close(d);
    return err;
}

void crq_device_close(struct crq_device *d)
{
    crq_free(&d->crq, d->dma);
    if (d->dma)
        dma_ctx_free(d->dma);
    d->dma = NULL;
}
