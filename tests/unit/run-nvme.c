/* SPDX-License-Identifier: BSD-2-Clause */
/* The NVMe driver against a simulated controller that runs the commands it
 * is given when a doorbell is written, as QEMU's hw/nvme does: identify,
 * queue creation, reads through PRP entries and lists, an orderly shutdown.
 * Reads of namespaces of 512 and 4096-byte blocks come back intact through
 * several commands in flight; a controller that never becomes ready, one
 * that turns fatal, completes the wrong command, writes a stale phase tag,
 * goes silent, or fails reads is each met with one line in bounded
 * (simulated) time; stopping shuts it down and frees its DMA buffer. */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <cmocka.h>

#include "drivers/block/nvme.c"
#include "drivers/block/nvme_ns.c"
#include "drivers/block/nvme_queue.c"

/* ---- DMA ---------------------------------------------------------------- */
#include "dma-stub.h"
#define at dma_stub_at

/* ---- the rest of the firmware ----------------------------------------- */
static uint64_t now_us;
uint64_t timebase_us(void) { return now_us += 50; }
void udelay(uint64_t us) { now_us += us; }
static char logged[4096];
static unsigned lines, errors;
static void logv(const char *fmt, va_list ap)
{
    size_t n = strlen(logged);
    vsnprintf(logged + n, sizeof(logged) - n, fmt, ap);
    lines++;
}
void log_info(const char *fmt, ...) { va_list ap; va_start(ap, fmt); logv(fmt, ap); va_end(ap); }
void log_error(const char *fmt, ...) { va_list ap; va_start(ap, fmt); logv(fmt, ap); va_end(ap); errors++; }
static struct dma_device *tracked;
int dmadev_register(struct dma_device *d) { tracked = d; return 0; }
static const struct dt_node *published;
void binding_publish(struct dt_node *n, struct dma_ctx *dma) { published = dma ? n : NULL; }
struct registry blockdevs;
static struct blockdev *disks[8];
static unsigned ndisks;
int registry_add(struct registry *r, void *dev) { (void)r; assert_true(ndisks < 8); disks[ndisks++] = dev; return 0; }
bool blockdev_error_shown(struct blockdev *dev) { (void)dev; return true; }
static struct dt_node nodes[8];
static char node_names[8][32];
static unsigned nnodes;
struct dt_node *dt_new_node(struct dt_node *parent, const char *name)
{
    assert_true(nnodes < 8);
    snprintf(node_names[nnodes], sizeof(node_names[0]), "%s", name);
    nodes[nnodes] = (struct dt_node){ .parent = parent, .name = node_names[nnodes] };
    return &nodes[nnodes++];
}
int dt_set(struct dt_node *n, const char *name, const void *v, uint32_t len)
{ (void)n; (void)name; (void)v; (void)len; return 0; }
int dt_set_string(struct dt_node *n, const char *name, const char *v) { (void)n; (void)name; (void)v; return 0; }
int dt_set_u32(struct dt_node *n, const char *name, uint32_t v) { (void)n; (void)name; (void)v; return 0; }
void dt_write_cells(uint8_t *p, uint64_t v, uint32_t cells)
{
    for (uint32_t i = 0; i < cells; i++)
        put_be32(p + 4 * i, (uint32_t)(v >> 32 * (cells - 1 - i)));
}
char *size_text(char *out, size_t outlen, uint64_t bytes)
{ snprintf(out, outlen, "%lu MiB", (unsigned long)(bytes >> 20)); return out; }

/* ---- the controller ----------------------------------------------------- */
static struct {
    enum { WORKS, NEVER_READY, FATAL_ON_READ, WRONG_CID, STALE_PHASE, SILENT_ON_READ,
           READ_ERRORS, NO_NS_LIST } mode;
    uint32_t cc, csts, aqa;
    uint64_t asq, acq;
    struct simq { uint64_t sq, cq; uint16_t size, head, tail, cq_tail; bool phase; } q[2];
    unsigned reads, shutdowns, commands_in_one_batch;
    uint8_t lbads[3];              /* per namespace 1..2; 0: inactive */
    uint16_t ms[3];
    uint32_t nn;                   /* the namespace count it claims */
} ctl;

