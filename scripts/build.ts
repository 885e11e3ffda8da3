// Builds what the rest of the system loads: the consensus core as weft_core.wasm.
import { spawnSync } from 'node:child_process'
import { fileURLToPath } from 'node:url'

const root = fileURLToPath(new URL('..', import.meta.url))
const result = spawnSync('bash', ['wasm/scripts/build-wasm'], { cwd: root, stdio: 'inherit' })
if (result.status !== 0) {
  console.error('build: weft_core.wasm failed to build')
  process.exit(1)
}
console.log('build: wasm/dist/weft_core.wasm')
