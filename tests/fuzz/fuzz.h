/* SPDX-License-Identifier: BSD-2-Clause */
/* Shared by the libFuzzer targets: each includes the firmware source it
 * fuzzes, as the unit tests do, and checks what the parser promises about
 * its output, not only that it does not crash. */
#ifndef FUZZ_H
#define FUZZ_H

#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>

/* A broken promise: libFuzzer saves the input as a crash. */
#define PROMISE(cond)                                                        \
    do {                                                                     \
        if (!(cond)) {                                                       \
            fprintf(stderr, "%s:%d: promise broken: %s\n", __FILE__, __LINE__, #cond); \
            abort();                                                         \
        }                                                                    \
    } while (0)

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

/* The input read as a script of what a hostile device does next:
 * script_take() gives the next `bytes` bytes as a big-endian number, zeros
 * once the input runs out. */
struct script {
    const uint8_t *p;
    size_t left;
};

static inline uint32_t script_take(struct script *s, unsigned bytes)
{
    uint32_t v = 0;
    for (unsigned i = 0; i < bytes; i++) {
        v = v << 8 | (s->left ? *s->p : 0);
        if (s->left) {
            s->p++;
            s->left--;
        }
    }
    return v;
}

#endif
