// `npm start`: builds the core and runs `weft devnet` — four validators, a relay with the API and
// a faucet, and the web app — from this checkout, keeping its data in .weft/devnet (git-ignored)
// so a restart resumes the same chain. WEFT_DEVNET_VALIDATORS picks another size; Ctrl-C stops.
import { spawn, spawnSync } from 'node:child_process'
import { fileURLToPath } from 'node:url'

const root = fileURLToPath(new URL('..', import.meta.url))
// Four is the smallest set that survives a fault, and idles well within two cores.
const validators = process.env.WEFT_DEVNET_VALIDATORS ?? '4'

if (spawnSync(process.execPath, ['scripts/build.ts'], { cwd: root, stdio: 'inherit' }).status !== 0)
  process.exit(1)

const devnet = spawn(
  process.execPath,
  ['relay/bin/weft.ts', 'devnet', '--validators', validators, '--data-dir', '.weft/devnet'],
  { cwd: root, stdio: 'inherit' },
)
// The terminal's Ctrl-C reaches the devnet too; a SIGTERM sent to this script is passed on.
process.on('SIGINT', () => undefined)
process.on('SIGTERM', () => devnet.kill('SIGTERM'))
devnet.on('exit', (code) => process.exit(code ?? 0))
