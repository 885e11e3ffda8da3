// One step's outcome as text, with its state in data-state so tests can wait on it.
import type { Step } from '../demo/verify-demo.ts'

export interface StepViewProps<T> {
  step: Step<T>
  testId: string
  done: (value: T) => string
  idle?: string
  /** Extra class for a finished step, e.g. to colour a verdict. */
  tone?: (value: T) => string
}

export function StepView<T>({ step, testId, done, idle = '—', tone }: StepViewProps<T>) {
  const text =
    step.state === 'done'
      ? done(step.value)
      : step.state === 'failed'
        ? step.error
        : step.state === 'pending'
          ? 'working…'
          : idle
  return (
    <span
      data-testid={testId}
      data-state={step.state}
      role={step.state === 'failed' ? 'alert' : undefined}
      className={`step ${step.state} ${step.state === 'done' && tone ? tone(step.value) : ''}`}
    >
      {text}
    </span>
  )
}

export const verdict = (valid: boolean) => (valid ? 'valid' : 'invalid')
export const verdictTone = (valid: boolean) => (valid ? 'verdict-valid' : 'verdict-invalid')
