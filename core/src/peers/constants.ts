// Defaults for peer reputation and rate limiting, applied as `init.x ?? DEFAULT_X`.
// docs/peers.md gives the reasoning behind each; the scale follows Lighthouse's peer manager
// (scores in [-100, 100], a ban at -50, a ten-minute half-life), which has years of mainnet use.

/** The lowest score a peer can have; a fatal offence puts it here. */
export const MIN_SCORE = -100
/**
 * The highest: good service earns credit, but only enough to absorb a few mild faults — a peer
 * that served well for a day must not be able to spend its credit on an attack.
 */
export const MAX_SCORE = 20
/** A peer whose score falls to this or below is disconnected and banned. */
export const DEFAULT_BAN_SCORE = -50
/** Scores halve toward 0 this often: a penalty is mostly forgotten after an hour. */
export const DEFAULT_SCORE_HALF_LIFE_MS = 10 * 60 * 1000
/** The first ban lasts this long; each repeat offence doubles it. */
export const DEFAULT_BAN_DURATION_MS = 30 * 60 * 1000
/** No ban lasts longer than this. */
export const DEFAULT_MAX_BAN_DURATION_MS = 24 * 60 * 60 * 1000
/** Offences are forgotten once this long has passed since the last ban ended. */
export const DEFAULT_OFFENCE_MEMORY_MS = 7 * 24 * 60 * 60 * 1000
/** Reasons remembered per peer, newest last. */
export const DEFAULT_HISTORY_PER_PEER = 16
/** Peers the book holds at once; beyond that the least recently seen unbanned peer is dropped. */
export const DEFAULT_MAX_PEERS = 10_000
/** A score this close to 0 (and no ban, no offence) is the same as a peer never seen. */
export const NEGLIGIBLE_SCORE = 0.01

/** Keys a rate limiter tracks at once (peers, or protocols for the global limits). */
export const DEFAULT_RATE_LIMITER_MAX_KEYS = 10_000
