/* SPDX-License-Identifier: BSD-2-Clause */
/* The NVMe driver's two halves: the controller (nvme.c: registers, queues,
 * commands, shutdown) and its namespaces (nvme_ns.c: discovery, block
 * devices, reads). Only they include this. */
#ifndef DRIVERS_NVME_H
#define DRIVERS_NVME_H

#include <stdbool.h>
#include <stdint.h>
#include "../../dev/dmadev.h"
#include "../../dma/dma.h"
#include "../../pci/pci.h"
#include "nvme_queue.h"

/* One DMA buffer per controller, mapped once: the queues, a page for
 * identify data, the PRP list that covers the data area, the data area. */
#define NVME_PAGE 4096u
#define NVME_ASQ_OFF 0x0000u
#define NVME_ACQ_OFF 0x1000u
#define NVME_IOSQ_OFF 0x2000u
#define NVME_IOCQ_OFF 0x3000u
#define NVME_IDENT_OFF 0x4000u
#define NVME_PRP_OFF 0x5000u
#define NVME_DATA_OFF 0x6000u
#define NVME_DATA_BYTES (1u << 20)    /* its PRP list fits in one page */
#define NVME_MEM_BYTES (NVME_DATA_OFF + NVME_DATA_BYTES)

struct nvme_ctrl {
    struct pci_dev *pci;
    uint64_t regs;                /* BAR 0, a CPU address */
    uint32_t db_stride;           /* bytes between doorbells */
    uint64_t ready_wait_us;       /* CAP.TO, bounded */
    uint16_t io_entries;
    uint32_t max_transfer;        /* bytes one command may move (MDTS) */
    struct dma_ctx *dma;
    struct dma_buf mem;
    struct nvmeq admin, io;
    bool ready;                   /* queues up; false once it failed or stopped */
    struct dma_device dmadev;
    char name[40];                /* "nvme mass-storage@3" */
};

/* Admin and I/O opcodes, identify CNS values. */
#define NVME_ADMIN_CREATE_SQ 0x01
#define NVME_ADMIN_CREATE_CQ 0x05
#define NVME_ADMIN_IDENTIFY 0x06
#define NVME_CMD_READ 0x02
#define NVME_CNS_NAMESPACE 0x00
#define NVME_CNS_CONTROLLER 0x01
#define NVME_CNS_ACTIVE_LIST 0x02

/* Fill in a command: opcode, namespace, first PRP entry; the rest zero. */
void nvme_command(uint8_t cmd[NVME_SQE_BYTES], uint8_t opcode, uint32_t nsid, uint64_t prp1);
/* Write q's submission tail (or, with completion, its completion head) to
 * its doorbell, after the entries are in memory. */
void nvme_ring(const struct nvme_ctrl *c, const struct nvmeq *q, bool completion);
/* Take the next completion on q within wait_us: 0 with it in *done, or an
 * ERR_* once the controller failed (a timeout, a fatal status, a broken
 * queue protocol: logged, the controller reset and no longer used). */
int nvme_await(struct nvme_ctrl *c, struct nvmeq *q, uint64_t wait_us, struct nvme_completion *done);
/* Identify data (CNS cns, namespace nsid) into out: 0, ERR_IO with
 * *status set when the controller refused, or ERR_IO/ERR_TIMEOUT when it
 * failed (logged; the controller is then unusable). */
int nvme_identify(struct nvme_ctrl *c, uint8_t cns, uint32_t nsid, uint8_t out[NVME_PAGE],
                  uint16_t *status);
/* A completion status as words: "unrecovered read error (status 0x281)". */
const char *nvme_status_text(uint16_t status, char *buf, size_t len);
/* Find the controller's active namespaces and register each usable one as
 * a block device; nn is the controller's namespace count (a fallback when
 * it cannot list them). Returns how many were registered. */
unsigned nvme_add_namespaces(struct nvme_ctrl *c, uint32_t nn);

#endif
