// Instantiates weft_core.wasm from a compiled module. Shared by the Node and browser loaders.
import { WeftCore } from './core.ts'
import { WeftWasmError } from './errors.ts'
import { HostStores } from './state.ts'

// The module imports the host functions the core calls (weft_host.*) and, through libc++, a few
// WASI functions (fd_write and friends, reached only from abort paths). The core does no I/O, so
// each WASI import is answered with ENOSYS; proc_exit traps.
const WASI_ENOSYS = 52

function moduleImports(module: WebAssembly.Module, stores: HostStores): WebAssembly.Imports {
  const imports: Record<string, Record<string, WebAssembly.ImportValue>> = {
    weft_host: { node_get: stores.nodeGet },
  }
  for (const entry of WebAssembly.Module.imports(module)) {
    if (
      entry.module === 'weft_host' &&
      entry.kind === 'function' &&
      entry.name in (imports.weft_host ?? {})
    ) {
      continue
    }
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
  const stores = new HostStores()
  const instance = await WebAssembly.instantiate(module, moduleImports(module, stores))
  return new WeftCore(instance, stores)
}
