// The sync progress bar an operator sees on a terminal: one line redrawn in place, with the
// height, rates and ETA. Only for a TTY; elsewhere progress goes to the structured log.
import type { SyncProgressEvent } from './sync-progress.ts'

const BAR_WIDTH = 24

export function formatDuration(seconds: number | undefined): string {
  if (seconds === undefined || !Number.isFinite(seconds)) return '--'
  const s = Math.round(seconds)
  if (s < 60) return `${s}s`
  if (s < 3600) return `${Math.floor(s / 60)}m${String(s % 60).padStart(2, '0')}s`
  return `${Math.floor(s / 3600)}h${String(Math.floor((s % 3600) / 60)).padStart(2, '0')}m`
}

/** The bar's text for one event, without cursor control. */
export function renderProgress(e: SyncProgressEvent): string {
  const fraction = Math.min(1, Math.max(0, e.fraction))
  const filled = Math.round(fraction * BAR_WIDTH)
  const bar = `${'█'.repeat(filled)}${'░'.repeat(BAR_WIDTH - filled)}`
  const count = (n: number) => Math.round(n).toLocaleString('en-US')
  return (
    `sync ${bar} ${(fraction * 100).toFixed(1).padStart(5)}%  ` +
    `${count(e.height)}/${count(e.target)}  ${count(e.blocksPerSecond)} blocks/s  ` +
    `${count(e.txsPerSecond)} tx/s  ETA ${formatDuration(e.etaSeconds)}`
  )
}

export interface TerminalLine {
  write(text: string): unknown
  columns?: number | undefined
}

/** Draws events on one terminal line; done() ends the line so later output starts clean. */
export class ProgressBar {
  readonly #out: TerminalLine
  #drawn = false

  constructor(out: TerminalLine) {
    this.#out = out
  }

  update(e: SyncProgressEvent): void {
    const text = renderProgress(e)
    const width = this.#out.columns ?? text.length
    // \r and erase-line: redraw in place; cut to the terminal's width so it never wraps.
    this.#out.write(`\r\x1b[2K${text.slice(0, Math.max(0, width - 1))}`)
    this.#drawn = true
  }

  done(): void {
    if (this.#drawn) this.#out.write('\n')
    this.#drawn = false
  }
}
