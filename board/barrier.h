/* SPDX-License-Identifier: BSD-2-Clause */
/* Memory ordering between the CPU and devices. On POWER, sync orders
 * everything (stores to memory before an MMIO store, e.g. a doorbell);
 * lwsync orders memory against memory (a ring entry before its index).
 * Host builds of the same code (tests) use the compiler's full barrier. */
#ifndef BOARD_BARRIER_H
#define BOARD_BARRIER_H

#if defined(__powerpc__)
#define barrier_full() __asm__ volatile("sync" ::: "memory")
#define barrier_memory() __asm__ volatile("lwsync" ::: "memory")
#else
#define barrier_full() __sync_synchronize()
#define barrier_memory() __sync_synchronize()
#endif

#endif
