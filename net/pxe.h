/* SPDX-License-Identifier: BSD-2-Clause */
/* pxelinux-style configuration files (the subset SLOF reads): DEFAULT,
 * LABEL, KERNEL/LINUX, INITRD, APPEND (with initrd= inside APPEND as
 * pxelinux allows). Pure; tested on the host. */
#ifndef NET_PXE_H
#define NET_PXE_H

#include <stddef.h>

#define PXE_NAME_MAX 128
#define PXE_APPEND_MAX 1024

struct pxe_entry {
    char label[PXE_NAME_MAX];
    char kernel[PXE_NAME_MAX];
    char initrd[PXE_NAME_MAX];
    char append[PXE_APPEND_MAX];
};

/* The entry DEFAULT names, else the first one. 0, or ERR_NOT_FOUND when the
 * text has no entry with a kernel. */
int pxe_parse(const char *text, size_t len, struct pxe_entry *out);

#endif
