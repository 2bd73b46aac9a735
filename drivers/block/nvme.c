/* SPDX-License-Identifier: BSD-2-Clause */
/* NVMe controllers on PCI (class 01, subclass 08, interface 02): reset and
 * enable, the admin queue pair, one I/O queue pair, completions polled with
 * timeouts and a watch on the fatal status, and an orderly shutdown
 * (CC.SHN, then CC.EN cleared) when the firmware lets go. All DMA goes
 * through one buffer mapped once in the PHB's TCE window (bounce buffers
 * once the guest is secure): queues, identify data, the PRP list and a
 * 1 MiB data area, so a read costs no TCE hypercalls. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "../../board/barrier.h"
#include "../../board/log.h"
#include "../../board/mmio.h"
#include "../../board/timebase.h"
#include "../../dev/binding.h"
#include "../../lib/bytes.h"
#include "../../lib/err.h"
#include "../drivers.h"
#include "nvme.h"

#define REG_CAP 0x00
#define REG_VS 0x08
#define REG_CC 0x14
#define REG_CSTS 0x1c
#define REG_AQA 0x24
#define REG_ASQ 0x28
#define REG_ACQ 0x30
#define REG_DOORBELLS 0x1000

#define CC_EN 0x1u
#define CC_SHN_NORMAL (1u << 14)
#define CC_QUEUE_ENTRIES (6u << 16 | 4u << 20)   /* 64-byte SQ, 16-byte CQ entries */
#define CSTS_RDY 0x1u
#define CSTS_CFS 0x2u
#define CSTS_SHST_MASK 0xcu
#define CSTS_SHST_DONE 0x8u
#define CSTS_GONE 0xffffffffu         /* what a vanished function reads as */

#define ADMIN_ENTRIES 16
#define ADMIN_WAIT_US 5000000ull
#define READY_WAIT_MAX_US 10000000ull /* CAP.TO may ask for 127 s; QEMU's is 7.5 s */
#define SHUTDOWN_WAIT_US 5000000ull
#define CSTS_CHECK_US 1000ull         /* how often a wait looks for a fatal status */

static uint32_t reg_read(const struct nvme_ctrl *c, unsigned off)
{
    return mmio_read_le(c->regs + off, 4);
}

static void reg_write(const struct nvme_ctrl *c, unsigned off, uint32_t v)
{
    mmio_write_le(c->regs + off, 4, v);
}

static void reg_write64(const struct nvme_ctrl *c, unsigned off, uint64_t v)
{
    reg_write(c, off, (uint32_t)v);
    reg_write(c, off + 4, (uint32_t)(v >> 32));
}

void nvme_ring(const struct nvme_ctrl *c, const struct nvmeq *q, bool completion)
{
    barrier_full();               /* entries in memory before the doorbell */
    unsigned db = REG_DOORBELLS + (2u * q->id + (completion ? 1 : 0)) * c->db_stride;
    reg_write(c, db, completion ? q->cq_head : q->sq_tail);
}

/* Wait up to `us` for CSTS & mask == want; false on a timeout, a fatal
 * status or a vanished device (*csts says which). */
static bool wait_status(const struct nvme_ctrl *c, uint32_t mask, uint32_t want, uint64_t us,
                        uint32_t *csts)
{
    uint64_t until = timebase_us() + us;
    for (;;) {
        *csts = reg_read(c, REG_CSTS);
        if (*csts == CSTS_GONE || (*csts & CSTS_CFS))
            return false;
        if ((*csts & mask) == want)
            return true;
        if (timebase_us() > until)
            return false;
        udelay(100);
    }
}

static const char *status_problem(uint32_t csts)
{
    return csts == CSTS_GONE   ? "no longer answers (its registers read all ones)"
           : csts & CSTS_CFS ? "reports a controller fatal status (CSTS.CFS)"
                             : NULL;
}

/* The controller broke down or broke the protocol: stop it doing DMA (a
 * reset), say so once, and fail everything from now on. */
static int controller_failed(struct nvme_ctrl *c, const char *why, int err)
{
    log_error("%s: %s; not used any more\n", c->name, why);
    c->ready = false;
    reg_write(c, REG_CC, 0);
    return err;
}

