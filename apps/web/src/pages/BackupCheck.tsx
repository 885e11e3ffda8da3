// Confirms the phrase was written down: the words at three random positions, typed back.
import { checkBackupAnswers } from '@weft/core'
import { type FormEvent, useState } from 'react'

export function BackupCheck({
  phrase,
  positions,
  onConfirmed,
  onShowAgain,
}: {
  phrase: string
  positions: number[]
  onConfirmed: () => void
  onShowAgain: () => void
}) {
  const [wrong, setWrong] = useState<number[]>([])
  const submit = (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault()
    const form = new FormData(event.currentTarget)
    const answers = new Map(positions.map((p) => [p, String(form.get(`word-${p}`) ?? '')]))
    const mistakes = checkBackupAnswers(phrase, answers)
    if (mistakes.length === 0) onConfirmed()
    else setWrong(mistakes)
  }
  return (
    <form onSubmit={submit}>
      <h2>Check your backup</h2>
      <p>Type the words at these positions of your phrase.</p>
      {positions.map((p) => (
        <label key={p}>
          Word #{p}
          <input
            name={`word-${p}`}
            autoComplete="off"
            autoCapitalize="none"
            spellCheck={false}
            required
          />
        </label>
      ))}
      {wrong.length === 0 ? null : (
        <p className="error" role="alert" data-testid="backup-error">
          {wrong.map((p) => `word #${p}`).join(', ')} {wrong.length === 1 ? 'does' : 'do'} not match
          your phrase.
        </p>
      )}
      <p className="actions">
        <button type="submit">Confirm</button>
        <button type="button" className="secondary" onClick={onShowAgain}>
          Show the phrase again
        </button>
      </p>
    </form>
  )
}
