// @weft/wasm for Node: loads wasm/dist/weft_core.wasm from disk.
import { readFile } from 'node:fs/promises'
import type { WeftCore } from './core.ts'
import { WeftWasmError } from './errors.ts'
import { instantiateCore } from './instantiate.ts'

export * from './api.ts'

/** Where `npm run build --workspace @weft/wasm` writes the module. */
export const DEFAULT_WASM_URL = new URL('../../dist/weft_core.wasm', import.meta.url)

let compiled: Promise<WebAssembly.Module> | undefined

/** Compiles the module once per process; instances (one per loadCore call) share it. */
export function compileCore(source: URL | string = DEFAULT_WASM_URL): Promise<WebAssembly.Module> {
  if (source === DEFAULT_WASM_URL && compiled !== undefined) return compiled
  const result = readFile(source)
    .catch((cause: unknown) => {
      throw new WeftWasmError(
        'LOAD_FAILED',
        `cannot read ${String(source)}; run npm run build first`,
        { cause },
      )
    })
    .then((bytes) => WebAssembly.compile(bytes))
  if (source === DEFAULT_WASM_URL) compiled = result
  return result
}

export interface LoadCoreOptions {
  /** A compiled module (for example one passed to a worker) or a file to read it from. */
  module?: WebAssembly.Module
  url?: URL | string
}

export async function loadCore(options: LoadCoreOptions = {}): Promise<WeftCore> {
  const module = options.module ?? (await compileCore(options.url))
  return instantiateCore(module)
}