#define NS_BLOCKS 4096ull
static uint8_t disk_byte(uint32_t nsid, uint64_t off) { return (uint8_t)(off * 7 + off / 4096 + nsid); }

static void complete(unsigned qid, uint16_t cid, uint16_t status, uint32_t dw0)
{
    struct simq *q = &ctl.q[qid];
    uint8_t *e = at(q->cq) + 16 * q->cq_tail;
    bool phase = ctl.mode == STALE_PHASE && qid == 1 ? !q->phase : q->phase;
    put_le32(e, dw0);
    put_le32(e + 8, (uint32_t)qid << 16 | q->head);
    put_le32(e + 12, (uint32_t)status << 17 | (phase ? 1u << 16 : 0) | cid);
    if (++q->cq_tail == q->size) {
        q->cq_tail = 0;
        q->phase = !q->phase;
    }
}

static void identify(const uint8_t *cmd, uint8_t *out, uint16_t *status)
{
    uint32_t nsid = get_le32(cmd + 4), cns = get_le32(cmd + 40);
    memset(out, 0, 4096);
    if (cns == NVME_CNS_CONTROLLER) {
        memcpy(out + 24, "Simulated NVMe                          ", 40);
        out[77] = 2;                                /* 16 KiB per command */
        put_le32(out + 516, ctl.nn);
    } else if (cns == NVME_CNS_ACTIVE_LIST) {
        if (ctl.mode == NO_NS_LIST) {
            *status = 0x002;
            return;
        }
        for (uint32_t n = nsid + 1, i = 0; n <= 2; n++)
            if (ctl.lbads[n])
                put_le32(out + 4 * i++, n);
    } else if (nsid >= 1 && nsid <= 2 && ctl.lbads[nsid]) {
        put_le64(out, NS_BLOCKS);
        out[25] = 1;                                /* two formats */
        out[26] = 1;                                /* the second */
        put_le32(out + 132, (uint32_t)ctl.lbads[nsid] << 16 | ctl.ms[nsid]);
    }
}

/* A read through PRP entries: the first page, the second or a list. */
static uint16_t read_blocks(const uint8_t *cmd)
{
    uint32_t nsid = get_le32(cmd + 4);
    unsigned bs = 1u << ctl.lbads[nsid];
    uint64_t slba = get_le64(cmd + 40), len = (uint64_t)(get_le32(cmd + 48) + 1) * bs;
    uint64_t prp1 = get_le64(cmd + 24), prp2 = get_le64(cmd + 32);
    assert_int_equal(prp1 % 4096, 0);
    assert_true(len <= 16384);
    ctl.reads++;
    if (ctl.mode == READ_ERRORS)
        return 0x281;
    for (uint64_t off = 0; off < len; off += 4096) {
        uint64_t page = off == 0 ? prp1 : len <= 8192 ? prp2 : get_le64(at(prp2) + 8 * (off / 4096 - 1));
        for (uint64_t i = 0; i < 4096 && off + i < len; i++)
            at(page)[i] = disk_byte(nsid, slba * bs + off + i);
    }
    return 0;
}

static void run_admin(const uint8_t *cmd, uint16_t *status)
{
    uint32_t cdw10 = get_le32(cmd + 40), cdw11 = get_le32(cmd + 44);
    switch (cmd[0]) {
    case NVME_ADMIN_IDENTIFY:
        identify(cmd, at(get_le64(cmd + 24)), status);
        break;
    case NVME_ADMIN_CREATE_CQ:
        assert_int_equal(cdw10 & 0xffff, 1);
        assert_int_equal(cdw11 & 3, 1);              /* contiguous, no interrupts */
        ctl.q[1] = (struct simq){ .cq = get_le64(cmd + 24), .size = (uint16_t)((cdw10 >> 16) + 1), .phase = true };
        break;
    case NVME_ADMIN_CREATE_SQ:
        assert_int_equal(cdw11, 1u << 16 | 1);
        ctl.q[1].sq = get_le64(cmd + 24);
        break;
    default:
        *status = 0x001;
    }
}

