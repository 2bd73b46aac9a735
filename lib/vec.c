/* SPDX-License-Identifier: BSD-2-Clause */
#include <stdlib.h>
#include <string.h>
#include "err.h"
#include "vec.h"

int vec_push(struct vec *v, void *p)
{
    if (v->n == v->cap) {
        unsigned cap = v->cap ? 2 * v->cap : 8;
        void **grown = realloc(v->item, cap * sizeof(*grown));
        if (!grown)
            return ERR_NO_MEMORY;
        v->item = grown;
        v->cap = cap;
    }
    v->item[v->n++] = p;
    return 0;
}

void vec_remove(struct vec *v, unsigned i)
{
    if (i >= v->n)
        return;
    memmove(&v->item[i], &v->item[i + 1], (v->n - i - 1) * sizeof(*v->item));
    v->n--;
}

void vec_clear(struct vec *v)
{
    free(v->item);
    v->item = NULL;
    v->n = v->cap = 0;
}
