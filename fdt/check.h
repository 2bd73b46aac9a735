/* SPDX-License-Identifier: BSD-2-Clause */
/* Checking a flattened tree before libfdt walks it: libfdt trusts the
 * length of each property once the header is sane, and computes offsets
 * with int arithmetic that a lying length overflows. A tree from QEMU (at
 * boot, or a CAS response) is input like any other, so it is walked here
 * first with nothing taken on trust. */
#ifndef FDT_CHECK_H
#define FDT_CHECK_H

#include <stddef.h>

/* 0 when the header is consistent, the blob fits in maxsize bytes, and every
 * tag in the structure block, node name and property lies inside it, nodes
 * nest properly and property names point into the strings block; otherwise
 * a negative libfdt error. */
int fdt_blob_check(const void *fdt, size_t maxsize);

#endif
