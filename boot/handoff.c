/* SPDX-License-Identifier: BSD-2-Clause */
#include <stdlib.h>
#include "../board/hcall.h"
#include "../board/log.h"
#include "../board/pseries.h"
#include "../board/watchdog.h"
#include "../dev/dmadev.h"
#include "../dma/shared.h"
#include "../fdt/tree.h"
#include "handoff.h"


void handoff_quiesce(void)
{
    static int done;
    if (done)
        return;
    done = 1;
    watchdog_stop();                    /* the OS has the machine: CI's bound is met */

    /* Devices first: the OS must inherit idle devices and empty TCE windows,
     * and QEMU sees the tree update only after that (tests use it as the
     * hand-off marker in QEMU's trace). */
    dmadev_stop_all();
    if (shared_release_all())
        log_error("quiesce: bounce buffers outlived their devices (now unshared)\n");

    void *fdt = malloc(DT_FLAT_MAX);
    int err = fdt ? dt_flatten(fdt, DT_FLAT_MAX) : -1;
    long rc = err ? H_PARAMETER : pseries_update_dt(fdt);
    if (err || rc != H_SUCCESS)
        log_error("could not give QEMU the final tree (flatten %d, hcall %ld); "
                  "machine-check reporting may not find RTAS\n", err, rc);
    free(fdt);
    log_info("quiesce: the OS owns the machine now\n");
}
