// Restoring a wallet from its recovery phrase (also the way back from a forgotten password).
// The phrase is checked by BIP39's rules here, before a password is asked for.
import { MnemonicError, normalizeMnemonic } from '@weft/core'
import { type FormEvent, useState } from 'react'
import { PasswordForm } from '../components/PasswordForm.tsx'
import { navigate } from '../routing/use-hash-route.ts'

export function ImportWallet({
  replacing,
  onImport,
}: {
  replacing: boolean
  onImport: (phrase: string, password: string) => Promise<void>
}) {
  const [phrase, setPhrase] = useState<string>()
  const [error, setError] = useState<string>()
  const check = (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault()
    const text = String(new FormData(event.currentTarget).get('phrase') ?? '')
    try {
      setPhrase(normalizeMnemonic(text))
      setError(undefined)
    } catch (err) {
      if (!(err instanceof MnemonicError)) throw err
      // The suggestion is shown on screen only; it is kept out of the error's message for logs.
      setError(
        err.suggestion === undefined
          ? err.message
          : `${err.message} — did you mean "${err.suggestion}"?`,
      )
    }
  }
  if (phrase === undefined) {
    return (
      <form onSubmit={check}>
        <h2>Import a recovery phrase</h2>
        {replacing ? (
          <p className="warning">
            This replaces the wallet stored in this browser. Its funds stay on the chain, reachable
            with its own phrase.
          </p>
        ) : null}
        <label>
          Recovery phrase (12 to 24 words)
          <textarea
            name="phrase"
            rows={4}
            autoComplete="off"
            autoCapitalize="none"
            spellCheck={false}
            required
          />
        </label>
        {error === undefined ? null : (
          <p className="error" role="alert" data-testid="phrase-error">
            {error}
          </p>
        )}
        <button type="submit">Continue</button>
      </form>
    )
  }
  return (
    <section>
      <h2>Choose a password</h2>
      <PasswordForm
        submitLabel="Import wallet"
        onSubmit={async (password) => {
          await onImport(phrase, password)
          navigate('home')
        }}
      />
    </section>
  )
}
