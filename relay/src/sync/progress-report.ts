// Where sync progress goes: a bar redrawn on the operator's terminal, or structured log events
// ('sync progress', 'sync done') that log collectors and tests read.
import type { Logger } from '../log.ts'
import type { BlockSync } from './block-sync.ts'
import { ProgressBar, type TerminalLine } from './progress-bar.ts'
import type { SyncProgressEvent } from './sync-progress.ts'

function fields(e: SyncProgressEvent) {
  return {
    height: e.height,
    target: e.target,
    blocksPerSecond: Math.round(e.blocksPerSecond),
    txsPerSecond: Math.round(e.txsPerSecond),
    etaSeconds: e.etaSeconds === undefined ? null : Math.round(e.etaSeconds),
  }
}

export function reportSyncProgress(sync: BlockSync, log: Logger, terminal?: TerminalLine): void {
  const bar = terminal === undefined ? undefined : new ProgressBar(terminal)
  sync.on('progress', (e) => {
    if (bar === undefined) log.info(fields(e), 'sync progress')
    else bar.update(e)
  })
  sync.on('done', (e) => {
    if (e.height === e.startHeight) return
    bar?.update(e)
    bar?.done()
    log.info({ ...fields(e), blocks: e.height - e.startHeight }, 'sync done')
  })
}
