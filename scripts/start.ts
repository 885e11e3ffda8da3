// `npm start`: builds the core, starts a Weft node and the web app's dev server pointed at it,
// and prints the URL to open. Ctrl-C stops both.
import { type ChildProcess, spawn, spawnSync } from 'node:child_process'
import { createInterface } from 'node:readline'
import { fileURLToPath } from 'node:url'

const root = fileURLToPath(new URL('..', import.meta.url))
const WEB_PORT = Number(process.env.WEFT_WEB_PORT ?? 5173)
const NODE_WS_PORT = Number(process.env.WEFT_NODE_WS_PORT ?? 9001)

if (spawnSync(process.execPath, ['scripts/build.ts'], { cwd: root, stdio: 'inherit' }).status !== 0)
  process.exit(1)

const children: ChildProcess[] = []
function stopAll(code: number): never {
  for (const child of children) child.kill('SIGTERM')
  process.exit(code)
}
process.on('SIGINT', () => stopAll(0))
process.on('SIGTERM', () => stopAll(0))

/** Starts a child and resolves with the first stdout line `match` accepts. */
function startAndWait(
  name: string,
  args: string[],
  env: NodeJS.ProcessEnv,
  match: (line: string) => string | undefined,
): Promise<string> {
  const child = spawn(process.execPath, args, {
    cwd: root,
    env: { ...process.env, ...env },
    stdio: ['ignore', 'pipe', 'inherit'],
  })
  children.push(child)
  child.on('exit', (code) => {
    console.error(`${name} exited (${code}); stopping`)
    stopAll(code ?? 1)
  })
  return new Promise((resolve) => {
    const lines = createInterface({ input: child.stdout as NodeJS.ReadableStream })
    let found = false
    lines.on('line', (line) => {
      if (!found) {
        const value = match(line)
        if (value !== undefined) {
          found = true
          resolve(value)
          return
        }
      }
      console.log(`[${name}] ${line}`)
    })
  })
}

const listening = await startAndWait(
  'node',
  [
    'relay/bin/weft.ts',
    'node',
    // Inside the checkout (git-ignored): the dev node keeps one peer id across restarts.
    '--data-dir',
    '.weft/dev-node',
    '--listen',
    '/ip4/127.0.0.1/tcp/0',
    '--listen',
    `/ip4/127.0.0.1/tcp/${NODE_WS_PORT}/ws`,
  ],
  {},
  (line) =>
    line.startsWith('weft: listening ') ? line.slice('weft: listening '.length) : undefined,
)
const { multiaddrs } = JSON.parse(listening) as { multiaddrs: string[] }
const ws = multiaddrs.find((a) => a.includes('/ws/'))
if (ws === undefined) {
  console.error('the node reported no WebSocket address')
  stopAll(1)
}

const url = `http://localhost:${WEB_PORT}/?node=${encodeURIComponent(ws)}`
await startAndWait(
  'web',
  ['node_modules/vite/bin/vite.js', 'apps/web', '--port', String(WEB_PORT), '--strictPort'],
  { VITE_WEFT_NODE: ws },
  (line) => (/Local:/.test(line) ? line : undefined),
)
console.log(`\nWeft is running.\n  node:    ${ws}\n  web app: ${url}\n\nCtrl-C stops everything.`)
