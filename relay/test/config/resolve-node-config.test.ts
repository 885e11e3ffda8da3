// `weft node`'s settings: defaults, precedence (file < environment < flags), lists, paths,
// archive/prune exclusivity, and errors that name the setting, source, value and what is allowed.
import assert from 'node:assert/strict'
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { after, before, describe, it } from 'node:test'
import {
  ConfigError,
  type ConfigErrorCode,
  DEFAULT_LISTEN_ADDRS,
  DEFAULT_PRUNE_BLOCKS,
  NODE_SETTINGS,
  type NodeConfig,
  resolveNodeConfig,
} from '../../src/index.ts'

const PEER = '12D3KooWD3eckifWpRn9wQpMG9R9hX3sD158z7EqHWmweQAJU5SA'
let dir: string
let home: string

before(() => {
  dir = mkdtempSync(join(tmpdir(), 'weft-config-'))
  home = join(dir, 'home')
  mkdirSync(home)
})
after(() => rmSync(dir, { recursive: true, force: true }))

/** Writes a config file and returns its path. */
function configFile(json: unknown, name = 'weft.json'): string {
  const path = join(dir, name)
  writeFileSync(path, typeof json === 'string' ? json : JSON.stringify(json))
  return path
}

function resolve(argv: string[], env: Record<string, string> = {}) {
  const resolved = resolveNodeConfig({ argv, env, cwd: dir, homeDir: home })
  assert.equal(resolved.help, false)
  return resolved
}

function config(argv: string[], env: Record<string, string> = {}): NodeConfig {
  return resolve(argv, env).config
}

interface Expected {
  code: ConfigErrorCode
  setting: string
  source: string
  value: string | undefined
  allowed?: string | RegExp
  message?: RegExp
}

/** Asserts a ConfigError with these fields, whose message names every one of them. */
function fails(argv: string[], env: Record<string, string>, expected: Expected) {
  assert.throws(
    () => resolveNodeConfig({ argv, env, cwd: dir, homeDir: home }),
    (err: unknown) => {
      assert.ok(err instanceof ConfigError, `expected ConfigError, got ${String(err)}`)
      assert.equal(err.code, expected.code)
      assert.equal(err.setting, expected.setting)
      assert.equal(err.source, expected.source)
      assert.equal(err.value, expected.value)
      if (typeof expected.allowed === 'string') assert.equal(err.allowed, expected.allowed)
      else if (expected.allowed !== undefined) assert.match(err.allowed, expected.allowed)
      for (const part of [err.setting, err.source, err.value, err.allowed]) {
        if (part !== undefined) assert.ok(err.message.includes(part), `${err.message}\n∌ ${part}`)
      }
      if (expected.message !== undefined) assert.match(err.message, expected.message)
      return true
    },
  )
}

describe('defaults', () => {
  it('listens on loopback, relays, prunes, serves API and metrics on loopback', () => {
    const c = config([])
    assert.deepEqual(c.listen, [...DEFAULT_LISTEN_ADDRS])
    for (const addr of c.listen) assert.match(addr, /^\/ip4\/127\.0\.0\.1\/(tcp|udp)\/0\b/)
    assert.equal(c.relay, true)
    assert.deepEqual(c.history, { mode: 'prune', blocks: DEFAULT_PRUNE_BLOCKS })
    assert.deepEqual(c.api, { host: '127.0.0.1', port: 8645 })
    assert.deepEqual(c.metrics, { host: '127.0.0.1', port: 9645 })
    assert.deepEqual([c.bootstrap, c.announce], [[], []])
    assert.equal(c.genesis, undefined)
    assert.equal(c.validatorKey, undefined)
    assert.equal(c.configFile, undefined)
    assert.ok(Object.values(c.sources).every((s) => s.kind === 'default'))
  })

  it('keeps data in ~/.weft, or $XDG_DATA_HOME/weft when that is an absolute path', () => {
    assert.equal(config([]).dataDir, join(home, '.weft'))
    assert.equal(config([], { XDG_DATA_HOME: '/srv/data' }).dataDir, '/srv/data/weft')
    assert.equal(config([], { XDG_DATA_HOME: 'relative' }).dataDir, join(home, '.weft'))
  })

  it('answers --help without reading the environment or a config file', () => {
    const env = { WEFT_PRUNE: 'abc', WEFT_CONFIG: '/does/not/exist' }
    for (const flag of ['--help', '-h']) {
      assert.deepEqual(resolveNodeConfig({ argv: [flag], env, cwd: dir, homeDir: home }), {
        help: true,
      })
    }
  })
})

