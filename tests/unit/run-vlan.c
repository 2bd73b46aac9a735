/* SPDX-License-Identifier: BSD-2-Clause */
/* The spapr-vlan driver against a simulated hypervisor that keeps the
 * receive queue as QEMU's spapr_llan.c does (valid and toggle bits, the
 * handle copied from the buffer's first 8 bytes). Frames flow both ways
 * over several passes of the queue; a hypervisor that refuses the device,
 * one that finds it left registered, and one that hands back nonsense are
 * each met with one line and no crash; stopping frees everything. */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <cmocka.h>

#include "drivers/net/vlan.c"

/* ---- the hypervisor -------------------------------------------------- */
static enum { WORKS, REFUSES, LEFT_REGISTERED } hv;
static uint8_t *buf_list, *rxq;
static uint32_t rxq_len, rxq_ptr;
static bool rxq_toggle;
static uint64_t posted_bds[1024];
static unsigned nposted, registers, frees, adds, sends;
static uint8_t sent[ETH_FRAME_MAX];
static size_t sent_len;

/* The device's buffer as the hypervisor reaches it: bus addresses from
 * BUS_BASE on (host pointers may lie above 4 GiB; a window's do not). */
#define BUS_BASE 0x100000u
#include "dma-stub.h"
#define at dma_stub_at

long hv_call(struct hcall_regs *r)
{
    long rc = H_SUCCESS;
    switch (r->r[0]) {
    case H_REGISTER_LOGICAL_LAN:
        if (hv == REFUSES || (hv == LEFT_REGISTERED && frees == 0)) {
            rc = hv == REFUSES ? H_PARAMETER : H_RESOURCE;
            break;
        }
        assert_int_equal(r->r[1], 0x71000002);
        assert_int_equal(r->r[2] % 4096, 0);
        assert_int_equal(r->r[4] % 4096, 0);
        assert_true(r->r[3] & BD_VALID);
        buf_list = at(r->r[2]);
        rxq = at(r->r[3] & 0xffffffffu);
        rxq_len = (uint32_t)(r->r[3] >> 32) & 0xffffff;
        rxq_ptr = 0;
        rxq_toggle = false;
        nposted = 0;
        registers++;
        break;
    case H_FREE_LOGICAL_LAN:
        frees++;
        buf_list = NULL;
        break;
    case H_ADD_LOGICAL_LAN_BUFFER:
        assert_non_null(buf_list);
        assert_true(r->r[2] & BD_VALID);
        assert_true(nposted < 1024);
        posted_bds[nposted++] = r->r[2];
        adds++;
        break;
    case H_SEND_LOGICAL_LAN:
        assert_true(r->r[2] & BD_VALID);
        for (unsigned i = 3; i <= 8; i++)
            assert_int_equal(r->r[i], 0);
        sent_len = (r->r[2] >> 32) & 0xffffff;
        memcpy(sent, at(r->r[2] & 0xffffffffu), sent_len);
        sends++;
        break;
    default:
        fail_msg("unexpected hypercall 0x%lx", (unsigned long)r->r[0]);
    }
    r->r[0] = (uint64_t)rc;
    return rc;
}

/* A frame arrives: into the oldest posted buffer, announced in the queue. */
static void deliver(const uint8_t *frame, uint32_t len)
{
    assert_true(nposted > 0);
    uint64_t bd = posted_bds[0];
    memmove(posted_bds, posted_bds + 1, --nposted * sizeof(posted_bds[0]));
    memcpy(at(bd & 0xffffffffu) + 8, frame, len);
    uint8_t *e = rxq + rxq_ptr;
    memcpy(e + 8, at(bd & 0xffffffffu), 8);        /* the handle */
    put_be32(e + 4, len);
    put_be16(e + 2, 8);
    e[0] = (uint8_t)(RXQ_VALID | (rxq_toggle ? 0 : RXQ_TOGGLE));
    rxq_ptr += 16;
    if (rxq_ptr >= rxq_len) {
        rxq_ptr = 0;
        rxq_toggle = !rxq_toggle;
    }
}

/* An entry the hypervisor writes by hand, for nonsense. */
static void deliver_entry(uint8_t control, uint16_t off, uint32_t len, uint64_t handle)
{
    uint8_t *e = rxq + rxq_ptr;
    put_be64(e + 8, handle);
    put_be32(e + 4, len);
    put_be16(e + 2, off);
    e[0] = (uint8_t)(control | (rxq_toggle ? 0 : RXQ_TOGGLE));
    rxq_ptr += 16;
    if (rxq_ptr >= rxq_len) {
        rxq_ptr = 0;
        rxq_toggle = !rxq_toggle;
    }
}

