// Defaults for the light client, applied as `init.x ?? DEFAULT_X`; docs/light-client.md explains each.

/** Witnesses that must agree with the primary before a head from sync() is adopted. */
export const DEFAULT_MIN_WITNESSES = 2
/** Gossip-fed heads are cross-checked with the witnesses every this many heights. */
export const DEFAULT_CROSS_CHECK_EVERY_HEIGHTS = 16
/** The trusted state is written to the store every this many heights (and after each sync). */
export const DEFAULT_SAVE_EVERY_HEIGHTS = 16
/** Verified light blocks kept in memory to check proofs against without fetching. */
export const DEFAULT_VERIFIED_CACHE_BLOCKS = 1024
/** Restarts of one bisection with another primary after a refused light block. */
export const MAX_PRIMARY_RESTARTS = 4
/** Entries asked for in one page of an address's history (the query protocol's maximum). */
export const DEFAULT_HISTORY_PAGE = 32
