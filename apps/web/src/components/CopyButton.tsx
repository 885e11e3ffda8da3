// Copies a value to the clipboard and says so; the value itself is public (an address).
import { useState } from 'react'

export function CopyButton({ value, label }: { value: string; label: string }) {
  const [state, setState] = useState<'idle' | 'copied' | 'failed'>('idle')
  const copy = () =>
    navigator.clipboard.writeText(value).then(
      () => setState('copied'),
      () => setState('failed'),
    )
  return (
    <button type="button" onClick={copy}>
      {state === 'copied'
        ? 'Copied'
        : state === 'failed'
          ? 'Copy failed: select it instead'
          : label}
    </button>
  )
}
