// The one sentence every screen carries: phishing for recovery phrases is how wallets are emptied.
export function PhraseNotice() {
  return (
    <p className="notice" data-testid="phrase-notice">
      Weft never asks for your recovery phrase. Anyone who does — a website, a message, someone
      claiming to be support — is trying to take your funds.
    </p>
  )
}
