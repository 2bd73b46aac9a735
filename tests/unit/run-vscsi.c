/* SPDX-License-Identifier: BSD-2-Clause */
/* The spapr-vscsi driver's start against a simulated hypervisor: a device
 * that never answers the CRQ handshake, a hypervisor that refuses the
 * queue, and one that finds a queue left registered (a guest reset). Each
 * ends in bounded time with one line, and leaves nothing registered or
 * mapped behind. */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <cmocka.h>

#include "vio/crq.c"
#include "drivers/block/vscsi.c"
#include "dma-stub.h"

/* ---- the hypervisor -------------------------------------------------- */
static enum { SILENT, ANSWERS, REFUSES, LEFT_REGISTERED } hv;
static uint8_t *crq_page;            /* the registered queue, as the hypervisor sees it */
static unsigned registered, freed, sends;
static uint64_t now_us;

long hv_call(struct hcall_regs *r)
{
    switch (r->r[0]) {
    case H_REG_CRQ:
        if (hv == REFUSES)
            return (long)(r->r[0] = (uint64_t)H_PARAMETER);
        if (hv == LEFT_REGISTERED && registered == 0 && freed == 0) {
            r->r[0] = (uint64_t)H_RESOURCE;
            return H_RESOURCE;
        }
        assert_int_equal(r->r[3], 4096);
        crq_page = dma_stub_at(r->r[2]);
        registered++;
        break;
    case H_FREE_CRQ:
        freed++;
        crq_page = NULL;
        break;
    case H_SEND_CRQ:
        sends++;
        if (hv != SILENT && crq_page && r->r[2] >> 48 == 0xc001) {
            crq_page[1] = CRQ_INIT_COMPLETE;        /* the answer, valid byte last */
            crq_page[0] = CRQ_VALID_INIT;
        }
        break;
    default:
        fail_msg("unexpected hypercall 0x%lx", (unsigned long)r->r[0]);
    }
    r->r[0] = H_SUCCESS;
    return H_SUCCESS;
}

/* ---- the rest of the firmware ----------------------------------------- */
static char logged[256];
static unsigned tracked, scans;
static const struct dt_node *published;
uint64_t timebase_us(void) { return now_us += 100; }
#define LOG_STUB(name) \
    void name(const char *fmt, ...) { va_list ap; va_start(ap, fmt); vsnprintf(logged, sizeof(logged), fmt, ap); va_end(ap); }
LOG_STUB(log_info)
LOG_STUB(log_error)
LOG_STUB(log_debug)
static struct dma_device *registered_dev;
int dmadev_register(struct dma_device *d) { registered_dev = d; tracked++; return 0; }
void binding_publish(struct dt_node *n, struct dma_ctx *dma) { published = dma ? n : NULL; }
int scsi_report_luns(struct scsi_host *h, const uint8_t lun[8], uint8_t (**out)[8])
{
    (void)h; (void)lun;
    scans++;
    *out = NULL;
    return 0;
}
int scsi_add_lun(struct scsi_host *h, const uint8_t lun[8], uint64_t unit)
{ (void)h; (void)lun; (void)unit; return ERR_NOT_FOUND; }

static struct dt_node node = { .name = "v-scsi@71000002" };
static const struct vio_dev vio = { &node, 0x71000002, { 0x71000002, 0, 0x10000000 } };

static int reset_world(void **state)
{
    (void)state;
    registered = freed = sends = tracked = scans = 0;
    dma_stub_reset(0x71000002, 0x10000);
    crq_page = NULL;
    published = NULL;
    logged[0] = '\0';
    return 0;
}

static void a_silent_device_is_given_up_in_a_second(void **state)
{
    (void)state;
    hv = SILENT;
    uint64_t before = now_us;
    assert_int_equal(vscsi_probe(&vio), ERR_IO);
    assert_true(now_us - before <= 1100000);
    assert_string_equal(logged, "v-scsi@71000002: no answer to the CRQ handshake in 1000 ms; not used\n");
    assert_int_equal(freed, 1);               /* H_FREE_CRQ */
    assert_int_equal(buffers, 0);             /* every buffer (and so every TCE) given back */
    assert_int_equal(tracked, 0);
    assert_null(published);
}

static void a_refused_queue_is_said_so(void **state)
{
    (void)state;
    hv = REFUSES;
    assert_int_equal(vscsi_probe(&vio), ERR_IO);
    assert_string_equal(logged, "v-scsi@71000002: the hypervisor refused its command queue (H_REG_CRQ -4)\n");
    assert_int_equal(buffers, 0);
    assert_int_equal(sends, 0);
}

/* After a reset the hypervisor may still hold the last guest's queue. */
static void a_queue_left_registered_is_freed_and_taken(void **state)
{
    (void)state;
    hv = LEFT_REGISTERED;
    assert_int_equal(vscsi_probe(&vio), 0);
    assert_int_equal(freed, 1);
    assert_int_equal(registered, 1);
    assert_int_equal(tracked, 1);
    assert_int_equal(scans, 1);
    assert_ptr_equal(published, &node);
    assert_string_equal(logged, "v-scsi@71000002: spapr-vscsi, DMA translated\n");
    /* The device lives on; the firmware stops it before hand-off. */
    registered_dev->stop(registered_dev);
    assert_int_equal(freed, 2);
    assert_int_equal(buffers, 0);
    free((char *)registered_dev - offsetof(struct vscsi, dmadev));
}

/* A device that takes the handshake and then never answers a command:
 * one line after the wait, and no command sent to it again (a scan of 64
 * targets must not wait 64 times). */
static void a_device_that_stops_answering_is_given_up(void **state)
{
    (void)state;
    hv = ANSWERS;                             /* the handshake only */
    assert_int_equal(vscsi_probe(&vio), 0);
    struct vscsi *v = (struct vscsi *)((char *)registered_dev - offsetof(struct vscsi, dmadev));
    const uint8_t lun[8] = { 0x81 }, cdb[10] = { 0x28 };
    uint8_t buf[2048];
    struct scsi_result res;
    unsigned sent = sends;
    uint64_t before = now_us;
    assert_int_equal(v->host.ops->command(&v->host, lun, cdb, sizeof(cdb), buf, sizeof(buf), &res), ERR_IO);
    assert_true(now_us - before >= 30000000 && now_us - before <= 30100000);
    assert_string_equal(logged, "v-scsi@71000002: no answer to command 0x28 in 30 s; not used any more\n");
    assert_int_equal(sends, sent + 1);
    logged[0] = '\0';
    before = now_us;
    assert_int_equal(v->host.ops->command(&v->host, lun, cdb, sizeof(cdb), buf, sizeof(buf), &res), ERR_IO);
    assert_int_equal(sends, sent + 1);
    assert_true(now_us - before < 1000);
    assert_string_equal(logged, "");
    registered_dev->stop(registered_dev);
    assert_int_equal(buffers, 0);
    free(v);
}

int main(void)
{
#define T(f) cmocka_unit_test_setup(f, reset_world)
    const struct CMUnitTest tests[] = {
        T(a_silent_device_is_given_up_in_a_second), T(a_refused_queue_is_said_so),
        T(a_queue_left_registered_is_freed_and_taken),
        T(a_device_that_stops_answering_is_given_up),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
