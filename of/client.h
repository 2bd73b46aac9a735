/* SPDX-License-Identifier: BSD-2-Clause */
/* The IEEE 1275 client interface: one entry point, services by name, every
 * argument a 32-bit big-endian cell in a block the client owns. */
#ifndef OF_CLIENT_H
#define OF_CLIENT_H

#include <stdint.h>

#define CI_MAX_CELLS 16          /* args or rets; call-method needs the most */
#define CI_NAME_MAX 64
/* What the client gets in r3 for an unknown service or a malformed call
 * (IEEE 1275), and in a return cell for a failed one. A protocol value, not
 * one of the firmware's ERR_* codes. */
#define CI_FAILED (-1)
#define CI_FAILED_CELL ((uint32_t)CI_FAILED)

struct ci_call {
    const char *service;
    uint32_t nargs, nret;
    uint32_t in[CI_MAX_CELLS];
    uint32_t out[CI_MAX_CELLS];
};

struct ci_service {
    const char *name;
    uint8_t min_args, min_rets;
    /* Returns 0, or CI_FAILED when the arguments make no sense (the client
     * then gets it from the entry, as for an unknown service). */
    int (*fn)(struct ci_call *c);
};

/* Handle one call; args_addr is the client's argument block. Returns the
 * value for the client's r3: 0 done, CI_FAILED unknown service or bad block. */
int ci_dispatch(uint64_t args_addr);
/* What the client's `quiesce` runs: the hand-off, which the boot manager
 * owns and sets here. */
void ci_set_quiesce(void (*fn)(void));
/* The raw address a client calls (of/entry.S). */
extern char ci_entry[];

/* The service tables, one per file of services. */
extern const struct ci_service ci_tree_services[], ci_memory_services[],
    ci_io_services[], ci_control_services[];

const struct ci_service *ci_find_service(const char *name);

#endif
