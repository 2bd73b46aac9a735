/* SPDX-License-Identifier: BSD-2-Clause */
/* The little newlib needs from the platform: a heap. The firmware does not use
 * stdio streams, so no file syscalls are provided (linking fails if one sneaks in). */
#include <errno.h>
#include <reent.h>
#include <stddef.h>
#include <stdint.h>
#include "libc_glue.h"

static char *heap_top, *heap_end;

void heap_init(void *base, size_t size)
{
    heap_top = base;
    heap_end = heap_top + size;
}

void *_sbrk_r(struct _reent *r, ptrdiff_t incr)
{
    char *old = heap_top;
    if (incr < 0 || (size_t)incr > (size_t)(heap_end - heap_top)) {
        r->_errno = ENOMEM;
        return (void *)-1;
    }
    heap_top += incr;
    return old;
}