/* ---- the rest of the firmware ----------------------------------------- */
static char logged[256];
static unsigned lines, tracked;
static const struct dt_node *published;
#define LOG_STUB(name) \
    void name(const char *fmt, ...) { va_list ap; va_start(ap, fmt); vsnprintf(logged, sizeof(logged), fmt, ap); va_end(ap); lines++; }
LOG_STUB(log_info)
LOG_STUB(log_error)
static struct dma_device *registered_dev;
int dmadev_register(struct dma_device *d) { registered_dev = d; tracked++; return 0; }
void binding_publish(struct dt_node *n, struct dma_ctx *dma) { published = dma ? n : NULL; }
struct registry netdevs;
static struct netdev *registered_nic;
int registry_add(struct registry *r, void *dev) { (void)r; registered_nic = dev; return 0; }
static uint8_t mac_prop[8] = { 0x52, 0x54, 0x00, 0x12, 0x34, 0x56 };
static uint32_t mac_len = 6;
const void *dt_get(const struct dt_node *node, const char *name, uint32_t *len)
{
    (void)node;
    if (strcmp(name, "local-mac-address"))
        return NULL;
    *len = mac_len;
    return mac_prop;
}
int dt_set(struct dt_node *node, const char *name, const void *value, uint32_t len)
{ (void)node; (void)name; (void)value; (void)len; return 0; }

static struct dt_node node = { .name = "l-lan@71000002" };
static const struct vio_dev vio = { &node, 0x71000002, { 0x71000002, 0, 0x10000000 } };

static int reset_world(void **state)
{
    (void)state;
    registers = frees = adds = sends = tracked = lines = 0;
    nposted = 0;
    buf_list = rxq = NULL;
    published = NULL;
    registered_nic = NULL;
    dma_stub_reset(0x71000002, BUS_BASE);
    hv = WORKS;
    mac_len = 6;
    logged[0] = '\0';
    return 0;
}

static void forget(void)
{
    registered_dev->stop(registered_dev);
    free((char *)registered_dev - offsetof(struct vlan, dmadev));
}

static void a_refused_device_is_said_so_and_skipped(void **state)
{
    (void)state;
    hv = REFUSES;
    assert_int_equal(vlan_probe(&vio), ERR_IO);
    assert_string_equal(logged, "l-lan@71000002: the hypervisor refused to register it "
                                "(H_REGISTER_LOGICAL_LAN -4); not used\n");
    assert_int_equal(lines, 1);
    assert_int_equal(buffers, 0);             /* nothing left mapped */
    assert_int_equal(adds, 0);
    assert_null(registered_nic);
    assert_int_equal(tracked, 0);
    assert_null(published);
}

static void buffers_out_of_a_descriptors_reach_are_refused(void **state)
{
    (void)state;
    dma_stub_next_bus = 1ull << 32;           /* a window above 4 GiB */
    assert_int_equal(vlan_probe(&vio), ERR_RANGE);
    assert_int_equal(registers, 0);
    assert_int_equal(buffers, 0);
    assert_null(registered_nic);
}

static void a_device_left_registered_is_freed_and_taken(void **state)
{
    (void)state;
    hv = LEFT_REGISTERED;
    assert_int_equal(vlan_probe(&vio), 0);
    assert_int_equal(frees, 1);
    assert_int_equal(registers, 1);
    assert_int_equal(adds, RX_BUFS);
    assert_ptr_equal(published, &node);
    forget();
}

