// Sync progress as an operator reads it: rates over the recent past, an ETA that follows them,
// and a terminal bar that redraws one line and never wraps.
import assert from 'node:assert/strict'
import { describe, it } from 'node:test'
import { formatDuration, ProgressBar, renderProgress } from '../../src/sync/progress-bar.ts'
import { SyncProgress } from '../../src/sync/sync-progress.ts'

describe('SyncProgress', () => {
  it('reports blocks/s, tx/s and the ETA to the target', () => {
    const p = new SyncProgress(100, 0)
    for (let s = 1; s <= 5; s++) p.applied(100 + 50 * s, 1000 * s, s * 1000)
    const e = p.event(1350, 5000)
    assert.equal(e.height, 350)
    assert.equal(e.blocksPerSecond, 50)
    assert.equal(e.txsPerSecond, 3000) // 1000+2000+…+5000 transactions over five seconds
    assert.equal(e.etaSeconds, 20) // 1000 blocks to go at 50/s
    assert.equal(e.fraction, 0.2)
  })

  it('follows a change of pace within its window rather than averaging the whole run', () => {
    const p = new SyncProgress(0, 0)
    let height = 0
    for (let s = 1; s <= 60; s++) {
      height += s <= 30 ? 10 : 100
      p.applied(height, 0, s * 1000)
    }
    const e = p.event(100_000, 60_000)
    assert.ok(e.blocksPerSecond > 90, `the recent rate (${e.blocksPerSecond}) counts, not the mean`)
  })

  it('has no ETA before a rate is known, and none to wait once the target is reached', () => {
    const p = new SyncProgress(10, 0)
    assert.equal(p.event(20, 0).etaSeconds, undefined)
    p.applied(20, 5, 1000)
    const e = p.event(20, 1000)
    assert.equal(e.etaSeconds, 0)
    assert.equal(e.fraction, 1)
  })

  it('never reports a target below the height reached', () => {
    const p = new SyncProgress(0, 0)
    p.applied(30, 0, 1000)
    assert.equal(p.event(25, 1000).target, 30)
  })
})

describe('the progress bar', () => {
  it('shows percent, heights, rates and ETA', () => {
    const text = renderProgress({
      startHeight: 0,
      height: 6230,
      target: 10_000,
      blocksPerSecond: 412.4,
      txsPerSecond: 8240,
      etaSeconds: 9.2,
      fraction: 0.623,
    })
    assert.match(text, /62\.3%/)
    assert.match(text, /6,230\/10,000/)
    assert.match(text, /412 blocks\/s/)
    assert.match(text, /8,240 tx\/s/)
    assert.match(text, /ETA 9s$/)
  })

  it('formats long durations in minutes and hours', () => {
    assert.equal(formatDuration(125), '2m05s')
    assert.equal(formatDuration(3 * 3600 + 7 * 60), '3h07m')
    assert.equal(formatDuration(undefined), '--')
  })

  it('redraws one line, fits the terminal width, and ends the line when done', () => {
    const written: string[] = []
    const bar = new ProgressBar({ write: (t) => written.push(t), columns: 40 })
    const event = {
      startHeight: 0,
      height: 5,
      target: 10,
      blocksPerSecond: 1,
      txsPerSecond: 1,
      etaSeconds: 5,
      fraction: 0.5,
    }
    bar.update(event)
    bar.update({ ...event, height: 6, fraction: 0.6 })
    bar.done()
    assert.equal(written.length, 3)
    for (const w of written.slice(0, 2)) {
      assert.ok(w.startsWith('\r\x1b[2K'), 'each update returns to the line start and clears it')
      assert.ok(w.length - '\r\x1b[2K'.length < 40, 'never wider than the terminal')
      assert.ok(!w.includes('\n'))
    }
    assert.equal(written[2], '\n')
  })
})
