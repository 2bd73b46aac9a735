/* SPDX-License-Identifier: BSD-2-Clause */
/* A growable array of pointers: the registries (devices, windows, ranges)
 * have no fixed maximum, only the memory the heap has. */
#ifndef LIB_VEC_H
#define LIB_VEC_H

struct vec {
    void **item;
    unsigned n, cap;
};

/* Append p: 0, or ERR_NO_MEMORY (nothing changed). */
int vec_push(struct vec *v, void *p);
/* Remove item i, keeping the order of the rest. */
void vec_remove(struct vec *v, unsigned i);
/* Back to empty, the array freed (not what it points to). */
void vec_clear(struct vec *v);

#endif
