// Vite for the Weft web app. @weft/wasm's `browser` export imports weft_core.wasm with `?url`,
// so the consensus core is served (dev) or emitted (build) as a plain asset and fetched at run time.
import react from '@vitejs/plugin-react'
import { defineConfig } from 'vite'
import { cspMetaTag, DEVNET_CONNECT_SRC } from './content-security-policy.ts'

const connectSrc =
  process.env.WEFT_CSP_CONNECT_SRC?.split(/\s+/).filter(Boolean) ?? DEVNET_CONNECT_SRC

export default defineConfig({
  plugins: [react(), cspMetaTag(connectSrc)],
  build: { target: 'es2022' },
  server: { host: '127.0.0.1' },
  preview: { host: '127.0.0.1' },
})
