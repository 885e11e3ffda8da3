// Vite for the Weft web app. @weft/wasm's `browser` export imports weft_core.wasm with `?url`,
// so the consensus core is served (dev) or emitted (build) as a plain asset and fetched at run time.
import react from '@vitejs/plugin-react'
import { defineConfig } from 'vite'

export default defineConfig({
  plugins: [react()],
  build: { target: 'es2022' },
  server: { host: '127.0.0.1' },
  preview: { host: '127.0.0.1' },
})
