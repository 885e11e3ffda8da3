// The core's own benchmarks (wasm/bench/core_bench.cpp), built from one source as a native
// executable and as a WASI module and run here back to back, so each WASM figure has native code
// beside it from the same run.
import { spawnSync } from 'node:child_process'
import { fileURLToPath } from 'node:url'

const root = fileURLToPath(new URL('..', import.meta.url))
const NATIVE_DIR = 'wasm/build/bench-native'
const WASM_DIR = 'wasm/build/bench-wasm'

export interface CoreFigure {
  name: string
  unit: string
  native: number
  wasm: number
}

function sh(command: string, args: string[]): string {
  const result = spawnSync(command, args, { cwd: root, encoding: 'utf8' })
  if (result.status !== 0) throw new Error(`${command} ${args.join(' ')} failed:\n${result.stderr}`)
  return result.stdout
}

function build(): void {
  sh('cmake', [
    '-S',
    'wasm',
    '-B',
    NATIVE_DIR,
    '-G',
    'Ninja',
    '-DCMAKE_CXX_COMPILER=clang++-19',
    '-DCMAKE_BUILD_TYPE=Release',
  ])
  sh('ninja', ['-C', NATIVE_DIR, 'weft_bench_core', 'weft_bench_light', 'weft_sim'])
  sh('cmake', [
    '-S',
    'wasm',
    '-B',
    WASM_DIR,
    '-G',
    'Ninja',
    `-DCMAKE_TOOLCHAIN_FILE=${root}wasm/cmake/wasm32-wasi.cmake`,
    '-DCMAKE_BUILD_TYPE=Release',
  ])
  sh('ninja', ['-C', WASM_DIR, 'weft_bench_core_wasm'])
}

type Line = { name: string; unit: string; value: number }

function parse(output: string): Line[] {
  return output
    .split('\n')
    .filter((l) => l.startsWith('{'))
    .map((l) => JSON.parse(l) as Line)
}

async function runWasm(): Promise<string> {
  // The module prints through WASI's fd_write to this process's real stdout, so it runs in a
  // child Node process whose output is captured.
  const script = `
    import { WASI } from 'node:wasi'
    import { readFileSync } from 'node:fs'
    const wasi = new WASI({ version: 'preview1', args: [], env: {} })
    const m = await WebAssembly.compile(readFileSync(process.argv[1]))
    wasi.start(await WebAssembly.instantiate(m, wasi.getImportObject()))`
  return sh(process.execPath, [
    '--no-warnings',
    '--input-type=module',
    '-e',
    script,
    `${WASM_DIR}/weft_bench_core.wasm`,
  ])
}

export async function coreFigures(): Promise<CoreFigure[]> {
  build()
  const native = parse(sh(`${NATIVE_DIR}/weft_bench_core`, []))
  const wasm = parse(await runWasm())
  return native.map((n) => ({
    name: n.name,
    unit: n.unit,
    native: n.value,
    wasm: wasm.find((w) => w.name === n.name)?.value ?? Number.NaN,
  }))
}

export interface LightFigures {
  skippingMs: number
  skippingFetched: number
  sequentialMs: number
  sequentialFetched: number
}

/** Light-client skipping verification from height 1 to 100 000 (wasm/bench/light_skipping.cpp). */
export function lightFigures(): LightFigures {
  const out = sh(`${NATIVE_DIR}/weft_bench_light`, [])
  const skipping = /skipping:\s+([\d.]+) ms verifying,\s+(\d+) headers fetched/.exec(out)
  const sequential = /sequential:\s+([\d.]+) ms estimated,\s+(\d+) headers fetched/.exec(out)
  if (!skipping || !sequential) throw new Error(`unexpected weft_bench_light output:\n${out}`)
  return {
    skippingMs: Number(skipping[1]),
    skippingFetched: Number(skipping[2]),
    sequentialMs: Number(sequential[1]),
    sequentialFetched: Number(sequential[2]),
  }
}

/**
 * Consensus messages processed per second by the simulator's validators (4 validators, no
 * faults): each delivery is decoded, signature-checked and fed to a state machine.
 */
export function consensusMessagesPerSecond(seconds: number): number {
  const out = sh(`${NATIVE_DIR}/weft_sim`, [
    '--seeds',
    '1..1000000',
    '--faults',
    'none',
    '--validators',
    '4',
    '--seconds',
    String(Math.max(1, Math.round(seconds))),
  ])
  const m = /([\d.]+) messages\/s/.exec(out)
  if (!m) throw new Error(`unexpected weft_sim output:\n${out}`)
  return Number(m[1])
}
