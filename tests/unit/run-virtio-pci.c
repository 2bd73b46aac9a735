/* SPDX-License-Identifier: BSD-2-Clause */
/* virtio-pci negotiation against a simulated device. */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <cmocka.h>

#include "fdt/tree.c"
#include "pci/config.c"
#include "virtio/pci.c"
#include "virtio/ring.c"
#include "dev/binding.c"

/* ---- the simulated device ------------------------------------------------ */
#define BAR4 0x210000000000ull
static uint8_t cfg[256];
static uint64_t offered, accepted;
static uint32_t dfsel, gfsel;
static uint8_t status;
static uint16_t queue_max_size, queue_size_written, queue_enabled;
static bool refuse_features;
static char logged[256];
static struct pci_phb phb = { .dma = { 0x80000000, 0, 1 << 30 } };
static struct dma_ctx *fake_ctx = (struct dma_ctx *)0x1234;
static bool ctx_translated;

int32_t rtas_call(const char *name, int nargs, int nret, const uint32_t *args, uint32_t *rets)
{
    (void)nargs; (void)nret;
    unsigned reg = args[0] & 0xff, size = args[3];
    if (strcmp(name, "ibm,read-pci-config") == 0) {
        uint32_t v = 0;
        for (unsigned i = 0; i < size; i++)
            v |= (uint32_t)cfg[reg + i] << (8 * i);
        rets[0] = 0;
        rets[1] = v;
    } else {
        rets[0] = 0;
    }
    return 0;
}

#define LEGACY_IO 0x1000

uint64_t mmio_read(uint64_t addr, unsigned size)
{
    (void)size;
    assert_true(addr == BAR4 + C_STATUS || addr == LEGACY_IO + L_STATUS);
    return (refuse_features ? status & ~VIRTIO_STATUS_FEATURES_OK : status);
}

void mmio_write(uint64_t addr, unsigned size, uint64_t v)
{
    (void)size;
    assert_true(addr == BAR4 + C_STATUS || addr == LEGACY_IO + L_STATUS);
    status = (uint8_t)v;
}

uint32_t mmio_read_le(uint64_t addr, unsigned size)
{
    (void)size;
    if (addr == BAR4 + C_DF)
        return (uint32_t)(offered >> (32 * dfsel));
    if (addr == LEGACY_IO + L_HOST_FEATURES)
        return (uint32_t)offered;
    if (addr == BAR4 + C_Q_SIZE)
        return queue_max_size;
    return 0;
}

void mmio_write_le(uint64_t addr, unsigned size, uint32_t v)
{
    (void)size;
    if (addr == BAR4 + C_DFSELECT)
        dfsel = v;
    else if (addr == BAR4 + C_GFSELECT)
        gfsel = v;
    else if (addr == BAR4 + C_GF)
        accepted = (accepted & ~(0xffffffffull << (32 * gfsel))) | (uint64_t)v << (32 * gfsel);
    else if (addr == BAR4 + C_Q_SIZE)
        queue_size_written = (uint16_t)v;
    else if (addr == BAR4 + C_Q_ENABLE)
        queue_enabled = (uint16_t)v;
}

uint64_t timebase_us(void) { return 0; }
int dma_ctx_new(const struct dma_window *w, bool translated, struct dma_ctx **out)
{
    assert_ptr_equal(w, &phb.dma);
    ctx_translated = translated;
    *out = fake_ctx;
    return 0;
}
int dmadev_register(struct dma_device *d) { (void)d; return 0; }
static void *ring_mem;
int dma_alloc(struct dma_ctx *c, uint64_t len, struct dma_buf *out)
{
    assert_ptr_equal(c, fake_ctx);
    ring_mem = out->cpu = aligned_alloc(4096, (len + 4095) & ~4095ull);
    out->bus = 0x10000;
    out->len = len;
    return 0;
}
static bool bounce;
bool dma_bounce_required(void) { return bounce; }
void dma_ctx_free(struct dma_ctx *c) { assert_ptr_equal(c, fake_ctx); }
enum dma_mode dma_ctx_mode(const struct dma_ctx *c)
{
    (void)c;
    return bounce ? DMA_BOUNCE : ctx_translated ? DMA_TRANSLATED : DMA_BYPASS;
}
const char *dma_mode_name(enum dma_mode m)
{
    return m == DMA_BOUNCE ? "bounce" : m == DMA_TRANSLATED ? "translated" : "bypass";
}
bool dma_ctx_window(const struct dma_ctx *c, uint32_t *l, uint64_t *b, uint64_t *s)
{
    (void)c;
    if (!ctx_translated)
        return false;
    *l = 0x80000000; *b = 0; *s = 1 << 30;
    return true;
}
#define LOG_STUB(name) \
    void name(const char *fmt, ...) { va_list ap; va_start(ap, fmt); vsnprintf(logged, sizeof(logged), fmt, ap); va_end(ap); }
