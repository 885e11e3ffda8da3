// Vite resolves `?url` imports to the served asset's URL.
declare module '*.wasm?url' {
  const url: string
  export default url
}
