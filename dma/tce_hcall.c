/* SPDX-License-Identifier: BSD-2-Clause */
/* The real TCE hypercalls (PAPR H_PUT_TCE_INDIRECT, H_STUFF_TCE). */
#include "../board/hcall.h"
#include "tce.h"

static long put_indirect(uint32_t liobn, uint64_t ioba, const uint64_t *list, uint64_t n)
{
    return hcall(H_PUT_TCE_INDIRECT, liobn, ioba, (uint64_t)(uintptr_t)list, n, NULL);
}

static long stuff(uint32_t liobn, uint64_t ioba, uint64_t value, uint64_t n)
{
    return hcall(H_STUFF_TCE, liobn, ioba, value, n, NULL);
}

const struct tce_ops tce_hcall_ops = { put_indirect, stuff };