/* Take the next completion on q: 0 with it in *done, or the controller has
 * failed (logged). */
int nvme_await(struct nvme_ctrl *c, struct nvmeq *q, uint64_t wait_us, struct nvme_completion *done)
{
    uint64_t start = timebase_us(), checked = start;
    for (;;) {
        int rc = nvmeq_take(q, done);
        if (rc > 0) {
            nvme_ring(c, q, true);
            return 0;
        }
        if (rc < 0)
            return controller_failed(c, nvmeq_strerror(rc), ERR_IO);
        uint64_t now = timebase_us();
        if (now - checked >= CSTS_CHECK_US) {
            checked = now;
            const char *problem = status_problem(reg_read(c, REG_CSTS));
            if (problem)
                return controller_failed(c, problem, ERR_IO);
        }
        if (now - start > wait_us) {
            char why[64];
            sniprintf(why, sizeof(why), "no completion within %lu s",
                      (unsigned long)(wait_us / 1000000));
            return controller_failed(c, why, ERR_TIMEOUT);
        }
    }
}

void nvme_command(uint8_t cmd[NVME_SQE_BYTES], uint8_t opcode, uint32_t nsid, uint64_t prp1)
{
    memset(cmd, 0, NVME_SQE_BYTES);
    cmd[0] = opcode;
    put_le32(cmd + 4, nsid);
    put_le64(cmd + 24, prp1);
}

static int admin(struct nvme_ctrl *c, const uint8_t cmd[NVME_SQE_BYTES], uint16_t *status)
{
    struct nvme_completion done;
    int cid = nvmeq_submit(&c->admin, cmd);
    if (cid < 0)
        return controller_failed(c, nvmeq_strerror(cid), ERR_IO);
    nvme_ring(c, &c->admin, false);
    int err = nvme_await(c, &c->admin, ADMIN_WAIT_US, &done);
    if (err)
        return err;
    *status = done.status;
    return done.status ? ERR_IO : 0;
}

int nvme_identify(struct nvme_ctrl *c, uint8_t cns, uint32_t nsid, uint8_t out[NVME_PAGE],
                  uint16_t *status)
{
    uint8_t cmd[NVME_SQE_BYTES];
    *status = 0;
    if (!c->ready)
        return ERR_IO;
    nvme_command(cmd, NVME_ADMIN_IDENTIFY, nsid, c->mem.bus + NVME_IDENT_OFF);
    put_le32(cmd + 40, cns);
    int err = admin(c, cmd, status);
    return err ? err : dma_copy_from_device(c->dma, &c->mem, NVME_IDENT_OFF, out, NVME_PAGE);
}

/* "refused to create its I/O queues: invalid field (status 0x2)" */
static const char *refused(char *why, size_t len, const char *what, uint16_t status)
{
    char text[64];
    sniprintf(why, len, "refused %s: %s", what, nvme_status_text(status, text, sizeof(text)));
    return why;
}

/* Reset if left enabled, then enable with the admin queue pair. */
static int enable(struct nvme_ctrl *c)
{
    uint32_t csts;
    if ((reg_read(c, REG_CC) & CC_EN) || (reg_read(c, REG_CSTS) & CSTS_RDY)) {
        reg_write(c, REG_CC, 0);
        if (!wait_status(c, CSTS_RDY, 0, c->ready_wait_us, &csts)) {
            log_error("%s: %s; not used\n", c->name,
                      status_problem(csts) ? status_problem(csts) : "does not reset (CSTS.RDY stays set)");
            return ERR_IO;
        }
    }
    uint8_t *m = c->mem.cpu;
    nvmeq_init(&c->admin, 0, ADMIN_ENTRIES, m + NVME_ASQ_OFF, m + NVME_ACQ_OFF);
    reg_write(c, REG_AQA, (ADMIN_ENTRIES - 1) << 16 | (ADMIN_ENTRIES - 1));
    reg_write64(c, REG_ASQ, c->mem.bus + NVME_ASQ_OFF);
    reg_write64(c, REG_ACQ, c->mem.bus + NVME_ACQ_OFF);
    reg_write(c, REG_CC, CC_QUEUE_ENTRIES | CC_EN);
    if (!wait_status(c, CSTS_RDY, CSTS_RDY, c->ready_wait_us, &csts)) {
        if (status_problem(csts))
            log_error("%s: %s while starting; not used\n", c->name, status_problem(csts));
        else
            log_error("%s: not ready %lu ms after being enabled; not used\n", c->name,
                      (unsigned long)(c->ready_wait_us / 1000));
        return ERR_TIMEOUT;
    }
    c->ready = true;
    return 0;
}

