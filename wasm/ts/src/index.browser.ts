// @weft/wasm for browsers: Vite serves weft_core.wasm as an asset and hands us its URL.
import wasmUrl from '../../dist/weft_core.wasm?url'
import type { WeftCore } from './core.ts'
import { WeftWasmError } from './errors.ts'
import { instantiateCore } from './instantiate.ts'

export * from './api.ts'

let compiled: Promise<WebAssembly.Module> | undefined

export function compileCore(url: string = wasmUrl): Promise<WebAssembly.Module> {
  if (url === wasmUrl && compiled !== undefined) return compiled
  const result = fetch(url)
    .then((response) => {
      if (!response.ok) throw new Error(`HTTP ${response.status}`)
      // Compiling from bytes rather than compileStreaming works whatever MIME type the server sends.
      return response.arrayBuffer()
    })
    .then((bytes) => WebAssembly.compile(bytes))
    .catch((cause: unknown) => {
      throw new WeftWasmError('LOAD_FAILED', `cannot load the consensus core from ${url}`, {
        cause,
      })
    })
  if (url === wasmUrl) compiled = result
  return result
}

export interface LoadCoreOptions {
  module?: WebAssembly.Module
  url?: string
}

export async function loadCore(options: LoadCoreOptions = {}): Promise<WeftCore> {
  const module = options.module ?? (await compileCore(options.url))
  return instantiateCore(module)
}
