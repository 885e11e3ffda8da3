// The page's Content-Security-Policy, put into the built index.html as a <meta> tag so any static
// host serves it. The wallet decrypts a recovery phrase in this page: no inline or foreign
// script may run, and the page may talk only to the nodes it needs. The dev server goes without
// it (Vite's hot reload injects inline script); `vite build` and `vite preview` carry it.
import type { Plugin } from 'vite'

/**
 * Where the page may connect besides its own origin: libp2p over WebSockets and the nodes' HTTP
 * API. Loopback by default (devnets, tests); a deployment names its nodes at build time with
 * WEFT_CSP_CONNECT_SRC, e.g. "wss://relay.example.org https://api.example.org".
 */
export const DEVNET_CONNECT_SRC = [
  'ws://127.0.0.1:*',
  'ws://localhost:*',
  'http://127.0.0.1:*',
  'http://localhost:*',
]

export function contentSecurityPolicy(connectSrc: readonly string[]): string {
  return [
    "default-src 'none'",
    // 'wasm-unsafe-eval' lets the page compile the consensus core; it allows no JS eval.
    "script-src 'self' 'wasm-unsafe-eval'",
    "style-src 'self'",
    // The favicon is an empty data: URL.
    "img-src 'self' data:",
    `connect-src 'self' ${connectSrc.join(' ')}`,
    "base-uri 'none'",
    "form-action 'none'",
    "object-src 'none'",
  ].join('; ')
}

export function cspMetaTag(connectSrc: readonly string[]): Plugin {
  return {
    name: 'weft-content-security-policy',
    apply: 'build',
    transformIndexHtml: () => [
      {
        tag: 'meta',
        attrs: {
          'http-equiv': 'Content-Security-Policy',
          content: contentSecurityPolicy(connectSrc),
        },
        injectTo: 'head-prepend',
      },
    ],
  }
}
