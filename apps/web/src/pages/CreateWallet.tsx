// A new wallet: a 24-word phrase shown once, the backup check, then the password that seals it.
// The phrase lives in this component's state only until the vault is sealed.
import { backupCheckPositions, generateMnemonic } from '@weft/core'
import { useMemo, useState } from 'react'
import { PasswordForm } from '../components/PasswordForm.tsx'
import { navigate } from '../routing/use-hash-route.ts'
import { BackupCheck } from './BackupCheck.tsx'

type Step = 'show' | 'check' | 'password'

export function CreateWallet({
  onCreate,
}: {
  onCreate: (phrase: string, password: string) => Promise<void>
}) {
  const [phrase] = useState(() => generateMnemonic())
  const positions = useMemo(() => backupCheckPositions(phrase), [phrase])
  const [step, setStep] = useState<Step>('show')

  if (step === 'show') {
    return (
      <section>
        <h2>Your recovery phrase</h2>
        <p className="warning">
          Write these 24 words down on paper, in order, and keep them offline. They are the wallet:
          anyone who has them can spend from it, and they are the only way back in if this browser
          or the password is lost. This page shows them once.
        </p>
        <ol className="phrase" data-testid="phrase">
          {phrase.split(' ').map((word, i) => (
            // biome-ignore lint/suspicious/noArrayIndexKey: a word's position is its identity
            <li key={i} data-testid="phrase-word">
              {word}
            </li>
          ))}
        </ol>
        <button type="button" onClick={() => setStep('check')}>
          I have written it down
        </button>
      </section>
    )
  }
  if (step === 'check') {
    return (
      <BackupCheck
        phrase={phrase}
        positions={positions}
        onConfirmed={() => setStep('password')}
        onShowAgain={() => setStep('show')}
      />
    )
  }
  return (
    <section>
      <h2>Choose a password</h2>
      <PasswordForm
        submitLabel="Create wallet"
        onSubmit={async (password) => {
          await onCreate(phrase, password)
          navigate('home')
        }}
      />
    </section>
  )
}