LOG_STUB(log_error)
LOG_STUB(log_debug)
LOG_STUB(log_info)

static void vendor_cap(unsigned at, unsigned next, uint8_t type, uint32_t off, uint32_t len)
{
    cfg[at] = 0x09;
    cfg[at + 1] = (uint8_t)next;
    cfg[at + 3] = type;
    cfg[at + 4] = 4;
    for (int i = 0; i < 4; i++) {
        cfg[at + 8 + i] = (uint8_t)(off >> (8 * i));
        cfg[at + 12 + i] = (uint8_t)(len >> (8 * i));
    }
}

static struct pci_dev pd;
static struct virtio_dev vd;

static int setup(void **state)
{
    (void)state;
    memset(cfg, 0, sizeof(cfg));
    cfg[0x06] = 0x10;               /* status: capability list */
    cfg[0x34] = 0x40;
    vendor_cap(0x40, 0x54, CAP_COMMON, 0, 0x38);
    vendor_cap(0x54, 0x68, CAP_NOTIFY, 0x3000, 0x1000);
    vendor_cap(0x68, 0x7c, CAP_DEVICE, 0x2000, 0x100);
    vendor_cap(0x7c, 0x40, CAP_ISR, 0x1000, 0x4);   /* loops back: must end */
    dt_init();
    memset(&pd, 0, sizeof(pd));
    pd.phb = &phb;
    pd.node = dt_new_node(dt_root(), "scsi@0");
    pd.vendor = 0x1af4;
    pd.device = 0x1042;
    pd.bar[4] = (struct pci_bar){ PCI_SPACE_MEM64, BAR4, BAR4, 0x4000, 0 };
    status = 0;
    accepted = 0;
    refuse_features = false;
    bounce = false;
    return 0;
}

static void modern_device_is_found(void **state)
{
    (void)state;
    assert_true(virtio_pci_probe(&pd, &vd));
    assert_true(vd.modern);
    assert_int_equal(vd.id, VIRTIO_ID_BLOCK);
    assert_int_equal(vd.common, BAR4);
    assert_int_equal(vd.devcfg, BAR4 + 0x2000);
    pd.vendor = 0x8086;
    assert_false(virtio_pci_probe(&pd, &vd));
}

static void access_platform_is_accepted_and_translates(void **state)
{
    (void)state;
    offered = VIRTIO_F_VERSION_1 | VIRTIO_F_ACCESS_PLATFORM | (1ull << 6) | (1ull << 40) | (1ull << 9);
    assert_true(virtio_pci_probe(&pd, &vd));
    assert_int_equal(virtio_start(&vd, 1ull << 6), 0);
    /* Only what both sides implement: nothing unknown (bits 9 and 40). */
    assert_int_equal(accepted, VIRTIO_F_VERSION_1 | VIRTIO_F_ACCESS_PLATFORM | (1ull << 6));
    assert_true(ctx_translated);
    assert_true(status & VIRTIO_STATUS_FEATURES_OK);
    virtio_publish_dma(&vd);
    assert_string_equal(dt_get_string(pd.node, "sluice,dma-mode"), "translated");
    uint32_t v;
    assert_true(dt_get_u32(pd.node, "sluice,access-platform", &v) && v == 1);
    assert_non_null(dt_get(pd.node, "sluice,dma-window", NULL));
}

static void no_access_platform_means_bypass(void **state)
{
    (void)state;
    offered = VIRTIO_F_VERSION_1;
    assert_true(virtio_pci_probe(&pd, &vd));
    assert_int_equal(virtio_start(&vd, 0), 0);
    assert_false(ctx_translated);
    virtio_publish_dma(&vd);
    assert_string_equal(dt_get_string(pd.node, "sluice,dma-mode"), "bypass");
    assert_null(dt_get(pd.node, "sluice,dma-window", NULL));
}

static void secure_mode_bounces_through_the_iommu(void **state)
{
    (void)state;
    bounce = true;
    offered = VIRTIO_F_VERSION_1 | VIRTIO_F_ACCESS_PLATFORM;
    assert_true(virtio_pci_probe(&pd, &vd));
    assert_int_equal(virtio_start(&vd, 0), 0);
    assert_true(ctx_translated);
    virtio_publish_dma(&vd);
    assert_string_equal(dt_get_string(pd.node, "sluice,dma-mode"), "bounce");
    assert_non_null(dt_get(pd.node, "sluice,dma-window", NULL));
}

