// Errors the CLI reports to the user and maps to its exit status.

/** The command line cannot be run as given; `weft` prints the message and exits 2. */
export class CliUsageError extends Error {
  override readonly name = 'CliUsageError'
  readonly code = 'USAGE'
  /** The flag at fault, when there is one (e.g. `--listen`). */
  readonly flag: string | undefined
  /** The value at fault, when there is one. */
  readonly value: string | undefined

  constructor(message: string, details: { flag?: string; value?: string } = {}) {
    super(message)
    this.flag = details.flag
    this.value = details.value
  }
}
