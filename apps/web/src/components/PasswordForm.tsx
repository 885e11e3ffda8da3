// Choosing the vault's password: typed twice, at least MIN_PASSWORD_LENGTH characters. The
// password never leaves this form except into createVault.
import { type FormEvent, useState } from 'react'

const MIN_PASSWORD_LENGTH = 8

export function PasswordForm({
  submitLabel,
  onSubmit,
}: {
  submitLabel: string
  onSubmit: (password: string) => Promise<void>
}) {
  const [error, setError] = useState<string>()
  const [busy, setBusy] = useState(false)
  const submit = async (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault()
    const form = new FormData(event.currentTarget)
    const password = String(form.get('password') ?? '')
    if (password.length < MIN_PASSWORD_LENGTH) {
      setError(`The password needs at least ${MIN_PASSWORD_LENGTH} characters; a long one is best.`)
      return
    }
    if (password !== String(form.get('repeat') ?? '')) {
      setError('The two passwords differ.')
      return
    }
    setError(undefined)
    setBusy(true)
    try {
      await onSubmit(password)
    } catch (err) {
      setError(err instanceof Error ? err.message : String(err))
      setBusy(false)
    }
  }
  return (
    <form onSubmit={submit}>
      <p>
        The password encrypts the wallet in this browser. It cannot be recovered: without it, only
        the recovery phrase restores the wallet.
      </p>
      <label>
        Password
        <input name="password" type="password" autoComplete="new-password" required />
      </label>
      <label>
        Repeat password
        <input name="repeat" type="password" autoComplete="new-password" required />
      </label>
      {error === undefined ? null : (
        <p className="error" role="alert" data-testid="password-error">
          {error}
        </p>
      )}
      <button type="submit" disabled={busy}>
        {busy ? 'Encrypting…' : submitLabel}
      </button>
    </form>
  )
}
