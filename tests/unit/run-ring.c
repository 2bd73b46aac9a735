/* SPDX-License-Identifier: BSD-2-Clause */
/* Split virtqueue, fed by a simulated device that may lie. */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <stdlib.h>
#include <cmocka.h>

#include "virtio/ring.c"

static uint8_t mem[16384] __attribute__((aligned(4096)));
static struct virtq vq;

static void setup_q(bool le, bool legacy)
{
    struct dma_buf b = { mem, 0x100000, sizeof(mem) };
    memset(mem, 0, sizeof(mem));
    assert_int_equal(virtq_init(&vq, 0, 8, le, legacy, &b), 0);
}

/* The device side: complete `id` with `len` bytes, bumping used idx by `bump`. */
static void device_complete(uint32_t id, uint32_t len, uint16_t bump)
{
    uint16_t idx = get16(&vq, vq.used + 2);
    uint8_t *e = vq.used + 4 + 8u * (idx % vq.size);
    put32(&vq, e, id);
    put32(&vq, e + 4, len);
    put16(&vq, vq.used + 2, (uint16_t)(idx + bump));
}

static int add_read(uint32_t data_len)
{
    struct virtq_sg sg[3] = { { 0x1000, 16, false }, { 0x2000, data_len, true }, { 0x3000, 1, true } };
    return virtq_add(&vq, sg, 3);
}

static void layout_and_descriptors(void **state)
{
    (void)state;
    setup_q(true, false);
    assert_int_equal(vq.avail_bus, 0x100000 + 128);
    assert_int_equal(vq.used_bus % 4, 0);
    int head = add_read(512);
    assert_int_equal(head, 0);
    assert_int_equal(get16(&vq, vq.avail + 2), 1);              /* avail idx */
    assert_int_equal(get16(&vq, vq.avail + 4), 0);              /* ring[0] = head */
    assert_int_equal(get16(&vq, vq.desc + 12), 1);              /* NEXT */
    assert_int_equal(get16(&vq, vq.desc + 16 + 12), 3);         /* NEXT|WRITE */
    assert_int_equal(get16(&vq, vq.desc + 32 + 12), 2);         /* WRITE, end */
    assert_int_equal(get32(&vq, vq.desc + 16 + 8), 512);
    setup_q(false, true);
    assert_int_equal(vq.used_bus, 0x100000 + 4096);             /* legacy layout */
    add_read(512);
    assert_int_equal(vq.avail[3], 1);                           /* big-endian idx */
}

static void completions_return_descriptors(void **state)
{
    (void)state;
    setup_q(true, false);
    uint16_t head;
    uint32_t len;
    for (int round = 0; round < 100; round++) {                 /* wraps the 16-bit indexes' low bits */
        int h = add_read(512);
        assert_true(h >= 0);
        assert_int_equal(virtq_get_used(&vq, &head, &len), 0);
        device_complete((uint32_t)h, 513, 1);
        assert_int_equal(virtq_get_used(&vq, &head, &len), 1);
        assert_int_equal(head, h);
        assert_int_equal(len, 513);
        assert_int_equal(vq.num_free, 8);
    }
    for (int i = 0; i < 2; i++)
        assert_true(add_read(512) >= 0);
    assert_int_equal(add_read(512), VIRTQ_ERR_FULL);            /* 2 chains of 3 in 8 */
}

static void hostile_used_index_jump(void **state)
{
    (void)state;
    setup_q(true, false);
    uint16_t head;
    uint32_t len;
    int h = add_read(512);
    device_complete((uint32_t)h, 513, 5);                       /* claims 5 completions */
    assert_int_equal(virtq_get_used(&vq, &head, &len), VIRTQ_ERR_USED_IDX);
}

static void hostile_ids(void **state)
{
    (void)state;
    uint16_t head;
    uint32_t len;
    setup_q(true, false);
    add_read(512);
    device_complete(200, 1, 1);                                 /* out of range */
    assert_int_equal(virtq_get_used(&vq, &head, &len), VIRTQ_ERR_USED_ID);
    setup_q(true, false);
    add_read(512);
    device_complete(3, 1, 1);                                   /* in range, not a head */
    assert_int_equal(virtq_get_used(&vq, &head, &len), VIRTQ_ERR_USED_ID);
    setup_q(true, false);
    int h = add_read(512);
    add_read(512);
    device_complete((uint32_t)h, 1, 1);
    assert_int_equal(virtq_get_used(&vq, &head, &len), 1);
    device_complete((uint32_t)h, 1, 1);                         /* the same chain again */
    assert_int_equal(virtq_get_used(&vq, &head, &len), VIRTQ_ERR_USED_ID);
}

static void hostile_length(void **state)
{
    (void)state;
    uint16_t head;
    uint32_t len;
    setup_q(true, false);
    int h = add_read(512);
    device_complete((uint32_t)h, 514, 1);                       /* 513 writable */
    assert_int_equal(virtq_get_used(&vq, &head, &len), VIRTQ_ERR_USED_LEN);
}

static void bad_requests(void **state)
{
    (void)state;
    struct dma_buf small = { mem, 0, 64 };
    assert_int_equal(virtq_init(&vq, 0, 8, true, false, &small), VIRTQ_ERR_ARG);
    struct dma_buf b = { mem, 0, sizeof(mem) };
    assert_int_equal(virtq_init(&vq, 0, 6, true, false, &b), VIRTQ_ERR_ARG);     /* not 2^n */
    assert_int_equal(virtq_init(&vq, 0, 512, true, false, &b), VIRTQ_ERR_ARG);
    setup_q(true, false);
    assert_int_equal(virtq_add(&vq, NULL, 0), VIRTQ_ERR_ARG);
}

/* A device writing random used entries never makes the driver read or write
 * outside the queue, and free descriptors never exceed the queue size. */
static void random_device_is_contained(void **state)
{
    (void)state;
    srand(33);
    for (int round = 0; round < 20000; round++) {
        if (round % 50 == 0)
            setup_q(rand() & 1, rand() & 1);
        if (rand() % 2)
            add_read((uint32_t)rand() % 4096);
        if (rand() % 3 == 0)
            device_complete((uint32_t)rand() % 12, (uint32_t)rand() % 5000, (uint16_t)(rand() % 3));
        uint16_t head;
        uint32_t len;
        int rc = virtq_get_used(&vq, &head, &len);
        if (rc < 0)
            setup_q(true, false);       /* a driver marks the device failed */
        assert_true(vq.num_free <= vq.size);
    }
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(layout_and_descriptors),
        cmocka_unit_test(completions_return_descriptors),
        cmocka_unit_test(hostile_used_index_jump),
        cmocka_unit_test(hostile_ids),
        cmocka_unit_test(hostile_length),
        cmocka_unit_test(bad_requests),
        cmocka_unit_test(random_device_is_contained),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
