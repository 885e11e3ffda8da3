// Runs every suite Weft has — lint, C++ native, C++ under sanitizers, fuzz smoke, WASM build
// reproducibility, TypeScript unit and integration, Playwright end to end — and ends with one
// line `N passed, N failed` counted over all of them. Usage: npm test [-- suite...]
import { spawn } from 'node:child_process'
import { existsSync } from 'node:fs'
import { mkdir, mkdtemp, readdir, readFile, rm } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { delimiter, dirname, join } from 'node:path'
import { fileURLToPath } from 'node:url'

const root = fileURLToPath(new URL('..', import.meta.url))

interface Counts {
  passed: number
  failed: number
  skipped: number
}

interface Suite {
  name: string
  run(): Promise<Counts>
}

interface RunResult {
  code: number
  output: string
}

const bin = (tool: string) => join(root, 'node_modules', '.bin', tool)
// Children run on this same Node 24, whatever PATH says (the system Node may be older).
const childPath = `${dirname(process.execPath)}${delimiter}${process.env.PATH ?? ''}`

function run(command: string, args: string[], env: NodeJS.ProcessEnv = {}): Promise<RunResult> {
  return new Promise((resolve) => {
    const child = spawn(command, args, {
      cwd: root,
      env: { ...process.env, PATH: childPath, ...env },
    })
    let output = ''
    const collect = (chunk: Buffer, to: NodeJS.WriteStream) => {
      output += chunk.toString()
      to.write(chunk)
    }
    child.stdout.on('data', (c: Buffer) => collect(c, process.stdout))
    child.stderr.on('data', (c: Buffer) => collect(c, process.stderr))
    child.on('error', (err) => resolve({ code: 127, output: `${output}\n${err.message}` }))
    child.on('close', (code) => resolve({ code: code ?? 1, output }))
  })
}

/** A step that is one test: it passes when the command exits 0. */
async function step(command: string, args: string[], env?: NodeJS.ProcessEnv): Promise<Counts> {
  const { code } = await run(command, args, env)
  return { passed: code === 0 ? 1 : 0, failed: code === 0 ? 0 : 1, skipped: 0 }
}

function add(a: Counts, b: Counts): Counts {
  return {
    passed: a.passed + b.passed,
    failed: a.failed + b.failed,
    skipped: a.skipped + b.skipped,
  }
}

const zero: Counts = { passed: 0, failed: 0, skipped: 0 }

async function ctestSuite(buildDir: string, cmakeArgs: string[]): Promise<Counts> {
  if (!(await configureAndBuild(buildDir, cmakeArgs))) return { ...zero, failed: 1 }
  const { output } = await run('ctest', ['--test-dir', buildDir, '--output-on-failure', '-j2'])
  const m = /tests passed, (\d+) tests failed out of (\d+)/.exec(output)
  if (!m) return { ...zero, failed: 1 }
  const failed = Number(m[1])
  return { passed: Number(m[2]) - failed, failed, skipped: 0 }
}

async function fuzzSmoke(): Promise<Counts> {
  const dir = 'wasm/build/fuzz'
  const built = await configureAndBuild(dir, ['-DWEFT_FUZZ=ON'])
  if (!built) return { ...zero, failed: 1 }
  let counts = zero
  const targets = (await readdir(dir)).filter((f) => f.startsWith('fuzz_')).sort()
  const scratch = await mkdtemp(join(tmpdir(), 'weft-fuzz-'))
  for (const target of targets) {
    // A short smoke run in CI (fixed seed) from the committed seed corpus; new inputs go to a
    // scratch directory so the checkout is never modified. scripts/fuzz runs the long campaigns.
    const found = join(scratch, target)
    await mkdir(found)
    counts = add(
      counts,
      await step(join(dir, target), [
        '-max_total_time=10',
        '-seed=1',
        found,
        ...[join('wasm/fuzz/corpus', target)].filter((seeds) => existsSync(join(root, seeds))),
      ]),
    )
  }
  await rm(scratch, { recursive: true, force: true })
  return counts
}

/** Configures and builds the native core in `buildDir`; false when either step fails. */
async function configureAndBuild(buildDir: string, cmakeArgs: string[]): Promise<boolean> {
  const configure = await run('cmake', [
    '-S',
    'wasm',
    '-B',
    buildDir,
    '-G',
    'Ninja',
    '-DCMAKE_CXX_COMPILER=clang++-19',
    '-DCMAKE_BUILD_TYPE=RelWithDebInfo',
    ...cmakeArgs,
  ])
  return configure.code === 0 && (await run('ninja', ['-C', buildDir])).code === 0
}

