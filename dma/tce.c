/* SPDX-License-Identifier: BSD-2-Clause */
#include <stdlib.h>
#include <string.h>
#include "../board/log.h"
#include "../lib/err.h"
#include "tce.h"

static uint64_t tce_list[TCE_BATCH] __attribute__((aligned(4096)));

static int bit(const struct tce_window *w, uint64_t i)
{
    return (w->used[i / 8] >> (i % 8)) & 1;
}

static void set_bits(struct tce_window *w, uint64_t first, uint64_t n, int on)
{
    for (uint64_t i = first; i < first + n; i++) {
        if (on)
            w->used[i / 8] |= (uint8_t)(1u << (i % 8));
        else
            w->used[i / 8] &= (uint8_t)~(1u << (i % 8));
    }
}

int tce_window_init(struct tce_window *w, uint32_t liobn, uint64_t base, uint64_t size,
                    const struct tce_ops *ops)
{
    memset(w, 0, sizeof(*w));
    w->npages = size / TCE_PAGE;
    if (w->npages == 0 || (base % TCE_PAGE))
        return ERR_INVALID;
    w->used = calloc((size_t)(w->npages + 7) / 8, 1);
    if (!w->used)
        return ERR_NO_MEMORY;
    w->liobn = liobn;
    w->base = base;
    w->size = w->npages * TCE_PAGE;
    w->ops = ops;
    /* Never hand out bus address 0: virtio (QEMU included) reads a zero
     * queue address as "not set up". The page stays unmapped. */
    if (base == 0)
        set_bits(w, 0, 1, 1);
    return 0;
}

/* First fit: the lowest run of n free pages. */
static uint64_t find_free(const struct tce_window *w, uint64_t n)
{
    uint64_t run = 0;
    for (uint64_t i = 0; i < w->npages; i++) {
        if (w->used[i / 8] == 0xff && i % 8 == 0) {
            run = 0;
            i += 7;
            continue;
        }
        run = bit(w, i) ? 0 : run + 1;
        if (run == n)
            return i + 1 - n;
    }
    return UINT64_MAX;
}

int tce_map(struct tce_window *w, uint64_t phys, uint64_t len, uint64_t *bus)
{
    uint64_t n = (len + TCE_PAGE - 1) / TCE_PAGE;
    if (n == 0 || (phys % TCE_PAGE))
        return ERR_INVALID;
    uint64_t first = find_free(w, n);
    if (first == UINT64_MAX) {
        log_error("TCE window 0x%x: no room for %lu pages\n", w->liobn, (unsigned long)n);
        return ERR_FULL;
    }
    for (uint64_t done = 0; done < n; done += TCE_BATCH) {
        uint64_t batch = n - done < TCE_BATCH ? n - done : TCE_BATCH;
        for (uint64_t k = 0; k < batch; k++)
            tce_list[k] = (phys + (done + k) * TCE_PAGE) | TCE_READ | TCE_WRITE;
        long rc = w->ops->put_indirect(w->liobn, w->base + (first + done) * TCE_PAGE, tce_list, batch);
        if (rc != 0) {
            log_error("TCE window 0x%x: H_PUT_TCE_INDIRECT failed (%ld)\n", w->liobn, rc);
            if (done)
                w->ops->stuff(w->liobn, w->base + first * TCE_PAGE, 0, done);
            return ERR_IO;
        }
    }
    set_bits(w, first, n, 1);
    *bus = w->base + first * TCE_PAGE;
    return 0;
}

int tce_unmap(struct tce_window *w, uint64_t bus, uint64_t len)
{
    uint64_t n = (len + TCE_PAGE - 1) / TCE_PAGE;
    if (bus < w->base || (bus - w->base) % TCE_PAGE || n == 0)
        return ERR_RANGE;
    uint64_t first = (bus - w->base) / TCE_PAGE;
    if (first >= w->npages || n > w->npages - first)
        return ERR_RANGE;
    for (uint64_t i = first; i < first + n; i++)
        if (!bit(w, i))
            return ERR_RANGE;
    long rc = w->ops->stuff(w->liobn, bus, 0, n);
    if (rc != 0)
        log_error("TCE window 0x%x: H_STUFF_TCE failed (%ld); %lu pages may stay mapped\n",
                  w->liobn, rc, (unsigned long)n);
    set_bits(w, first, n, 0);
    return rc == 0 ? 0 : ERR_IO;
}

uint64_t tce_pages_in_use(const struct tce_window *w)
{
    uint64_t n = 0;
    for (uint64_t i = 0; i < w->npages; i++)
        n += (uint64_t)bit(w, i);
    return n;
}
