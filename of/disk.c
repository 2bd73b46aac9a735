/* SPDX-License-Identifier: BSD-2-Clause */
/* The IEEE 1275 "block" device package over a blockdev: open with an
 * optional partition number ("disk:2"), byte-addressed read and seek within
 * it, and the block methods clients use (block-size, #blocks, read-blocks,
 * max-transfer). */
#include <stdlib.h>
#include <string.h>
#include "../board/log.h"
#include "../dev/blockdev.h"
#include "../loader/part.h"
#include "cmem.h"
#include "disk.h"
#include "instance.h"
#include "path.h"

#define MAX_TRANSFER (1u << 20)

struct disk_inst {
    struct blockdev *dev;
    uint64_t first, count;        /* the partition (or whole disk), in blocks */
    uint64_t pos;                 /* bytes from its start */
    uint8_t *block;               /* one block, for reads that are not aligned */
};

static int disk_open(struct of_instance *inst)
{
    struct blockdev *dev = blockdev_at(inst->node, inst->unit);
    struct disk_inst *d = dev ? calloc(1, sizeof(*d)) : NULL;
    if (!d || !(d->block = malloc(dev->block_size))) {
        free(d);
        return OF_FAILED;
    }
    d->dev = dev;
    d->count = dev->nblocks;
    /* "N" or "N,path": partition N (a file path inside it is the client's
     * business today). No number, or 0: the whole disk. */
    unsigned long number = strtoul(inst->args, NULL, 10);
    if (number) {
        struct part parts[PART_MAX];
        enum part_scheme scheme;
        int n = part_scan(blockdev_read_fn, dev, dev->block_size, dev->nblocks, parts, PART_MAX,
                          &scheme, NULL);
        const struct part *p = NULL;
        for (int i = 0; i < n; i++)
            if (parts[i].number == number)
                p = &parts[i];
        if (!p) {
            char name[64];
            log_info("open %s:%s: no such partition\n", blockdev_name(dev, name, sizeof(name)),
                     inst->args);
            free(d->block);
            free(d);
            return OF_FAILED;
        }
        d->first = p->first;
        d->count = p->count;
    }
    inst->priv = d;
    return 0;
}

static void disk_close(struct of_instance *inst)
{
    struct disk_inst *d = inst->priv;
    free(d->block);
    free(d);
}

static int64_t disk_read(struct of_instance *inst, void *buf, uint64_t len)
{
    struct disk_inst *d = inst->priv;
    uint32_t bs = d->dev->block_size;
    uint64_t size = d->count * bs;
    uint8_t *dst = buf;
    if (d->pos >= size)
        return 0;
    if (len > size - d->pos)
        len = size - d->pos;
    uint64_t done = 0;
    while (done < len) {
        uint64_t lba = d->first + d->pos / bs, off = d->pos % bs;
        uint64_t n;
        if (off == 0 && len - done >= bs) {
            uint64_t blocks = (len - done) / bs;
            if (blocks > MAX_TRANSFER / bs)
                blocks = MAX_TRANSFER / bs;
            if (blockdev_read(d->dev, lba, blocks, dst + done))
                break;
            n = blocks * bs;
        } else {
            if (blockdev_read(d->dev, lba, 1, d->block))
                break;
            n = bs - off < len - done ? bs - off : len - done;
            memcpy(dst + done, d->block + off, n);
        }
        done += n;
        d->pos += n;
    }
    return done ? (int64_t)done : OF_FAILED;
}

static int disk_seek(struct of_instance *inst, uint64_t pos)
{
    struct disk_inst *d = inst->priv;
    if (pos > d->count * d->dev->block_size)
        return OF_FAILED;
    d->pos = pos;
    return 0;
}

static int m_block_size(struct of_instance *inst, const uint32_t *a, uint32_t na, uint32_t *r, uint32_t nr)
{
    (void)a;
    (void)na;
    if (nr < 1)
        return OF_FAILED;
    r[0] = ((struct disk_inst *)inst->priv)->dev->block_size;
    return 0;
}

static int m_nblocks(struct of_instance *inst, const uint32_t *a, uint32_t na, uint32_t *r, uint32_t nr)
{
    (void)a;
    (void)na;
    struct disk_inst *d = inst->priv;
    if (nr < 1)
        return OF_FAILED;
    r[0] = d->count > 0xffffffffu ? 0xffffffffu : (uint32_t)d->count;
    return 0;
}

static int m_max_transfer(struct of_instance *inst, const uint32_t *a, uint32_t na, uint32_t *r, uint32_t nr)
{
    (void)inst;
    (void)a;
    (void)na;
    if (nr < 1)
        return OF_FAILED;
    r[0] = MAX_TRANSFER;
    return 0;
}

/* read-blocks ( addr block# #blocks -- #read ): call-method passes the
 * stack's top first, so the cells arrive as #blocks, block#, addr. */
static int m_read_blocks(struct of_instance *inst, const uint32_t *a, uint32_t na, uint32_t *r, uint32_t nr)
{
    struct disk_inst *d = inst->priv;
    if (na < 3 || nr < 1)
        return OF_FAILED;
    uint64_t count = a[0], block = a[1], bs = d->dev->block_size;
    void *dst = count ? cmem_ptr(a[2], count * bs) : NULL;
    if (block > d->count || count > d->count - block || (count && !dst) ||
        (count && blockdev_read(d->dev, d->first + block, count, dst))) {
        r[0] = 0;
        return 0;
    }
    r[0] = (uint32_t)count;
    return 0;
}

static const struct of_method disk_methods[] = {
    { "block-size", m_block_size },
    { "#blocks", m_nblocks },
    { "max-transfer", m_max_transfer },
    { "read-blocks", m_read_blocks },
    { NULL, NULL },
};

static const struct of_device disk_device = {
    .open = disk_open, .close = disk_close, .read = disk_read, .seek = disk_seek,
    .methods = disk_methods,
};

/* Clients such as GRUB find disks through /aliases (QEMU's tree has none;
 * the units behind a SCSI host's one wildcard "disk" node have no node a
 * tree walk could find), and take a node for a disk only when it says
 * "block" (the drivers set that). Disks are "disk", "disk1", ..., CDs
 * "cdrom", "cdrom1", ... as SLOF names them. */
void of_disks_bind(void)
{
    unsigned disks = 0, cdroms = 0;
    char path[OF_PATH_MAX];
    for (unsigned i = 0; i < registry_count(&blockdevs); i++) {
        struct blockdev *dev = registry_get(&blockdevs, i);
        of_bind(dev->node, &disk_device, NULL);
        if (blockdev_path(dev, path, sizeof(path)) >= sizeof(path))
            continue;
        if (dev->cdrom)
            of_alias_device("cdrom", cdroms++, path);
        else
            of_alias_device("disk", disks++, path);
    }
}
