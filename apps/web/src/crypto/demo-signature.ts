// The signature the page asks the node to check: a fresh key signs a short message. Signing
// stays in TypeScript (noble); verifying is the consensus core's job.
import { ed25519 } from '@noble/curves/ed25519.js'
import type { VerifyRequest } from '@weft/core'

export function signDemoMessage(text: string): VerifyRequest {
  const secretKey = ed25519.utils.randomSecretKey()
  const message = new TextEncoder().encode(text)
  return {
    publicKey: ed25519.getPublicKey(secretKey),
    signature: ed25519.sign(message, secretKey),
    message,
  }
}

/** The same request with one bit of the signature's R flipped: never valid. */
export function tamper(request: VerifyRequest): VerifyRequest {
  const signature = request.signature.slice()
  signature[0] = (signature[0] as number) ^ 0x01
  return { ...request, signature }
}

export function toHex(bytes: Uint8Array): string {
  return Array.from(bytes, (b) => b.toString(16).padStart(2, '0')).join('')
}
