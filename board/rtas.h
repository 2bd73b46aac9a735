/* SPDX-License-Identifier: BSD-2-Clause */
/* RTAS as QEMU provides it: calls go through the KVMPPC_H_RTAS hypercall with
 * a big-endian argument block; tokens come from the /rtas node. */
#ifndef BOARD_RTAS_H
#define BOARD_RTAS_H

#include <stdint.h>

#define RTAS_MAX_ARGS 16

/* Read the tokens from QEMU's flattened tree. Returns 0 or a negative error. */
int rtas_init(const void *fdt);
/* Token for a named service, or -1 when the platform lacks it. */
int32_t rtas_token(const char *name);
/* Call service `name`; args in, rets out (status is rets[0]). Returns the
 * RTAS status (0 done; RTAS's own negative codes), or ERR_NOT_FOUND when
 * the platform lacks the service, ERR_INVALID for too many cells. */
int32_t rtas_call(const char *name, int nargs, int nret, const uint32_t *args,
                  uint32_t *rets);

/* The 20-byte stub a client's RTAS base points at: it turns the client's
 * call into the KVMPPC_H_RTAS hypercall. */
extern const uint32_t rtas_stub[5];

#endif
