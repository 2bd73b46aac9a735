/* SPDX-License-Identifier: BSD-2-Clause */
/* What the boot flow measures itself (docs/reference.md#measured-boot):
 * the firmware at start-up (PCR 0); at the hand-off the configuration that
 * decided what boots (PCR 1) and the command line handed over (PCR 8),
 * after which the loaders' staged measurements and the separators go in.
 * And tpm=required: nothing boots unmeasured. */
#ifndef BOOT_MEASURED_H
#define BOOT_MEASURED_H

#include <stddef.h>
#include "boot.h"

/* PCR 0, once the TPM's driver has started it. */
void boot_measure_firmware(void);
/* A search for something to boot begins (the devices it tries are
 * remembered for PCR 1); one of its attempts begins; that attempt failed
 * (what it staged is dropped). */
void boot_measure_search(void);
void boot_measure_attempt(const char *what, const char *reason);
void boot_measure_failed(void);
/* tpm=required and nothing can be measured: ERR_FAIL with why (nothing is
 * to boot). Otherwise 0. */
int boot_measure_refuses(char *why, size_t whylen);
/* Just before the program booted from t runs. */
void boot_measure_handoff(const struct boot_target *t);

#endif
