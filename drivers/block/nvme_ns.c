/* SPDX-License-Identifier: BSD-2-Clause */
/* An NVMe controller's namespaces as block devices, and their reads. Each
 * active namespace with a usable LBA format (512 to 4096-byte blocks, no
 * metadata) gets a node "namespace@<nsid>,0" under the controller, as
 * QEMU names it for an NVMe bootindex. A read fills the controller's data
 * area with as many commands in flight as its I/O queue takes, each one
 * addressing its pages through the PRP list made at set-up. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "../../board/log.h"
#include "../../dev/blockdev.h"
#include "../../lib/bytes.h"
#include "../../lib/err.h"
#include "../../lib/text.h"
#include "nvme.h"

#define LIST_ENTRIES (NVME_PAGE / 4)
/* Namespaces looked at per controller, at most: QEMU allows 256; a
 * controller listing (or counting) billions would keep the boot waiting. */
#define NAMESPACES_MAX 4096u
#define IO_WAIT_US 10000000ull

struct nvme_ns {
    struct blockdev bdev;         /* first: the registry's node */
    struct nvme_ctrl *ctrl;
    uint32_t nsid;
    unsigned shift;               /* log2 of the block size */
    char name[64];                /* "nvme mass-storage@3 namespace@1,0" */
};

/* PRP entries for `bytes` at `off` in the data area: the first page, then
 * the second, or the PRP list from the entry of the second page on. */
static void set_prps(const struct nvme_ctrl *c, uint8_t cmd[NVME_SQE_BYTES], uint32_t off,
                     uint32_t bytes)
{
    uint64_t data = c->mem.bus + NVME_DATA_OFF;
    uint32_t pages = (bytes + NVME_PAGE - 1) / NVME_PAGE;
    put_le64(cmd + 24, data + off);
    if (pages == 2)
        put_le64(cmd + 32, data + off + NVME_PAGE);
    else if (pages > 2)
        put_le64(cmd + 32, c->mem.bus + NVME_PRP_OFF + 8ull * (off / NVME_PAGE + 1));
}

/* Read `blocks` blocks of 1 << shift bytes at lba into the data area, as
 * many commands in flight as the queue takes. 0; ERR_IO with *status set
 * when a command failed (the rest are still waited for); another ERR_*
 * once the controller failed (logged). */
static int read_data(struct nvme_ctrl *c, uint32_t nsid, unsigned shift, uint64_t lba,
                     uint32_t blocks, uint16_t *status)
{
    uint32_t per_command = c->max_transfer >> shift, next = 0;
    unsigned pending = 0;
    *status = 0;
    if (!c->ready || ((uint64_t)blocks << shift) > NVME_DATA_BYTES)
        return ERR_IO;
    while (next < blocks || pending) {
        bool submitted = false;
        while (next < blocks && nvmeq_can_submit(&c->io)) {
            uint8_t cmd[NVME_SQE_BYTES];
            uint32_t n = blocks - next < per_command ? blocks - next : per_command;
            nvme_command(cmd, NVME_CMD_READ, nsid, 0);
            set_prps(c, cmd, next << shift, n << shift);
            put_le64(cmd + 40, lba + next);
            put_le32(cmd + 48, n - 1);
            nvmeq_submit(&c->io, cmd);
            next += n;
            pending++;
            submitted = true;
        }
        if (submitted)
            nvme_ring(c, &c->io, false);
        struct nvme_completion done;
        int err = nvme_await(c, &c->io, IO_WAIT_US, &done);
        if (err)
            return err;
        pending--;
        if (done.status && !*status)
            *status = done.status;
    }
    return *status ? ERR_IO : 0;
}

const char *nvme_status_text(uint16_t status, char *buf, size_t len)
{
    unsigned code = status & 0x7ff;   /* status code type and status code */
    const char *what = code == 0x001   ? "invalid opcode"
                       : code == 0x002 ? "invalid field"
                       : code == 0x004 ? "data transfer error"
                       : code == 0x006 ? "internal error"
                       : code == 0x00b ? "invalid namespace or format"
                       : code == 0x080 ? "LBA out of range"
                       : code == 0x082 ? "namespace not ready"
                       : code == 0x281 ? "unrecovered read error"
                       : code == 0x286 ? "access denied"
                                       : "error";
    sniprintf(buf, len, "%s (status 0x%x)", what, code);
    return buf;
}

static int ns_read(struct blockdev *dev, uint64_t lba, uint64_t count, void *buf)
{
    struct nvme_ns *ns = dev->priv;
    struct nvme_ctrl *c = ns->ctrl;
    uint32_t most = NVME_DATA_BYTES >> ns->shift;
    uint8_t *dst = buf;
    if (!c->ready) {
        log_error("%s: not usable (the controller failed or was stopped)\n", ns->name);
        return ERR_IO;
    }
    while (count) {
        uint32_t n = count < most ? (uint32_t)count : most;
        uint16_t status;
        int err = read_data(c, ns->nsid, ns->shift, lba, n, &status);
        if (!err)
            err = dma_copy_from_device(c->dma, &c->mem, NVME_DATA_OFF, dst, (uint64_t)n << ns->shift);
        if (err) {
            char text[64];
            if (status && blockdev_error_shown(dev))
                log_error("%s: read of blocks %lu-%lu failed: %s\n", ns->name, (unsigned long)lba,
                          (unsigned long)(lba + n - 1), nvme_status_text(status, text, sizeof(text)));
            return err;
        }
        dst += (size_t)n << ns->shift;
        lba += n;
        count -= n;
    }
    return 0;
}