static void doorbell(unsigned qid)
{
    struct simq *q = &ctl.q[qid];
    unsigned batch = 0;
    while (q->head != q->tail) {
        const uint8_t *cmd = at(q->sq) + 64 * q->head;
        uint16_t cid = get_le16(cmd + 2), status = 0;
        q->head = (uint16_t)((q->head + 1) % q->size);
        batch++;
        if (qid == 0) {
            run_admin(cmd, &status);
        } else {
            assert_int_equal(cmd[0], NVME_CMD_READ);
            if (ctl.mode == SILENT_ON_READ)
                continue;
            if (ctl.mode == FATAL_ON_READ) {
                ctl.csts |= CSTS_CFS;
                continue;
            }
            status = read_blocks(cmd);
        }
        complete(qid, ctl.mode == WRONG_CID && qid == 1 ? (uint16_t)(cid + 1) : cid, status, 0);
    }
    if (batch > ctl.commands_in_one_batch)
        ctl.commands_in_one_batch = batch;
}

static void write_cc(uint32_t v)
{
    if ((v & CC_EN) && !(ctl.cc & CC_EN)) {
        assert_int_equal(v & 0x00ff0000, CC_QUEUE_ENTRIES);
        ctl.q[0] = (struct simq){ ctl.asq, ctl.acq, (uint16_t)((ctl.aqa & 0xfff) + 1), 0, 0, 0, true };
        if (ctl.mode != NEVER_READY)
            ctl.csts |= CSTS_RDY;
    }
    if ((v & CC_SHN_NORMAL) && (ctl.cc & CC_EN)) {
        ctl.shutdowns++;
        ctl.csts |= CSTS_SHST_DONE;
    }
    if (!(v & CC_EN))
        ctl.csts = 0;
    ctl.cc = v;
}

#define BAR 0x200000000ull
uint32_t mmio_read_le(uint64_t addr, unsigned size)
{
    assert_int_equal(size, 4);
    switch (addr - BAR) {
    case REG_CAP: return 0x0f0000ffu;             /* TO 7.5 s, 256 entries */
    case REG_CAP + 4: return 1u << 5;             /* NVM command set, stride 4 */
    case REG_VS: return 0x00010400;
    case REG_CC: return ctl.cc;
    case REG_CSTS: return ctl.csts;
    }
    fail_msg("read of register 0x%lx", (unsigned long)(addr - BAR));
    return 0;
}
void mmio_write_le(uint64_t addr, unsigned size, uint32_t v)
{
    uint64_t off = addr - BAR;
    assert_int_equal(size, 4);
    if (off >= REG_DOORBELLS) {
        unsigned db = (unsigned)(off - REG_DOORBELLS) / 4, qid = db / 2;
        assert_true(qid < 2 && v < ctl.q[qid].size);
        if (db % 2 == 0) {
            ctl.q[qid].tail = (uint16_t)v;
            doorbell(qid);
        }
        return;
    }
    switch (off) {
    case REG_CC: write_cc(v); return;
    case REG_AQA: ctl.aqa = v; return;
    case REG_ASQ: ctl.asq = (ctl.asq & ~0xffffffffull) | v; return;
    case REG_ASQ + 4: ctl.asq = (ctl.asq & 0xffffffffull) | (uint64_t)v << 32; return;
    case REG_ACQ: ctl.acq = (ctl.acq & ~0xffffffffull) | v; return;
    case REG_ACQ + 4: ctl.acq = (ctl.acq & 0xffffffffull) | (uint64_t)v << 32; return;
    }
    fail_msg("write of register 0x%lx", (unsigned long)off);
}

/* ---- the tests ---------------------------------------------------------- */
static struct dt_node fn = { .name = "mass-storage@3" };
static struct pci_phb phb = { .dma = { 0x80000000, 0, 0x40000000 } };
static struct pci_dev pd = { .phb = &phb, .node = &fn, .bar = { { PCI_SPACE_MEM64, 0, BAR, 0x4000 } } };

static int reset_world(void **state)
{
    (void)state;
    dma_stub_reset(0x80000000, 0x100000000000ull);
    memset(&ctl, 0, sizeof(ctl));
    ctl.lbads[1] = 9;
    ctl.lbads[2] = 12;
    ctl.nn = 2;
    logged[0] = '\0';
    lines = errors = ndisks = nnodes = 0;
    tracked = NULL;
    published = NULL;
    return 0;
}

