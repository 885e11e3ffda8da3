/// <reference types="vite/client" />

interface ImportMetaEnv {
  /** The node the page connects to when the URL has no ?node= (set at dev time). */
  readonly VITE_WEFT_NODE?: string
}
