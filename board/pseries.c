/* SPDX-License-Identifier: BSD-2-Clause */
#include "hcall.h"
#include "pseries.h"

long pseries_cas(uint64_t vector, void *buf, size_t size)
{
    return hcall(KVMPPC_H_CAS, vector, (uint64_t)(uintptr_t)buf, size, 0, NULL);
}

long pseries_update_dt(const void *fdt)
{
    return hcall(KVMPPC_H_UPDATE_DT, (uint64_t)(uintptr_t)fdt, 0, 0, 0, NULL);
}
