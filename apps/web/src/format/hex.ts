// Hex for ids shown to people and sent to the node's API (lowercase, docs/api.md).
export function toHex(bytes: Uint8Array): string {
  return Array.from(bytes, (b) => b.toString(16).padStart(2, '0')).join('')
}
