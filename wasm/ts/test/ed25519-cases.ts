// Generators for differential testing of Ed25519 verification: honest signatures from
// @noble/curves, then the mutations that separate verifiers (bit flips in R, S and A; S + k·L;
// small-order points; non-canonical encodings; random bytes; wrong lengths).
import { ed25519 } from '@noble/curves/ed25519.js'
import fc from 'fast-check'

const P = 2n ** 255n - 19n
const L = 2n ** 252n + 27742317777372353535851937790883648493n

function toLE(value: bigint, bytes = 32): Uint8Array {
  const out = new Uint8Array(bytes)
  for (let i = 0; i < bytes; i++) out[i] = Number((value >> BigInt(8 * i)) & 0xffn)
  return out
}

function fromLE(bytes: Uint8Array): bigint {
  let v = 0n
  for (let i = bytes.length - 1; i >= 0; i--) v = (v << 8n) | BigInt(bytes[i] ?? 0)
  return v
}

const fromHex = (s: string) => Uint8Array.from(Buffer.from(s, 'hex'))

/** The eight points of small order, canonically encoded (and their sign-bit twins). */
export const SMALL_ORDER_POINTS: Uint8Array[] = [
  '0100000000000000000000000000000000000000000000000000000000000000',
  'ecffffffffffffffffffffffffffffffffffffffffffffffffffffffffffff7f',
  '0000000000000000000000000000000000000000000000000000000000000000',
  '0000000000000000000000000000000000000000000000000000000000000080',
  '26e8958fc2b227b045c3f489f2ef98f0d5dfac05d3c63339b13802886d53fc05',
  '26e8958fc2b227b045c3f489f2ef98f0d5dfac05d3c63339b13802886d53fc85',
  'c7176a703d4dd84fba3c0b760d10670f2a2053fa2c39ccc64ec7fd7792ac037a',
  'c7176a703d4dd84fba3c0b760d10670f2a2053fa2c39ccc64ec7fd7792ac03fa',
].map(fromHex)

/** Encodings of y + p for the small y that have one (y < 19), with either sign bit. */
export const NON_CANONICAL_POINTS: Uint8Array[] = Array.from({ length: 19 }, (_, y) => {
  const enc = toLE(P + BigInt(y))
  return [enc, Uint8Array.from(enc, (b, i) => (i === 31 ? b | 0x80 : b))]
}).flat()

export interface Case {
  publicKey: Uint8Array
  message: Uint8Array
  signature: Uint8Array
  mutation: string
}

type Mutation = (c: Case, pick: number, bit: number) => Case

function flipBit(bytes: Uint8Array, from: number, bit: number): Uint8Array {
  const out = bytes.slice()
  const index = from + ((bit >> 3) % 32)
  out[index] = (out[index] ?? 0) ^ (1 << (bit & 7))
  return out
}

const withR = (sig: Uint8Array, r: Uint8Array) => Uint8Array.from([...r, ...sig.subarray(32)])
const withS = (sig: Uint8Array, s: Uint8Array) => Uint8Array.from([...sig.subarray(0, 32), ...s])

const MUTATIONS: Record<string, Mutation> = {
  none: (c) => c,
  flipR: (c, _p, bit) => ({ ...c, signature: flipBit(c.signature, 0, bit) }),
  flipS: (c, _p, bit) => ({ ...c, signature: flipBit(c.signature, 32, bit) }),
  flipA: (c, _p, bit) => ({ ...c, publicKey: flipBit(c.publicKey, 0, bit) }),
  flipMessage: (c, _p, bit) =>
    c.message.length === 0
      ? { ...c, message: Uint8Array.of(bit & 0xff) }
      : { ...c, message: flipBit(c.message, 0, bit % (8 * Math.min(32, c.message.length))) },
  sPlusKL: (c, pick) => {
    const s = fromLE(c.signature.subarray(32)) + BigInt(1 + (pick % 14)) * L
    return s < 2n ** 256n ? { ...c, signature: withS(c.signature, toLE(s)) } : c
  },
  smallOrderA: (c, pick) => ({ ...c, publicKey: SMALL_ORDER_POINTS[pick % 8] as Uint8Array }),
  smallOrderR: (c, pick) => ({
    ...c,
    signature: withR(c.signature, SMALL_ORDER_POINTS[pick % 8] as Uint8Array),
  }),
  smallOrderBoth: (c, pick) => ({
    ...c,
    publicKey: SMALL_ORDER_POINTS[pick % 8] as Uint8Array,
    signature: withS(
      withR(c.signature, SMALL_ORDER_POINTS[(pick >> 3) % 8] as Uint8Array),
      toLE(BigInt(pick % 3)),
    ),
  }),
  nonCanonicalA: (c, pick) => ({ ...c, publicKey: NON_CANONICAL_POINTS[pick % 38] as Uint8Array }),
  nonCanonicalR: (c, pick) => ({
    ...c,
    signature: withR(c.signature, NON_CANONICAL_POINTS[pick % 38] as Uint8Array),
  }),
  signBitA: (c) => ({ ...c, publicKey: flipBit(c.publicKey, 0, 255) }),
  zeroS: (c) => ({ ...c, signature: withS(c.signature, new Uint8Array(32)) }),
}

export const MUTATION_NAMES = Object.keys(MUTATIONS)

/** Honest signature, then one mutation chosen by name. */
export const caseArbitrary: fc.Arbitrary<Case> = fc
  .record({
    secret: fc.uint8Array({ minLength: 32, maxLength: 32 }),
    message: fc.uint8Array({ maxLength: 300 }),
    mutation: fc.constantFrom(...MUTATION_NAMES),
    pick: fc.nat(),
    bit: fc.nat(255),
  })
  .map(({ secret, message, mutation, pick, bit }) => {
    const honest: Case = {
      publicKey: ed25519.getPublicKey(secret),
      message,
      signature: ed25519.sign(message, secret),
      mutation,
    }
    return (MUTATIONS[mutation] as Mutation)(honest, pick, bit)
  })

/** Entirely random bytes: almost always invalid, exercising decoding paths. */
export const randomCaseArbitrary: fc.Arbitrary<Case> = fc
  .record({
    publicKey: fc.uint8Array({ minLength: 32, maxLength: 32 }),
    message: fc.uint8Array({ maxLength: 64 }),
    signature: fc.uint8Array({ minLength: 64, maxLength: 64 }),
  })
  .map((c) => ({ ...c, mutation: 'random' }))

/** @noble/curves' answer under ZIP-215 rules (its errors count as "invalid"). */
export function nobleVerify(c: Case): boolean {
  try {
    return ed25519.verify(c.signature, c.message, c.publicKey, { zip215: true })
  } catch {
    return false
  }
}
