/* SPDX-License-Identifier: BSD-2-Clause */
#ifndef OF_NET_H
#define OF_NET_H

/* Make every registered network device openable as an OF "network" package. */
void of_nets_bind(void);

#endif