static void secure_mode_refuses_devices_without_access_platform(void **state)
{
    (void)state;
    offered = VIRTIO_F_VERSION_1;
    assert_true(virtio_pci_probe(&pd, &vd));
    assert_int_equal(virtio_start(&vd, 0), 0);
    virtio_publish_dma(&vd);
    bounce = true;
    status = 0;
    assert_int_equal(virtio_start(&vd, 0), ERR_INVALID);
    assert_non_null(strstr(logged, "does not offer ACCESS_PLATFORM"));
    assert_true(status & VIRTIO_STATUS_FAILED);
    /* A device the firmware stopped driving leaves no binding behind. */
    assert_int_equal(virtio_abandon(&vd), ERR_IO);
    virtio_publish_dma(&vd);
    assert_null(dt_get(pd.node, "sluice,dma-mode", NULL));
    assert_null(dt_get(pd.node, "sluice,access-platform", NULL));
}

static void secure_mode_refuses_legacy_devices(void **state)
{
    (void)state;
    bounce = true;
    pd.device = 0x1001;
    pd.bar[4].space = 0;
    pd.bar[0] = (struct pci_bar){ PCI_SPACE_IO, 0x1000, LEGACY_IO, 0x40, 0 };
    memset(cfg, 0, sizeof(cfg));
    cfg[0x2e] = VIRTIO_ID_BLOCK;
    assert_true(virtio_pci_probe(&pd, &vd));
    assert_false(vd.modern);
    assert_int_equal(virtio_start(&vd, 0), ERR_INVALID);
    assert_non_null(strstr(logged, "legacy-only"));
}

/* A legacy-only device whose I/O BAR found no room says that, not that
 * it has no interface. */
static void a_legacy_device_without_its_io_bar_says_so(void **state)
{
    (void)state;
    pd.device = 0x1001;
    pd.bar[4].space = 0;
    pd.bar[0] = (struct pci_bar){ 0, 0, 0, 0x40, PCI_SPACE_IO };
    memset(cfg, 0, sizeof(cfg));
    assert_false(virtio_pci_probe(&pd, &vd));
    assert_string_equal(logged, "virtio scsi@0: a legacy-only device, and its I/O BAR got no address "
                                "(the PHB's I/O space is full); not used\n");
}

static void refused_features_fail_the_device(void **state)
{
    (void)state;
    offered = VIRTIO_F_VERSION_1 | VIRTIO_F_ACCESS_PLATFORM;
    refuse_features = true;
    assert_true(virtio_pci_probe(&pd, &vd));
    assert_int_equal(virtio_start(&vd, 0), ERR_IO);
    assert_non_null(strstr(logged, "FEATURES_OK"));
    assert_true(status & VIRTIO_STATUS_FAILED);
}

static void modern_without_version_1_fails(void **state)
{
    (void)state;
    offered = 0;
    assert_true(virtio_pci_probe(&pd, &vd));
    assert_int_equal(virtio_start(&vd, 0), ERR_IO);
    assert_non_null(strstr(logged, "VERSION_1"));
}

static void caps_outside_the_bar_are_ignored(void **state)
{
    (void)state;
    vendor_cap(0x40, 0x54, CAP_COMMON, 0x3fff0, 0x38);         /* past the 16 KiB BAR */
    pd.device = 0x1001;                                      /* transitional, no I/O BAR */
    assert_false(virtio_pci_probe(&pd, &vd));
    assert_non_null(strstr(logged, "neither modern capabilities nor a legacy I/O BAR"));
}

/* A queue as large as the firmware wants and the device allows, a power
 * of two and no smaller than the driver needs; else refused. */
static void queues_are_held_to_sizes_that_work(void **state)
{
    (void)state;
    struct virtq vq;
    struct dma_buf ring;
    assert_true(virtio_pci_probe(&pd, &vd));
    vd.dma = fake_ctx;
    queue_max_size = 1024;
    assert_int_equal(virtio_queue_setup(&vd, 0, 128, 1, &vq, &ring), 0);
    assert_int_equal(vq.size, 128);
    assert_int_equal(queue_size_written, 128);
    assert_int_equal(queue_enabled, 1);
    free(ring_mem);
    static const uint16_t bad[] = { 0, 100, 64 };
    for (unsigned i = 0; i < 3; i++) {
        queue_max_size = bad[i];
        queue_enabled = 0;
        assert_int_equal(virtio_queue_setup(&vd, 0, 128, 128, &vq, &ring), ERR_INVALID);
        assert_int_equal(queue_enabled, 0);
    }
}

int main(void)
{
#define T(f) cmocka_unit_test_setup(f, setup)
    const struct CMUnitTest tests[] = {
        T(modern_device_is_found), T(access_platform_is_accepted_and_translates),
        T(no_access_platform_means_bypass), T(refused_features_fail_the_device),
        T(modern_without_version_1_fails), T(caps_outside_the_bar_are_ignored),
        T(queues_are_held_to_sizes_that_work),
        T(secure_mode_bounces_through_the_iommu), T(secure_mode_refuses_devices_without_access_platform),
        T(secure_mode_refuses_legacy_devices), T(a_legacy_device_without_its_io_bar_says_so),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