describe('precedence: defaults < config file < environment < flags', () => {
  it('takes each setting from the strongest source that gives it, and says which', () => {
    const file = configFile({ prune: 10, relay: false, api: '127.0.0.1:1' })
    const env = { WEFT_CONFIG: file, WEFT_PRUNE: '20', WEFT_API: '127.0.0.1:2' }

    const fromFlag = config(['--prune', '30'], env)
    assert.deepEqual(fromFlag.history, { mode: 'prune', blocks: 30 })
    assert.deepEqual(fromFlag.sources.prune, { kind: 'flag', flag: '--prune' })
    assert.deepEqual(fromFlag.api, { host: '127.0.0.1', port: 2 })
    assert.deepEqual(fromFlag.sources.api, { kind: 'env', name: 'WEFT_API' })
    assert.equal(fromFlag.relay, false)
    assert.deepEqual(fromFlag.sources.relay, { kind: 'file', path: file, key: 'relay' })
    assert.equal(fromFlag.configFile, file)

    assert.deepEqual(config([], env).history, { mode: 'prune', blocks: 20 })
    assert.deepEqual(config([], { WEFT_CONFIG: file }).history, { mode: 'prune', blocks: 10 })
    assert.deepEqual(config(['--config', file]).history, { mode: 'prune', blocks: 10 })
    assert.equal(config(['--config', file, '--relay']).relay, true)
  })

  it('prefers --config over WEFT_CONFIG', () => {
    const a = configFile({ prune: 1 }, 'a.json')
    const b = configFile({ prune: 2 }, 'b.json')
    const c = config(['--config', b], { WEFT_CONFIG: a })
    assert.equal(c.configFile, b)
    assert.deepEqual(c.history, { mode: 'prune', blocks: 2 })
  })

  it('checks every source, not only the one that wins', () => {
    fails(
      ['--prune', '5'],
      { WEFT_PRUNE: 'abc' },
      {
        code: 'INVALID_VALUE',
        setting: 'prune',
        source: 'environment variable WEFT_PRUNE',
        value: 'abc',
      },
    )
  })
})

