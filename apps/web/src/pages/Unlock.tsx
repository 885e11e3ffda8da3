// A stored vault, locked: its password opens it. A wrong one is said plainly; nothing decrypts.
import { VaultError } from '@weft/core'
import { type FormEvent, useState } from 'react'
import { href } from '../routing/use-hash-route.ts'

export function Unlock({ onUnlock }: { onUnlock: (password: string) => Promise<void> }) {
  const [error, setError] = useState<string>()
  const [busy, setBusy] = useState(false)
  const submit = async (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault()
    const form = event.currentTarget
    const password = String(new FormData(form).get('password') ?? '')
    setBusy(true)
    setError(undefined)
    try {
      await onUnlock(password)
    } catch (err) {
      setError(unlockError(err))
      form.reset()
      setBusy(false)
    }
  }
  return (
    <form onSubmit={submit}>
      <h2>Unlock your wallet</h2>
      <label>
        Password
        <input name="password" type="password" autoComplete="current-password" required />
      </label>
      {error === undefined ? null : (
        <p className="error" role="alert" data-testid="unlock-error">
          {error}
        </p>
      )}
      <button type="submit" disabled={busy}>
        {busy ? 'Unlocking…' : 'Unlock'}
      </button>
      <p>
        Forgot the password? It cannot be recovered, but the wallet can:{' '}
        <a href={href('import')}>restore it from its recovery phrase</a>.
      </p>
    </form>
  )
}

function unlockError(err: unknown): string {
  if (!(err instanceof VaultError)) return err instanceof Error ? err.message : String(err)
  switch (err.code) {
    case 'WRONG_PASSWORD':
    case 'EMPTY_PASSWORD':
      return 'Wrong password: the wallet stays locked and nothing was decrypted. Try again.'
    case 'TAMPERED':
    case 'MALFORMED':
      return `The stored wallet is damaged (${err.code}): nothing was decrypted. Restore it from its recovery phrase.`
    default:
      return `${err.message} (${err.code})`
  }
}
