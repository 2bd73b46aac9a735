/* The little newlib needs from the platform: a heap. The firmware does not use
 * stdio streams, so no file syscalls are provided (linking fails if one sneaks in). */
#include <errno.h>
#include <reent.h>
#include <stddef.h>
#include <stdint.h>

extern char __heap_start[], __heap_end[];
static char *heap_top = __heap_start;

void *_sbrk_r(struct _reent *r, ptrdiff_t incr)
{
    char *old = heap_top;
    if (incr < 0 || (size_t)incr > (size_t)(__heap_end - heap_top)) {
        r->_errno = ENOMEM;
        return (void *)-1;
    }
    heap_top += incr;
    return old;
}