describe('lists', () => {
  const a = '/ip4/127.0.0.1/tcp/4001'
  const b = '/ip4/127.0.0.1/tcp/4002/ws'

  it('repeat on the command line, in both spellings', () => {
    assert.deepEqual(config(['--listen', a, `--listen=${b}`]).listen, [a, b])
  })

  it('are comma-separated in the environment, spaces allowed, and empty means none', () => {
    assert.deepEqual(config([], { WEFT_LISTEN: `${a}, ${b}` }).listen, [a, b])
    assert.deepEqual(config([], { WEFT_ANNOUNCE: '' }).announce, [])
  })

  it('are JSON arrays in the config file', () => {
    const file = configFile({
      listen: [a],
      bootstrap: [`/dns4/boot.example.org/tcp/4001/p2p/${PEER}`],
    })
    const c = config(['--config', file])
    assert.deepEqual(c.listen, [a])
    assert.deepEqual(c.bootstrap, [`/dns4/boot.example.org/tcp/4001/p2p/${PEER}`])
  })

  it('are replaced, not merged, by a stronger source', () => {
    const file = configFile({ listen: [a] })
    assert.deepEqual(config(['--listen', b], { WEFT_CONFIG: file }).listen, [b])
    assert.deepEqual(config([], { WEFT_CONFIG: file, WEFT_LISTEN: b }).listen, [b])
  })

  it('keep multiaddrs in canonical form', () => {
    assert.deepEqual(config(['--listen', '/ip6/::1/tcp/4001']).listen, ['/ip6/::1/tcp/4001'])
  })

  it('name the item at fault in a list of several', () => {
    fails(
      [],
      { WEFT_LISTEN: `${a},/ip4/1.2.3.4/tcp/x` },
      {
        code: 'INVALID_VALUE',
        setting: 'listen',
        source: 'environment variable WEFT_LISTEN',
        value: `${a},/ip4/1.2.3.4/tcp/x`,
        allowed: NODE_SETTINGS.listen.type.allowed,
        message: /\('\/ip4\/1\.2\.3\.4\/tcp\/x': not a valid multiaddr/,
      },
    )
  })
})

describe('values', () => {
  it('resolve relative paths against the working directory, or the config file folder', () => {
    const sub = join(dir, 'etc')
    mkdirSync(sub, { recursive: true })
    writeFileSync(join(sub, 'genesis.json'), '{}')
    const file = configFile({ 'data-dir': 'data', genesis: 'genesis.json' }, 'etc/weft.json')
    const c = config(['--config', file])
    assert.equal(c.dataDir, join(sub, 'data'))
    assert.equal(c.genesis, join(sub, 'genesis.json'))
    assert.equal(config(['--data-dir', 'here']).dataDir, join(dir, 'here'))
    assert.equal(config([], { WEFT_DATA_DIR: '~/node' }).dataDir, join(home, 'node'))
  })

  it('read switches as flags, words and JSON booleans', () => {
    assert.equal(config(['--no-relay']).relay, false)
    assert.equal(config(['--relay=false']).relay, false)
    assert.equal(config(['--relay']).relay, true)
    for (const word of ['0', 'no', 'off', 'FALSE']) {
      assert.equal(config([], { WEFT_RELAY: word }).relay, false, word)
    }
    assert.equal(config([], { WEFT_RELAY: 'yes' }).relay, true)
  })

  it('state sync is off unless asked for by flag, environment or file', () => {
    assert.equal(config([]).stateSync, false)
    assert.equal(config(['--state-sync']).stateSync, true)
    assert.equal(config([], { WEFT_STATE_SYNC: 'on' }).stateSync, true)
    const file = configFile({ 'state-sync': true })
    assert.equal(config(['--config', file]).stateSync, true)
    assert.equal(config(['--config', file, '--no-state-sync']).stateSync, false)
  })

  it('read host:port for IPv4, [IPv6] and host names, and off', () => {
    assert.deepEqual(config(['--api', '[::1]:80']).api, { host: '::1', port: 80 })
    assert.deepEqual(config(['--api', 'node.example.org:0']).api, {
      host: 'node.example.org',
      port: 0,
    })
    assert.equal(config(['--api', 'off']).api, undefined)
    assert.equal(config([], { WEFT_METRICS: 'off' }).metrics, undefined)
    assert.equal(config(['--config', configFile({ metrics: 'off' })]).metrics, undefined)
  })

  it('read the faucet amount in WEFT, held in base units', () => {
    assert.equal(config([]).faucetAmount, 10_000_000_000n)
    assert.equal(config(['--faucet-amount', '0.5']).faucetAmount, 500_000_000n)
    assert.equal(config([], { WEFT_FAUCET_AMOUNT: '1.000000001' }).faucetAmount, 1_000_000_001n)
    assert.equal(
      config(['--config', configFile({ 'faucet-amount': 2.25 })]).faucetAmount,
      2_250_000_000n,
    )
    for (const [value, reason] of [
      ['0', 'must be more than 0'],
      ['1.0000000001', 'more than 9 decimals'],
      ['-1', 'not a decimal amount'],
      ['99999999999', 'too large'],
    ]) {
      fails(
        ['--faucet-amount', value as string],
        {},
        {
          code: 'INVALID_VALUE',
          setting: 'faucet-amount',
          source: 'flag --faucet-amount',
          value: value as string,
        },
      )
      assert.throws(
        () => config(['--faucet-amount', value as string]),
        (err: Error) => err.message.includes(reason as string),
      )
    }
  })

  it('read peer bans and per-protocol rate limits, by default those docs/peers.md gives', () => {
    const d = config([])
    assert.deepEqual(d.reputation, { banScore: -50, banDurationMs: 1_800_000, halfLifeMs: 600_000 })
    assert.deepEqual(d.rateLimits.proof, { perPeer: 32, global: 1024 })
    const file = configFile({ 'rate-limit-query': '8/80', 'ban-duration': 60 })
    const c = config(['--config', file, '--ban-score', '20', '--rate-limit-proof', '2 / 100'])
    assert.deepEqual(c.reputation, { banScore: -20, banDurationMs: 60_000, halfLifeMs: 600_000 })
    assert.deepEqual(c.rateLimits.proof, { perPeer: 2, global: 100 })
    assert.deepEqual(c.rateLimits.query, { perPeer: 8, global: 80 })
    assert.deepEqual(c.rateLimits.blocks, { perPeer: 256, global: 2048 })
  })

  it('keep the validator key password from the environment only', () => {
    const key = configFile('{}', 'key.json')
    const c = config(['--validator-key', key], { WEFT_VALIDATOR_KEY_PASSWORD: 'secret' })
    assert.equal(c.validatorKey, key)
    assert.equal(c.validatorKeyPassword, 'secret')
    fails(
      ['--validator-key-password', 'secret'],
      {},
      {
        code: 'UNKNOWN_FLAG',
        setting: '--validator-key-password',
        source: 'the command line',
        value: '--validator-key-password',
      },
    )
  })
})

describe('--archive and --prune', () => {
  it('exclude each other within one source', () => {
    const allowed = /^one of them: archive .* or prune/
    fails(
      ['--archive', '--prune', '500'],
      {},
      {
        code: 'CONFLICT',
        setting: 'archive',
        source: 'flag --archive and flag --prune',
        value: '500',
        allowed,
        message:
          /^conflicting archive and prune: flag --archive and flag --prune are both set \(prune to '500'\)/,
      },
    )
    fails(
      [],
      { WEFT_ARCHIVE: 'true', WEFT_PRUNE: '7' },
      {
        code: 'CONFLICT',
        setting: 'archive',
        source: 'environment variable WEFT_ARCHIVE and environment variable WEFT_PRUNE',
        value: '7',
        allowed,
      },
    )
    const file = configFile({ archive: true, prune: 9 })
    fails(
      ['--config', file],
      {},
      {
        code: 'CONFLICT',
        setting: 'archive',
        source: `key "archive" in config file ${file} and key "prune" in config file ${file}`,
        value: '9',
        allowed,
      },
    )
  })

  it('follow precedence across sources', () => {
    const archiveFile = configFile({ archive: true }, 'archive.json')
    assert.deepEqual(config(['--prune', '5'], { WEFT_CONFIG: archiveFile }).history, {
      mode: 'prune',
      blocks: 5,
    })
    const pruneFile = configFile({ prune: 5 }, 'prune.json')
    assert.deepEqual(config(['--archive'], { WEFT_CONFIG: pruneFile }).history, { mode: 'archive' })
    assert.deepEqual(config([], { WEFT_ARCHIVE: '1' }).history, { mode: 'archive' })
  })

  it('allow archive=false beside prune', () => {
    assert.deepEqual(config(['--no-archive', '--prune', '3']).history, { mode: 'prune', blocks: 3 })
  })
})

describe('every mistake names the setting, where it came from, the value and what is allowed', () => {
  const invalid: [string[], Record<string, string>, string, string, string][] = [
    // argv, env, setting, source, value
    [['--prune', '0'], {}, 'prune', 'flag --prune', '0'],
    [['--prune=-5'], {}, 'prune', 'flag --prune', '-5'],
    [[], { WEFT_PRUNE: '1.5' }, 'prune', 'environment variable WEFT_PRUNE', '1.5'],
    [['--prune', '99999999999999999999'], {}, 'prune', 'flag --prune', '99999999999999999999'],
    [['--listen', 'localhost:4001'], {}, 'listen', 'flag --listen', 'localhost:4001'],
    [['--listen=/ip4/999.0.0.1/tcp/1'], {}, 'listen', 'flag --listen', '/ip4/999.0.0.1/tcp/1'],
    [['--announce', '/dns4/x/tcp/abc'], {}, 'announce', 'flag --announce', '/dns4/x/tcp/abc'],
    [
      ['--bootstrap', '/ip4/1.2.3.4/tcp/1'],
      {},
      'bootstrap',
      'flag --bootstrap',
      '/ip4/1.2.3.4/tcp/1',
    ],
    [
      [],
      { WEFT_BOOTSTRAP: '/ip4/1.2.3.4/tcp/1/p2p/notapeer' },
      'bootstrap',
      'environment variable WEFT_BOOTSTRAP',
      '/ip4/1.2.3.4/tcp/1/p2p/notapeer',
    ],
    [['--relay=maybe'], {}, 'relay', 'flag --relay', 'maybe'],
    [[], { WEFT_ARCHIVE: 'always' }, 'archive', 'environment variable WEFT_ARCHIVE', 'always'],
    [['--api', '1.2.3.400:80'], {}, 'api', 'flag --api', '1.2.3.400:80'],
    [['--api', '127.0.0.1:70000'], {}, 'api', 'flag --api', '127.0.0.1:70000'],
    [['--ban-score', '100'], {}, 'ban-score', 'flag --ban-score', '100'],
    [['--rate-limit-proof', '32'], {}, 'rate-limit-proof', 'flag --rate-limit-proof', '32'],
    [
      [],
      { WEFT_RATE_LIMIT_BLOCKS: '4096/2048' },
      'rate-limit-blocks',
      'environment variable WEFT_RATE_LIMIT_BLOCKS',
      '4096/2048',
    ],
    [['--api', '127.0.0.1'], {}, 'api', 'flag --api', '127.0.0.1'],
    [['--metrics', '[nope]:9'], {}, 'metrics', 'flag --metrics', '[nope]:9'],
    [
      [],
      { WEFT_METRICS: 'under_score:1' },
      'metrics',
      'environment variable WEFT_METRICS',
      'under_score:1',
    ],
    [['--genesis', '/does/not/exist'], {}, 'genesis', 'flag --genesis', '/does/not/exist'],
    [['--validator-key', '.'], {}, 'validator-key', 'flag --validator-key', '.'],
    [[], { WEFT_DATA_DIR: '' }, 'data-dir', 'environment variable WEFT_DATA_DIR', ''],
    [
      [],
      { WEFT_CONFIG: '/does/not/exist' },
      'config',
      'environment variable WEFT_CONFIG',
      '/does/not/exist',
    ],
  ]
  for (const [argv, env, setting, source, value] of invalid) {
    it(`${setting}: ${source} = '${value}'`, () => {
      const key = Object.keys(NODE_SETTINGS).find(
        (k) => NODE_SETTINGS[k as keyof typeof NODE_SETTINGS].name === setting,
      ) as keyof typeof NODE_SETTINGS
      fails(argv, env, {
        code: 'INVALID_VALUE',
        setting,
        source,
        value,
        allowed: NODE_SETTINGS[key].type.allowed,
        message: new RegExp(`^invalid ${setting}: `),
      })
    })
  }

  it('config-file values, shown as the JSON written', () => {
    const file = configFile({ prune: -5 })
    fails(
      ['--config', file],
      {},
      {
        code: 'INVALID_VALUE',
        setting: 'prune',
        source: `key "prune" in config file ${file}`,
        value: '-5',
        message: /is -5 \(must be at least 1\)/,
      },
    )
    const lists = configFile({ listen: '/ip4/127.0.0.1/tcp/1' })
    fails(
      ['--config', lists],
      {},
      {
        code: 'INVALID_VALUE',
        setting: 'listen',
        source: `key "listen" in config file ${lists}`,
        value: '"/ip4/127.0.0.1/tcp/1"',
        message: /expected a JSON array of strings/,
      },
    )
    const bool = configFile({ relay: 'yes' })
    fails(
      ['--config', bool],
      {},
      {
        code: 'INVALID_VALUE',
        setting: 'relay',
        source: `key "relay" in config file ${bool}`,
        value: '"yes"',
        message: /expected JSON true or false/,
      },
    )
  })

  it('never shows a secret', () => {
    fails(
      [],
      { WEFT_VALIDATOR_KEY_PASSWORD: '' },
      {
        code: 'INVALID_VALUE',
        setting: 'validator-key-password',
        source: 'environment variable WEFT_VALIDATOR_KEY_PASSWORD',
        value: '<hidden>',
      },
    )
  })

  it('a config file that is not JSON, or not an object', () => {
    const broken = configFile('{"prune": 5', 'broken.json')
    fails(
      ['--config', broken],
      {},
      {
        code: 'INVALID_VALUE',
        setting: 'config',
        source: 'flag --config',
        value: broken,
        allowed: /JSON object/,
        message: /\(not JSON: /,
      },
    )
    const array = configFile([1], 'array.json')
    fails(
      [],
      { WEFT_CONFIG: array },
      {
        code: 'INVALID_VALUE',
        setting: 'config',
        source: 'environment variable WEFT_CONFIG',
        value: array,
        message: /\(not a JSON object\)/,
      },
    )
  })

  it('an unknown config-file key, with the allowed keys and a suggestion', () => {
    const file = configFile({ prune: 5, purne: 5 })
    fails(
      ['--config', file],
      {},
      {
        code: 'UNKNOWN_KEY',
        setting: 'purne',
        source: `config file ${file}`,
        value: '5',
        message:
          /unknown key "purne" \(set to 5\) in config file .* \(did you mean prune\?\); allowed keys: data-dir, genesis, bootstrap, listen, announce, relay, archive, prune, state-sync, validator-key, validator-key-password-file, faucet-key, faucet-key-password-file, faucet-amount, api, metrics, ban-score, ban-duration, score-half-life, rate-limit-status, rate-limit-blocks, rate-limit-headers, rate-limit-snapshot, rate-limit-proof, rate-limit-query$/,
      },
    )
    // Secrets and the config path itself are not file keys.
    for (const key of ['config', 'validator-key-password']) {
      const other = configFile({ [key]: 'x' }, `${key}.json`)
      fails(
        ['--config', other],
        {},
        {
          code: 'UNKNOWN_KEY',
          setting: key,
          source: `config file ${other}`,
          value: '"x"',
        },
      )
    }
  })

  it('an unknown flag, with a suggestion', () => {
    fails(
      ['--lisen', '/ip4/1.2.3.4/tcp/1'],
      {},
      {
        code: 'UNKNOWN_FLAG',
        setting: '--lisen',
        source: 'the command line',
        value: '--lisen',
        message:
          /^unknown flag --lisen on the command line \(did you mean --listen\?\); allowed: --config, --data-dir/,
      },
    )
    fails(
      ['--port=4001'],
      {},
      {
        code: 'UNKNOWN_FLAG',
        setting: '--port',
        source: 'the command line',
        value: '--port',
      },
    )
  })

  it('a flag without its value', () => {
    for (const argv of [['--listen'], ['--listen', '--help'], ['--prune', '--archive']]) {
      const flag = argv[0] as string
      const setting = flag.slice(2)
      fails(
        argv,
        {},
        {
          code: 'MISSING_VALUE',
          setting,
          source: `flag ${flag}`,
          value: undefined,
          message: new RegExp(`^missing value for ${setting}: flag ${flag} needs a value`),
        },
      )
    }
  })

  it('a single-valued flag given twice', () => {
    fails(
      ['--prune', '5', '--prune', '6'],
      {},
      {
        code: 'REPEATED',
        setting: 'prune',
        source: 'flag --prune',
        value: undefined,
        message: /prune given twice: flag --prune is '5' and then '6'/,
      },
    )
  })

  it('a stray argument', () => {
    fails(
      ['extra'],
      {},
      {
        code: 'UNEXPECTED_ARGUMENT',
        setting: 'extra',
        source: 'the command line',
        value: 'extra',
      },
    )
  })
})

describe('warnings', () => {
  it('are none for settings the node acts on, api and metrics included', () => {
    assert.deepEqual(resolve([]).warnings, [])
    const { warnings } = resolve(['--archive', '--metrics', '127.0.0.1:0'], { WEFT_API: 'off' })
    assert.deepEqual(warnings, [])
  })

  it('point out a WEFT_ variable one typo from a known one, and ignore other WEFT_ names', () => {
    const { warnings } = resolve([], { WEFT_PURNE: '5', WEFT_VECTORS_DIR: '/x' })
    assert.deepEqual(warnings, [
      'ignoring environment variable WEFT_PURNE: did you mean WEFT_PRUNE?',
    ])
  })

  it('point out faucet settings with no faucet key', () => {
    const { warnings } = resolve(['--faucet-amount', '5'], { WEFT_FAUCET_KEY_PASSWORD: 'x' })
    assert.deepEqual(warnings, [
      'ignoring environment variable WEFT_FAUCET_KEY_PASSWORD: no faucet-key is set',
      'ignoring flag --faucet-amount: no faucet-key is set',
    ])
  })

  it('point out a validator key password with no validator key', () => {
    const { warnings } = resolve([], { WEFT_VALIDATOR_KEY_PASSWORD: 'x' })
    assert.deepEqual(warnings, [
      'ignoring environment variable WEFT_VALIDATOR_KEY_PASSWORD: no validator-key is set',
    ])
  })
})
