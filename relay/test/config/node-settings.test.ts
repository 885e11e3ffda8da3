// The settings table is the one source of truth: names spelt the same way everywhere, and
// --help and docs/configuration.md listing exactly the settings it has.
import assert from 'node:assert/strict'
import { readFileSync } from 'node:fs'
import { describe, it } from 'node:test'
import { NODE_SETTINGS, NODE_USAGE } from '../../src/index.ts'

const settings = Object.values(NODE_SETTINGS)
const docs = readFileSync(new URL('../../../docs/configuration.md', import.meta.url), 'utf8')

/** The docs' settings table, by setting name (footnote marks dropped). */
function docRows(): Map<string, string> {
  const rows = new Map<string, string>()
  const table = docs.slice(docs.indexOf('## Settings'), docs.indexOf('### How values are read'))
  for (const line of table.split('\n')) {
    const m = /^\| ([a-z][a-z-]*)(?: [¹²])? \|/.exec(line)
    if (m !== null && m[1] !== 'setting') rows.set(m[1] as string, line)
  }
  return rows
}

describe('the settings table', () => {
  it('spells every name one way: --name, WEFT_NAME, "name"', () => {
    for (const s of settings) {
      const env = `WEFT_${s.name.toUpperCase().replaceAll('-', '_')}`
      assert.equal(s.env, env, s.name)
      if (s.flag !== undefined) assert.equal(s.flag, `--${s.name}`)
      if (s.fileKey !== undefined) assert.equal(s.fileKey, s.name)
    }
  })

  it('keeps secrets off the command line and out of files', () => {
    for (const s of settings.filter((x) => x.secret)) {
      assert.equal(s.flag, undefined, s.name)
      assert.equal(s.fileKey, undefined, s.name)
    }
  })

  it('is what --help shows', () => {
    for (const s of settings) {
      assert.ok(NODE_USAGE.includes(s.flag ?? (s.env as string)), s.name)
      assert.ok(NODE_USAGE.includes(s.description), s.name)
      assert.ok(NODE_USAGE.includes(`default: ${s.defaultText}`), s.name)
    }
    for (const line of NODE_USAGE.split('\n')) assert.ok(line.length <= 100, line)
  })

  it('is what docs/configuration.md documents, row for row', () => {
    const rows = docRows()
    assert.deepEqual([...rows.keys()].sort(), settings.map((s) => s.name).sort())
    for (const s of settings) {
      const row = rows.get(s.name) as string
      for (const spelling of [s.flag, s.env, s.fileKey]) {
        if (spelling !== undefined)
          assert.ok(row.includes(`\`${spelling}`), `${s.name}: ${spelling}`)
      }
      assert.equal(row.includes('¹'), !s.inEffect && s.name !== 'validator-key', s.name)
    }
  })
})
