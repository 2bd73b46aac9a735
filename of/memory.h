#ifndef OF_MEMORY_H
#define OF_MEMORY_H

/* Rewrite each /memory node's "available" from the allocator's free list. */
void of_publish_available(void);

#endif
