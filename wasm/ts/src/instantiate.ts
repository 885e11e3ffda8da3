// Instantiates weft_core.wasm from a compiled module. Shared by the Node and browser loaders.
import { WeftCore } from './core.ts'
import { WeftWasmError } from './errors.ts'

// libc++ may leave a few WASI imports in the module (fd_write and friends, reached only from
// abort paths). The core does no I/O, so each is answered with ENOSYS; proc_exit traps.
const WASI_ENOSYS = 52

function wasiStubs(module: WebAssembly.Module): WebAssembly.Imports {
  const imports: Record<string, Record<string, WebAssembly.ImportValue>> = {}
  for (const entry of WebAssembly.Module.imports(module)) {
    if (entry.module !== 'wasi_snapshot_preview1' || entry.kind !== 'function') {
      throw new WeftWasmError(
        'LOAD_FAILED',
        `weft_core.wasm imports ${entry.module}.${entry.name}, which no host provides`,
      )
    }
    const wasi = imports[entry.module] ?? {}
    imports[entry.module] = wasi
    wasi[entry.name] =
      entry.name === 'proc_exit'
        ? () => {
            throw new WeftWasmError('LOAD_FAILED', 'weft_core.wasm called proc_exit')
          }
        : () => WASI_ENOSYS
  }
  return imports
}

export async function instantiateCore(module: WebAssembly.Module): Promise<WeftCore> {
  const instance = await WebAssembly.instantiate(module, wasiStubs(module))
  return new WeftCore(instance)
}
