/* SPDX-License-Identifier: BSD-2-Clause */
/* A VIO command/response queue (CRQ): one page of 16-byte entries the
 * hypervisor writes for the device and the firmware reads, and H_SEND_CRQ
 * for the other direction. The page lives in the device's DMA context, so
 * it is TCE-mapped in the device's window (and a bounce buffer in secure
 * mode). Entries are read once each and their valid byte cleared, as the
 * hypervisor needs to reuse the slot. */
#ifndef VIO_CRQ_H
#define VIO_CRQ_H

#include <stdbool.h>
#include <stdint.h>
#include "../dma/dma.h"
#include "vio.h"

#define CRQ_ENTRY 16
#define CRQ_VALID_PAYLOAD 0x80
#define CRQ_VALID_INIT 0xc0
#define CRQ_INIT 0x01
#define CRQ_INIT_COMPLETE 0x02

struct crq {
    uint32_t unit;
    struct dma_buf page;
    unsigned next;                /* the slot to read next */
    bool registered;
};

/* Allocate and register the queue: 0, or a negative ERR_* (logged). A
 * queue some earlier owner left registered (a reset guest) is freed and
 * registered again. */
int crq_register(struct crq *q, uint32_t unit, struct dma_ctx *dma, const char *name);
/* H_FREE_CRQ and give the page back. Safe on a queue never registered. */
void crq_free(struct crq *q, struct dma_ctx *dma);
/* Send one entry (bytes 0-7 and 8-15, big-endian): 0 or ERR_IO. */
int crq_send(const struct crq *q, uint64_t hi, uint64_t lo);
/* The next entry, copied out and its slot cleared: true when there was one. */
bool crq_take(struct crq *q, uint8_t entry[CRQ_ENTRY]);
/* The next entry within `us` microseconds: true with it in entry. */
bool crq_await(struct crq *q, uint64_t us, uint8_t entry[CRQ_ENTRY]);
/* The handshake every CRQ partner expects: our "initialize", its
 * "initialization complete" (or its own "initialize", which we complete).
 * 0, or ERR_IO with a line naming the device (`name`). */
int crq_handshake(struct crq *q, const char *name);

/* A VIO device spoken to over a CRQ, as spapr-vscsi and tpm-spapr are:
 * a DMA context in its own TCE window, for the queue and the driver's
 * buffers, and the queue registered with the handshake done. */
struct crq_device {
    struct vio_dev vio;
    struct dma_ctx *dma;
    struct crq crq;
};
/* At probe, and again when secure mode moves the device onto bounce
 * buffers: 0, or a negative ERR_* with a line naming `name` (nothing is
 * left registered or mapped). */
int crq_device_open(struct crq_device *d, const char *name);
/* The queue freed, every buffer of the context given back (its TCEs
 * cleared) and the context with them. Safe on a device not open. */
void crq_device_close(struct crq_device *d);

#endif