static int create_io_queues(struct nvme_ctrl *c)
{
    uint8_t cmd[NVME_SQE_BYTES];
    uint16_t status;
    uint32_t size = (uint32_t)(c->io_entries - 1) << 16 | 1;   /* queue 1 */
    nvme_command(cmd, NVME_ADMIN_CREATE_CQ, 0, c->mem.bus + NVME_IOCQ_OFF);
    put_le32(cmd + 40, size);
    put_le32(cmd + 44, 1);                                      /* contiguous, no interrupts */
    int err = admin(c, cmd, &status);
    if (!err) {
        nvme_command(cmd, NVME_ADMIN_CREATE_SQ, 0, c->mem.bus + NVME_IOSQ_OFF);
        put_le32(cmd + 40, size);
        put_le32(cmd + 44, 1u << 16 | 1);                       /* on CQ 1, contiguous */
        err = admin(c, cmd, &status);
    }
    if (err) {
        char why[96];
        if (status)
            controller_failed(c, refused(why, sizeof(why), "to create its I/O queues", status), err);
        return err;
    }
    uint8_t *m = c->mem.cpu;
    return nvmeq_init(&c->io, 1, c->io_entries, m + NVME_IOSQ_OFF, m + NVME_IOCQ_OFF) ? ERR_IO : 0;
}

/* Shut down (so the controller flushes and the OS finds it idle), disable,
 * and take back its DMA buffer. */
static void stop(struct dma_device *d)
{
    struct nvme_ctrl *c = (struct nvme_ctrl *)((char *)d - offsetof(struct nvme_ctrl, dmadev));
    uint32_t csts = reg_read(c, REG_CSTS), cc = reg_read(c, REG_CC);
    c->ready = false;
    /* Only a running controller is shut down: writing CC with EN set to
     * one that was reset would start it again. */
    if (csts != CSTS_GONE && (cc & CC_EN) && (csts & CSTS_RDY) && !(csts & CSTS_CFS)) {
        reg_write(c, REG_CC, cc | CC_SHN_NORMAL);
        if (!wait_status(c, CSTS_SHST_MASK, CSTS_SHST_DONE, SHUTDOWN_WAIT_US, &csts))
            log_error("%s: shutdown did not complete; reset instead\n", c->name);
    }
    if (csts != CSTS_GONE) {
        reg_write(c, REG_CC, 0);
        if (!wait_status(c, CSTS_RDY, 0, c->ready_wait_us, &csts))
            log_error("%s: still enabled after being reset\n", c->name);
    }
    if (c->dma)
        dma_ctx_free(c->dma);
    c->dma = NULL;
    binding_publish(c->pci->node, NULL);
}

/* DMA, queues, I/O queue pair: at probe, and again when secure mode moves
 * the controller onto bounce buffers. */
static int setup(struct nvme_ctrl *c)
{
    int err = dma_ctx_new(&c->pci->phb->dma, true, &c->dma);
    if (err) {
        c->dma = NULL;
        log_error("%s: %s; not used\n", c->name,
                  err == ERR_NOT_FOUND ? "its PHB has no DMA window" : "no memory for its DMA context");
        return err;
    }
    err = dma_alloc(c->dma, NVME_MEM_BYTES, &c->mem);
    for (uint32_t i = 0; !err && i < NVME_DATA_BYTES / NVME_PAGE; i++) {
        uint8_t entry[8];
        put_le64(entry, c->mem.bus + NVME_DATA_OFF + (uint64_t)i * NVME_PAGE);
        err = dma_copy_to_device(c->dma, &c->mem, NVME_PRP_OFF + 8 * i, entry, 8);
    }
    if (!err)
        err = enable(c);
    if (!err)
        err = create_io_queues(c);
    if (err) {
        stop(&c->dmadev);
        return err;
    }
    binding_publish(c->pci->node, c->dma);
    return 0;
}