static void check_data(struct blockdev *d, uint32_t nsid, uint64_t lba, uint64_t count)
{
    size_t len = (size_t)(count * d->block_size);
    uint8_t *buf = malloc(len);
    assert_int_equal(d->read(d, lba, count, buf), 0);
    for (size_t i = 0; i < len; i++)
        if (buf[i] != disk_byte(nsid, lba * d->block_size + i))
            fail_msg("namespace %u byte %zu of a read at %lu", nsid, i, (unsigned long)lba);
    free(buf);
}

static void stop_and_forget(void)
{
    tracked->stop(tracked);
    assert_int_equal(buffers, 0);
    assert_null(published);
    for (unsigned i = 0; i < ndisks; i++)
        free(disks[i]->priv);
    free((char *)tracked - offsetof(struct nvme_ctrl, dmadev));
}

static void reads_come_back_intact_then_it_shuts_down(void **state)
{
    (void)state;
    assert_int_equal(nvme_probe(&pd), 0);
    assert_non_null(strstr(logged, "nvme mass-storage@3: NVMe 1.4 controller \"Simulated NVMe\", 16 KiB per command"));
    assert_int_equal(ndisks, 2);
    assert_int_equal(errors, 0);
    assert_ptr_equal(published, &fn);
    assert_string_equal(disks[0]->node->name, "namespace@1,0");
    assert_string_equal(disks[1]->node->name, "namespace@2,0");
    assert_true(disks[0]->named_by_parent);
    assert_int_equal(disks[0]->block_size, 512);
    assert_int_equal(disks[1]->block_size, 4096);
    assert_int_equal(disks[1]->nblocks, NS_BLOCKS);
    check_data(disks[0], 1, 0, 1);
    check_data(disks[0], 1, 3, 100);
    check_data(disks[0], 1, 0, NS_BLOCKS);        /* two data areas' worth */
    check_data(disks[1], 2, 5, 300);
    assert_true(ctl.commands_in_one_batch > 8);   /* many commands in flight */
    assert_int_equal(errors, 0);
    stop_and_forget();
    assert_int_equal(ctl.shutdowns, 1);
    assert_int_equal(ctl.cc, 0);
}

static void a_restart_brings_it_back(void **state)
{
    (void)state;
    assert_int_equal(nvme_probe(&pd), 0);
    tracked->stop(tracked);
    assert_int_equal(buffers, 0);
    uint8_t b[512];
    assert_int_equal(disks[0]->read(disks[0], 0, 1, b), ERR_IO);
    assert_non_null(strstr(logged, "namespace@1,0: not usable (the controller failed or was stopped)"));
    assert_int_equal(tracked->start(tracked), 0);
    assert_ptr_equal(published, &fn);
    check_data(disks[1], 2, 0, 10);
    stop_and_forget();
    assert_int_equal(ctl.shutdowns, 2);
}

static void never_ready_is_one_line_in_bounded_time(void **state)
{
    (void)state;
    ctl.mode = NEVER_READY;
    uint64_t start = now_us;
    assert_int_equal(nvme_probe(&pd), ERR_TIMEOUT);
    assert_string_equal(logged, "nvme mass-storage@3: not ready 7500 ms after being enabled; not used\n");
    assert_true(now_us - start >= 7500000ull && now_us - start < 8000000ull);
    assert_int_equal(buffers, 0);
    assert_int_equal(ndisks, 0);
    assert_null(tracked);
    assert_int_equal(ctl.cc, 0);
}

/* Each fault during a read: one line, the controller reset, no data. */
static void read_fault(int mode, int want, const char *line)
{
    assert_int_equal(nvme_probe(&pd), 0);
    uint8_t *buf = malloc(65536);
    ctl.mode = mode;
    logged[0] = '\0';
    lines = 0;
    uint64_t start = now_us;
    assert_int_equal(disks[0]->read(disks[0], 0, 128, buf), want);
    assert_string_equal(logged, line);
    assert_true(now_us - start < 12000000ull);
    assert_int_equal(ctl.cc, 0);
    assert_int_equal(disks[1]->read(disks[1], 0, 1, buf), ERR_IO);   /* failed for good */
    free(buf);
    stop_and_forget();
}