/** The .wasm must be byte-identical when built twice, in two different directories. */
async function reproducibleWasm(): Promise<Counts> {
  const scratch = await mkdtemp(join(tmpdir(), 'weft-repro-'))
  try {
    const a = join(scratch, 'a')
    const b = join(scratch, 'b')
    for (const dir of [a, b]) {
      if ((await run('bash', ['wasm/scripts/build-wasm', dir])).code !== 0)
        return { ...zero, failed: 1 }
    }
    const [x, y] = await Promise.all([
      readFile(join(a, 'weft_core.wasm')),
      readFile(join(b, 'weft_core.wasm')),
    ])
    const same = x.equals(y)
    console.log(
      same ? `wasm: reproducible (${x.length} bytes, identical twice)` : 'wasm: builds differ',
    )
    return { ...zero, passed: same ? 1 : 0, failed: same ? 0 : 1 }
  } finally {
    await rm(scratch, { recursive: true, force: true })
  }
}

async function nodeTests(): Promise<Counts> {
  const tap = join(await mkdtemp(join(tmpdir(), 'weft-node-test-')), 'report.tap')
  await run(process.execPath, [
    '--test',
    '--test-concurrency=1',
    '--test-reporter=spec',
    '--test-reporter-destination=stdout',
    '--test-reporter=tap',
    `--test-reporter-destination=${tap}`,
    'wasm/ts/test/**/*.test.ts',
    'core/test/**/*.test.ts',
    'relay/test/**/*.test.ts',
    'apps/web/test/**/*.test.ts',
  ])
  const report = await readFile(tap, 'utf8').catch(() => '')
  const count = (label: string) =>
    Number(new RegExp(`^# ${label} (\\d+)$`, 'm').exec(report)?.[1] ?? 'NaN')
  const passed = count('pass')
  const failed = count('fail')
  if (Number.isNaN(passed) || Number.isNaN(failed)) return { ...zero, failed: 1 }
  return { passed, failed, skipped: count('skipped') || 0 }
}

async function playwright(): Promise<Counts> {
  const json = join(await mkdtemp(join(tmpdir(), 'weft-e2e-')), 'report.json')
  await run(bin('playwright'), ['test', '--reporter=list,json'], {
    PLAYWRIGHT_JSON_OUTPUT_NAME: json,
  })
  try {
    const { stats } = JSON.parse(await readFile(json, 'utf8')) as {
      stats: { expected: number; unexpected: number; flaky: number; skipped: number }
    }
    return {
      passed: stats.expected + stats.flaky,
      failed: stats.unexpected,
      skipped: stats.skipped,
    }
  } catch {
    return { ...zero, failed: 1 }
  }
}

const suites: Suite[] = [
  {
    name: 'lint',
    run: async () =>
      add(
        add(
          await step(bin('biome'), ['check', '.']),
          await step('bash', ['scripts/clang-format-check']),
        ),
        await step(bin('tsc'), ['--build']),
      ),
  },
  { name: 'wasm-build', run: reproducibleWasm },
  { name: 'native', run: () => ctestSuite('wasm/build/native', []) },
  { name: 'sanitizers', run: () => ctestSuite('wasm/build/asan', ['-DWEFT_SANITIZE=ON']) },
  { name: 'fuzz', run: fuzzSmoke },
  { name: 'node', run: nodeTests },
  { name: 'e2e', run: playwright },
]

const wanted = process.argv.slice(2)
const unknown = wanted.filter((w) => !suites.some((s) => s.name === w))
if (unknown.length > 0) {
  console.error(
    `unknown suite ${unknown.join(', ')}; suites are: ${suites.map((s) => s.name).join(', ')}`,
  )
  process.exit(2)
}

// The module every later suite loads.
const build = await run(process.execPath, ['scripts/build.ts'])
let total: Counts = build.code === 0 ? zero : { ...zero, failed: 1 }
const lines: string[] = []
for (const suite of suites) {
  if (wanted.length > 0 && !wanted.includes(suite.name)) continue
  console.log(`\n=== ${suite.name} ===`)
  const started = Date.now()
  const counts = await suite.run()
  const seconds = ((Date.now() - started) / 1000).toFixed(0)
  lines.push(
    `  ${suite.name.padEnd(11)} ${counts.passed} passed, ${counts.failed} failed, ${counts.skipped} skipped (${seconds} s)`,
  )
  total = add(total, counts)
}
console.log(`\n=== summary ===\n${lines.join('\n')}`)
console.log(`${total.passed} passed, ${total.failed} failed, ${total.skipped} skipped`)
process.exit(total.failed === 0 ? 0 : 1)