static int start(struct dma_device *d)
{
    return setup((struct nvme_ctrl *)((char *)d - offsetof(struct nvme_ctrl, dmadev)));
}

/* BAR 0 and what CAP allows: the NVM command set, 4 KiB pages. */
static int check_registers(struct nvme_ctrl *c)
{
    const struct pci_bar *bar = &c->pci->bar[0];
    uint64_t cap = 0;
    const char *why = NULL;
    if (bar->space != PCI_SPACE_MEM32 && bar->space != PCI_SPACE_MEM64) {
        why = "has no memory BAR 0";
    } else {
        c->regs = bar->cpu;
        cap = reg_read(c, REG_CAP) | (uint64_t)reg_read(c, REG_CAP + 4) << 32;
        c->db_stride = 4u << ((cap >> 32) & 0xf);
        uint64_t to = ((cap >> 24) & 0xff) * 500000ull;
        c->ready_wait_us = to < 500000 ? 500000 : to > READY_WAIT_MAX_US ? READY_WAIT_MAX_US : to;
        uint32_t entries = (uint32_t)(cap & 0xffff) + 1;
        c->io_entries = (uint16_t)(entries < NVMEQ_MAX_SIZE ? entries : NVMEQ_MAX_SIZE);
        if (cap == UINT64_MAX)
            why = "does not answer";
        else if (!((cap >> 37) & 1))
            why = "lacks the NVM command set";
        else if ((cap >> 48) & 0xf)
            why = "needs pages larger than 4 KiB";
        else if (c->io_entries < 2)
            why = "allows no usable queue size";
        else if (REG_DOORBELLS + 4ull * c->db_stride > bar->size)
            why = "has a BAR 0 too small for its doorbells";
    }
    if (why) {
        log_error("%s: %s; not used\n", c->name, why);
        return ERR_INVALID;
    }
    return 0;
}

/* IDENTIFY CONTROLLER: the transfer limit, the namespace count, a name. */
static int identify_controller(struct nvme_ctrl *c, uint32_t *nn)
{
    uint8_t *id = malloc(NVME_PAGE);
    uint16_t status;
    char model[41];
    int err = id ? nvme_identify(c, NVME_CNS_CONTROLLER, 0, id, &status) : ERR_NO_MEMORY;
    if (err) {
        char why[96];
        if (status)
            controller_failed(c, refused(why, sizeof(why), "to identify itself", status), err);
        free(id);
        return err;
    }
    uint8_t mdts = id[77];
    c->max_transfer = mdts == 0 || mdts >= 8 ? NVME_DATA_BYTES : NVME_PAGE << mdts;
    *nn = get_le32(id + 516);
    memcpy(model, id + 24, 40);
    unsigned n = 40;
    while (n && (model[n - 1] == ' ' || model[n - 1] == '\0'))
        n--;
    model[n] = '\0';
    uint32_t vs = reg_read(c, REG_VS);
    log_info("%s: NVMe %u.%u controller \"%s\", %lu KiB per command, DMA %s\n", c->name,
             vs >> 16, (vs >> 8) & 0xff, model, (unsigned long)(c->max_transfer >> 10),
             dma_mode_name(dma_ctx_mode(c->dma)));
    free(id);
    return 0;
}

int nvme_probe(struct pci_dev *pd)
{
    struct nvme_ctrl *c = calloc(1, sizeof(*c));
    if (!c)
        return ERR_NO_MEMORY;
    c->pci = pd;
    sniprintf(c->name, sizeof(c->name), "nvme %s", pd->node->name);
    c->dmadev = (struct dma_device){ c->name, stop, start };
    int err = check_registers(c);
    if (!err)
        err = setup(c);
    if (!err && (err = dmadev_register(&c->dmadev)) != 0)
        stop(&c->dmadev);
    if (err) {
        free(c);
        return err;
    }
    uint32_t nn;
    err = identify_controller(c, &nn);     /* failed: stays registered, stopped at hand-off */
    if (!err && nvme_add_namespaces(c, nn) == 0)
        log_info("%s: no usable namespace\n", c->name);
    return err;
}