static void frames_flow_over_many_passes_of_the_queue(void **state)
{
    (void)state;
    mac_len = 8;                              /* the padded form */
    memcpy(mac_prop, (uint8_t[]){ 0, 0, 0x02, 0x11, 0x22, 0x33, 0x44, 0x55 }, 8);
    assert_int_equal(vlan_probe(&vio), 0);
    assert_memory_equal(registered_nic->mac, ((uint8_t[]){ 0x02, 0x11, 0x22, 0x33, 0x44, 0x55 }), 6);
    uint8_t frame[ETH_FRAME_MAX], got[ETH_FRAME_MAX];
    assert_int_equal(vlan_poll(registered_nic, got, sizeof(got)), 0);
    for (unsigned n = 0; n < 3 * RX_BUFS + 7; n++) {
        uint32_t len = 60 + n % (ETH_FRAME_MAX - 60);
        memset(frame, (int)n, len);
        deliver(frame, len);
        if (n % 3 == 0) {                     /* sometimes two before a poll */
            memset(frame, (int)n + 1, len);
            deliver(frame, len);
        }
        assert_int_equal(vlan_poll(registered_nic, got, sizeof(got)), len);
        assert_int_equal(got[0], (uint8_t)n);
        assert_int_equal(got[len - 1], (uint8_t)n);
        if (n % 3 == 0) {
            assert_int_equal(vlan_poll(registered_nic, got, sizeof(got)), len);
            assert_int_equal(got[0], (uint8_t)(n + 1));
        }
        assert_int_equal(vlan_poll(registered_nic, got, sizeof(got)), 0);
        assert_int_equal(nposted, RX_BUFS);   /* every buffer went straight back */
    }
    assert_int_equal(buffers, 1);             /* one mapping, made once */
    assert_int_equal(lines, 1);               /* the probe's line, no complaint */
    memset(frame, 0xab, 100);
    assert_int_equal(vlan_send(registered_nic, frame, 100), 0);
    assert_int_equal(sent_len, 100);
    assert_memory_equal(sent, frame, 100);
    forget();
    assert_int_equal(frees, 1);
    assert_int_equal(buffers, 0);
    memcpy(mac_prop, (uint8_t[]){ 0x52, 0x54, 0x00, 0x12, 0x34, 0x56 }, 6);
}

static void nonsense_from_the_device_is_dropped_and_the_rest_flows(void **state)
{
    (void)state;
    assert_int_equal(vlan_probe(&vio), 0);
    uint8_t frame[64] = { 1, 2, 3 }, got[ETH_FRAME_MAX];
    unsigned before = lines;
    deliver_entry(RXQ_VALID, 8, 60, RX_BUFS + 5);         /* a buffer it never had */
    assert_int_equal(vlan_poll(registered_nic, got, sizeof(got)), 0);
    assert_string_equal(logged, "l-lan@71000002: returned a receive buffer it was not given "
                                "(0x85); frame dropped\n");
    /* A buffer it had, its frame said to run past the buffer's end. */
    uint64_t bd = posted_bds[0];
    memmove(posted_bds, posted_bds + 1, --nposted * sizeof(posted_bds[0]));
    deliver_entry(RXQ_VALID, 8, BUF_BYTES, get_be64(at(bd & 0xffffffffu)));
    assert_int_equal(vlan_poll(registered_nic, got, sizeof(got)), 0);
    assert_non_null(strstr(logged, "placed a frame outside its buffer"));
    assert_int_equal(nposted, RX_BUFS);       /* that buffer went back */
    /* A frame marked invalid. */
    bd = posted_bds[0];
    memmove(posted_bds, posted_bds + 1, --nposted * sizeof(posted_bds[0]));
    deliver_entry(0, 8, 60, get_be64(at(bd & 0xffffffffu)));
    assert_int_equal(vlan_poll(registered_nic, got, sizeof(got)), 0);
    assert_non_null(strstr(logged, "marked a received frame invalid"));
    assert_int_equal(nposted, RX_BUFS);
    /* A flood of nonsense: four lines in all, then silence. */
    for (int i = 0; i < 50; i++) {
        deliver_entry(RXQ_VALID, 8, 60, ~0ull);
        assert_int_equal(vlan_poll(registered_nic, got, sizeof(got)), 0);
    }
    assert_int_equal(lines - before, 4);
    deliver(frame, sizeof(frame));
    assert_int_equal(vlan_poll(registered_nic, got, sizeof(got)), sizeof(frame));
    assert_memory_equal(got, frame, sizeof(frame));
    forget();
}

int main(void)
{
#define T(f) cmocka_unit_test_setup(f, reset_world)
    const struct CMUnitTest tests[] = {
        T(a_refused_device_is_said_so_and_skipped),
        T(buffers_out_of_a_descriptors_reach_are_refused),
        T(a_device_left_registered_is_freed_and_taken),
        T(frames_flow_over_many_passes_of_the_queue),
        T(nonsense_from_the_device_is_dropped_and_the_rest_flows),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
