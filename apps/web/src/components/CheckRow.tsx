// A signature check: the verdict of the core in this tab beside the verdict of the node.
import type { Check } from '../demo/verify-demo.ts'
import { StepView, verdict, verdictTone } from './StepView.tsx'

export interface CheckRowProps {
  label: string
  check: Check
  /** Prefix of this row's test ids: `${prefix}local-result`, `${prefix}remote-result`. */
  testIdPrefix: string
}

export function CheckRow({ label, check, testIdPrefix }: CheckRowProps) {
  return (
    <tr>
      <th scope="row">{label}</th>
      <td>
        <StepView
          step={check.local}
          testId={`${testIdPrefix}local-result`}
          done={verdict}
          tone={verdictTone}
        />
      </td>
      <td>
        <StepView
          step={check.remote}
          testId={`${testIdPrefix}remote-result`}
          done={verdict}
          tone={verdictTone}
        />
      </td>
    </tr>
  )
}
