// First visit in this browser: no vault yet.
import { href } from '../routing/use-hash-route.ts'

export function Welcome() {
  return (
    <section>
      <h2>Welcome</h2>
      <p>
        This wallet is a node: it checks every balance and transaction it shows against the chain's
        own signatures and proofs, in this tab.
      </p>
      <p className="actions">
        <a className="button" href={href('create')}>
          Create a new wallet
        </a>
        <a className="button secondary" href={href('import')}>
          Import a recovery phrase
        </a>
      </p>
    </section>
  )
}