static void a_fatal_status_fails_the_controller(void **state)
{
    (void)state;
    read_fault(FATAL_ON_READ, ERR_IO,
               "nvme mass-storage@3: reports a controller fatal status (CSTS.CFS); not used any more\n");
}

static void a_completion_for_another_command_fails_it(void **state)
{
    (void)state;
    read_fault(WRONG_CID, ERR_IO,
               "nvme mass-storage@3: completed a command that was not in flight; not used any more\n");
}

static void a_stale_phase_tag_is_a_timeout(void **state)
{
    (void)state;
    read_fault(STALE_PHASE, ERR_TIMEOUT, "nvme mass-storage@3: no completion within 10 s; not used any more\n");
}

static void silence_is_a_timeout(void **state)
{
    (void)state;
    read_fault(SILENT_ON_READ, ERR_TIMEOUT, "nvme mass-storage@3: no completion within 10 s; not used any more\n");
}

/* A failed read is the disk's, not the controller's: it stays usable. */
static void read_errors_are_reported_and_the_controller_stays(void **state)
{
    (void)state;
    assert_int_equal(nvme_probe(&pd), 0);
    uint8_t buf[4096];
    ctl.mode = READ_ERRORS;
    logged[0] = '\0';
    assert_int_equal(disks[0]->read(disks[0], 8, 8, buf), ERR_IO);
    assert_string_equal(logged, "nvme mass-storage@3 namespace@1,0: read of blocks 8-15 failed: "
                                "unrecovered read error (status 0x281)\n");
    ctl.mode = WORKS;
    check_data(disks[0], 1, 8, 8);
    stop_and_forget();
}

static void without_a_namespace_list_each_is_asked_about(void **state)
{
    (void)state;
    ctl.mode = NO_NS_LIST;
    assert_int_equal(nvme_probe(&pd), 0);
    assert_int_equal(ndisks, 2);
    check_data(disks[1], 2, 1, 2);
    stop_and_forget();
}

/* A controller that claims four billion namespaces: a bounded look. */
static void a_huge_namespace_count_is_looked_at_only_so_far(void **state)
{
    (void)state;
    ctl.mode = NO_NS_LIST;
    ctl.nn = UINT32_MAX;
    uint64_t start = now_us;
    assert_int_equal(nvme_probe(&pd), 0);
    assert_int_equal(ndisks, 2);
    assert_non_null(strstr(logged, "nvme mass-storage@3: only its first 4096 namespaces are looked at\n"));
    assert_int_equal(errors, 0);
    assert_true(now_us - start < 5000000ull);
    stop_and_forget();
}

static void namespaces_with_metadata_or_odd_blocks_are_skipped(void **state)
{
    (void)state;
    ctl.ms[1] = 8;
    ctl.lbads[2] = 13;
    assert_int_equal(nvme_probe(&pd), 0);
    assert_int_equal(ndisks, 0);
    assert_non_null(strstr(logged, "namespace@1,0: its blocks carry metadata; skipped\n"));
    assert_non_null(strstr(logged, "namespace@2,0: its blocks are not 512 to 4096 bytes; skipped\n"));
    assert_non_null(strstr(logged, "nvme mass-storage@3: no usable namespace\n"));
    stop_and_forget();
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test_setup(reads_come_back_intact_then_it_shuts_down, reset_world),
        cmocka_unit_test_setup(a_restart_brings_it_back, reset_world),
        cmocka_unit_test_setup(never_ready_is_one_line_in_bounded_time, reset_world),
        cmocka_unit_test_setup(a_fatal_status_fails_the_controller, reset_world),
        cmocka_unit_test_setup(a_completion_for_another_command_fails_it, reset_world),
        cmocka_unit_test_setup(a_stale_phase_tag_is_a_timeout, reset_world),
        cmocka_unit_test_setup(silence_is_a_timeout, reset_world),
        cmocka_unit_test_setup(read_errors_are_reported_and_the_controller_stays, reset_world),
        cmocka_unit_test_setup(without_a_namespace_list_each_is_asked_about, reset_world),
        cmocka_unit_test_setup(a_huge_namespace_count_is_looked_at_only_so_far, reset_world),
        cmocka_unit_test_setup(namespaces_with_metadata_or_odd_blocks_are_skipped, reset_world),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
