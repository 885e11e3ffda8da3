// The pipeline check page: shows what was loaded, who we are connected to, and each verdict.

import { CheckRow } from './components/CheckRow.tsx'
import { StepView } from './components/StepView.tsx'
import type { PageConfig, PageConfigResult } from './config.ts'
import { useVerifyDemo } from './demo/use-verify-demo.ts'

export function App({ config }: { config: PageConfigResult }) {
  return (
    <main>
      <h1>Weft — verify pipeline</h1>
      {config.ok ? (
        <Demo config={config.config} />
      ) : (
        <p data-testid="error" role="alert" className="step failed">
          {config.error}
        </p>
      )}
    </main>
  )
}

function Demo({ config }: { config: PageConfig }) {
  const { state, sendTampered } = useVerifyDemo(config)
  if (state === undefined) return <p>starting…</p>
  const canTamper = state.connection.state === 'done' && state.tampered.remote.state !== 'pending'
  return (
    <>
      <dl>
        <dt>Node</dt>
        <dd data-testid="node-addr">{config.node.toString()}</dd>
        <dt>Consensus core (WASM)</dt>
        <dd>
          <StepView step={state.core} testId="core-status" done={() => 'loaded'} />
        </dd>
        <dt>Connection</dt>
        <dd>
          {state.connection.state === 'done' ? (
            <span data-testid="connection" data-state="done">
              connected to <code data-testid="peer-id">{state.connection.value.peerId}</code>
            </span>
          ) : (
            <StepView step={state.connection} testId="connection" done={() => ''} />
          )}
        </dd>
        <dt>Message</dt>
        <dd data-testid="message">{state.message}</dd>
        <dt>Public key</dt>
        <dd>
          <code data-testid="public-key">{state.publicKey}</code>
        </dd>
      </dl>
      <table>
        <thead>
          <tr>
            <th scope="col">Signature</th>
            <th scope="col">Verified here</th>
            <th scope="col">Verified by the node</th>
          </tr>
        </thead>
        <tbody>
          <CheckRow label="as signed" check={state.own} testIdPrefix="" />
          <CheckRow label="tampered" check={state.tampered} testIdPrefix="tampered-" />
        </tbody>
      </table>
      <button
        type="button"
        data-testid="send-tampered"
        disabled={!canTamper}
        onClick={sendTampered}
      >
        Send a tampered signature
      </button>
    </>
  )
}