/* The node a namespace's block device hangs on, made once. */
static struct dt_node *ns_node(struct nvme_ctrl *c, uint32_t nsid)
{
    char name[32];
    sniprintf(name, sizeof(name), "namespace@%lu,0", (unsigned long)nsid);
    struct dt_node *n = dt_new_node(c->pci->node, name);
    uint8_t reg[8];
    dt_write_cells(reg, nsid, 1);
    dt_write_cells(reg + 4, 0, 1);
    if (!n || dt_set_string(n, "device_type", "block") || dt_set(n, "reg", reg, sizeof(reg)) ||
        dt_set_u32(c->pci->node, "#address-cells", 2) || dt_set_u32(c->pci->node, "#size-cells", 0))
        return NULL;
    return n;
}

/* Why a namespace's identify data rules it out, or NULL; *shift set. */
static const char *unusable(const uint8_t *id, unsigned *shift)
{
    uint64_t size = get_le64(id);
    uint8_t format = id[26] & 0xf, formats = id[25];
    uint32_t lbaf = get_le32(id + 128 + 4 * format);
    *shift = (lbaf >> 16) & 0xff;
    if (format > formats)
        return "its LBA format is not one it lists";
    if (*shift < 9 || *shift > 12)
        return "its blocks are not 512 to 4096 bytes";
    if (lbaf & 0xffff)
        return "its blocks carry metadata";
    if (size > UINT64_MAX >> *shift)
        return "its size overflows";
    return NULL;
}

/* A listed namespace: identify it and, if active and usable, register it.
 * A failed identify was said already, unless the controller refused it. */
static bool add_namespace(struct nvme_ctrl *c, uint32_t nsid, uint8_t *id)
{
    char name[64], text[64];
    uint16_t status;
    unsigned shift = 0;
    sniprintf(name, sizeof(name), "%s namespace@%lu,0", c->name, (unsigned long)nsid);
    int err = nvme_identify(c, NVME_CNS_NAMESPACE, nsid, id, &status);
    if (err || get_le64(id) == 0) {                    /* failed, or inactive */
        if (err && status)
            log_info("%s: %s; skipped\n", name, nvme_status_text(status, text, sizeof(text)));
        return false;
    }
    const char *why = unusable(id, &shift);
    struct nvme_ns *ns = why ? NULL : calloc(1, sizeof(*ns));
    if (ns) {
        *ns = (struct nvme_ns){ .ctrl = c, .nsid = nsid, .shift = shift };
        memcpy(ns->name, name, sizeof(name));
        ns->bdev = (struct blockdev){ .node = ns_node(c, nsid), .block_size = 1u << shift,
                                      .nblocks = get_le64(id), .named_by_parent = true,
                                      .read = ns_read, .priv = ns };
        if (!ns->bdev.node || registry_add(&blockdevs, &ns->bdev)) {
            free(ns);
            ns = NULL;
        }
    }
    if (!ns) {
        log_info("%s: %s; skipped\n", name, why ? why : "no memory to register it");
        return false;
    }
    log_info("%s: disk, %s in %u-byte blocks\n", name,
             size_text(text, sizeof(text), ns->bdev.nblocks << shift), ns->bdev.block_size);
    return true;
}

unsigned nvme_add_namespaces(struct nvme_ctrl *c, uint32_t nn)
{
    uint8_t *list = malloc(NVME_PAGE), *id = malloc(NVME_PAGE);
    unsigned added = 0, looked = 0;
    uint32_t after = 0;
    uint16_t status;
    bool more = list && id;
    while (more && c->ready) {              /* the active namespaces above `after` */
        int err = nvme_identify(c, NVME_CNS_ACTIVE_LIST, after, list, &status);
        if (err && status && after == 0) {  /* no list (before NVMe 1.1): ask about each */
            for (uint32_t nsid = 1; nsid <= nn && looked < NAMESPACES_MAX && c->ready; nsid++, looked++)
                added += add_namespace(c, nsid, id);
            break;
        }
        unsigned i;
        for (i = 0; !err && i < LIST_ENTRIES && looked < NAMESPACES_MAX; i++, looked++) {
            uint32_t nsid = get_le32(list + 4 * i);
            if (nsid == 0)
                break;
            if (nsid <= after || nsid == UINT32_MAX) {
                log_error("%s: its namespace list is out of order; the rest are ignored\n", c->name);
                break;
            }
            added += add_namespace(c, nsid, id);
            after = nsid;
        }
        more = !err && i == LIST_ENTRIES;
    }
    if (looked >= NAMESPACES_MAX)
        log_info("%s: only its first %u namespaces are looked at\n", c->name, NAMESPACES_MAX);
    free(list);
    free(id);
    return added;
}
