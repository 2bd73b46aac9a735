/* SPDX-License-Identifier: BSD-2-Clause */
/* Client memory: every address a client hands the firmware is checked here
 * before it is touched. A client may point at RAM it owns, never at the
 * firmware's own memory or past the end of RAM. The firmware and the host
 * tests each provide an implementation. */
#ifndef OF_CMEM_H
#define OF_CMEM_H

#include <stddef.h>
#include <stdint.h>

/* A pointer to [addr, addr+len), or NULL when the client may not use it. */
void *cmem_ptr(uint64_t addr, uint64_t len);
/* A NUL-terminated string of at most max bytes (NUL included), or NULL. */
const char *cmem_string(uint64_t addr, size_t max);

#endif
