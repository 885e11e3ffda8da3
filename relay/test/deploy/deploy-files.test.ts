// The deployment files in deploy/ hold up the way an operator would find out: the Kubernetes
// manifests pass the API's schemas, the systemd unit passes systemd-analyze, the alert rules pass
// promtool, the dashboard and rules chart only metrics a running node exports, the settings
// files are ones `weft node` accepts, and the image builds the way CI does.
import assert from 'node:assert/strict'
import { execFileSync, spawnSync } from 'node:child_process'
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { after, before, describe, it } from 'node:test'
import { fileURLToPath } from 'node:url'
import { ServiceMonitor } from '@kubernetes-models/prometheus-operator/monitoring.coreos.com/v1/ServiceMonitor'
import { peerIdFromPrivateKey } from '@libp2p/peer-id'
import { StatefulSet } from 'kubernetes-models/apps/v1/StatefulSet'
import { PodDisruptionBudget } from 'kubernetes-models/policy/v1/PodDisruptionBudget'
import { ConfigMap } from 'kubernetes-models/v1/ConfigMap'
import { Secret } from 'kubernetes-models/v1/Secret'
import { Service } from 'kubernetes-models/v1/Service'
import { parseAllDocuments } from 'yaml'
import { type NodeConfig, resolveNodeConfig } from '../../src/index.ts'
import { loadOrCreateNodeIdentity } from '../../src/node/node-identity.ts'
import { ApiTestNode } from '../helpers/api-node.ts'

const root = fileURLToPath(new URL('../../../', import.meta.url))
const deploy = join(root, 'deploy')
const read = (path: string) => readFileSync(join(root, path), 'utf8')

/** A tool scripts/setup provides: on PATH, or where setup puts binaries it extracts. */
function tool(name: string): string {
  const local = join(root, '.tools', 'bin', name)
  if (existsSync(local)) return local
  const found = spawnSync('sh', ['-c', `command -v ${name}`], { encoding: 'utf8' })
  assert.equal(found.status, 0, `${name} is not installed: run scripts/setup (it installs it)`)
  return found.stdout.trim()
}

/** Every YAML document in a file, parsed strictly (duplicate keys are errors). */
function yamlDocuments(path: string): Record<string, unknown>[] {
  return parseAllDocuments(read(path), { uniqueKeys: true }).map((doc) => {
    assert.deepEqual(doc.errors, [], `${path}: ${doc.errors.join('; ')}`)
    return doc.toJS() as Record<string, unknown>
  })
}

/** What `weft node` makes of a config file alone (no flags, no WEFT_* variables). */
function nodeConfigOf(file: string, env: Record<string, string> = {}): NodeConfig {
  const resolved = resolveNodeConfig({
    argv: [],
    env: { WEFT_CONFIG: file, ...env },
    cwd: tmpdir(),
    homeDir: tmpdir(),
  })
  assert.equal(resolved.help, false)
  return resolved.config
}

/** Writes `text` to a scratch file and returns its path. */
function scratchFile(dir: string, name: string, text: string): string {
  const path = join(dir, name)
  writeFileSync(path, text)
  return path
}

let scratch: string
before(() => {
  scratch = mkdtempSync(join(tmpdir(), 'weft-deploy-'))
})
after(() => rmSync(scratch, { recursive: true, force: true }))

describe('the Kubernetes manifests', () => {
  const models: Record<string, new (data: never) => { validate(): void }> = {
    'apps/v1/StatefulSet': StatefulSet,
    'v1/Service': Service,
    'v1/ConfigMap': ConfigMap,
    'v1/Secret': Secret,
    'policy/v1/PodDisruptionBudget': PodDisruptionBudget,
    'monitoring.coreos.com/v1/ServiceMonitor': ServiceMonitor,
  }
  const files = readdirSync(join(deploy, 'kubernetes')).filter((f) => f.endsWith('.yaml'))
  const objects = files.flatMap((f) =>
    yamlDocuments(`deploy/kubernetes/${f}`).map((o) => ({ file: f, object: o })),
  )
  const find = (kind: string) => objects.filter((o) => o.object.kind === kind).map((o) => o.object)

  it('each pass the schema of their kind (required fields, types, formats)', () => {
    assert.ok(objects.length >= 7, `found ${objects.length} objects`)
    for (const { file, object } of objects) {
      const key = `${object.apiVersion}/${object.kind}`
      const Model = models[key]
      assert.ok(Model !== undefined, `${file}: ${key} has no schema here`)
      assert.doesNotThrow(() => new Model(object as never).validate(), `${file}: ${key}`)
    }
  })

  it('catch a mistake the schemas know of', () => {
    const [sts] = find('StatefulSet')
    const broken = structuredClone(sts) as { spec: { replicas: unknown } }
    broken.spec.replicas = 'four'
    assert.throws(() => new StatefulSet(broken as never).validate(), /replicas must be integer/)
  })

  it('probe /healthz and /readyz on the metrics port, with resources and volumes set', () => {
    const [sts] = find('StatefulSet') as unknown as {
      spec: {
        podManagementPolicy: string
        volumeClaimTemplates: unknown[]
        template: { spec: { containers: Record<string, never>[] } }
      }
    }[]
    assert.ok(sts !== undefined)
    const [container] = sts.spec.template.spec.containers
    assert.ok(container !== undefined)
    const c = container as unknown as {
      ports: { name: string; containerPort: number; protocol: string }[]
      livenessProbe: { httpGet: { path: string; port: string } }
      readinessProbe: { httpGet: { path: string; port: string } }
      resources: { requests: object; limits: object }
      volumeMounts: { mountPath: string }[]
    }
    const metricsPort = c.ports.find((p) => p.name === 'metrics')
    assert.equal(metricsPort?.containerPort, 9645)
    assert.deepEqual(c.livenessProbe.httpGet, { path: '/healthz', port: 'metrics' })
    assert.deepEqual(c.readinessProbe.httpGet, { path: '/readyz', port: 'metrics' })
    assert.ok(
      Object.keys(c.resources.requests).length > 0 && Object.keys(c.resources.limits).length,
    )
    assert.ok(c.volumeMounts.some((m) => m.mountPath === '/data'))
    assert.equal(sts.spec.volumeClaimTemplates.length, 1)
    // Ordered start would wait for pod 0 to be ready, which needs a peer: a deadlock.
    assert.equal(sts.spec.podManagementPolicy, 'Parallel')
    assert.ok(
      c.ports.some((p) => p.protocol === 'UDP'),
      'WebRTC-direct needs a UDP port',
    )
  })

  it('name in their Services only ports the pods open', () => {
    const [sts] = find('StatefulSet') as unknown as {
      spec: {
        template: { spec: { containers: { ports: { name: string; protocol: string }[] }[] } }
      }
    }[]
    const podPorts = new Set(
      sts?.spec.template.spec.containers.flatMap((c) =>
        c.ports.map((p) => `${p.name}/${p.protocol}`),
      ),
    )
    for (const svc of find('Service') as unknown as {
      metadata: { name: string }
      spec: { ports: { name: string; protocol: string; port: number; targetPort?: string }[] }
    }[]) {
      for (const p of svc.spec.ports) {
        assert.ok(
          podPorts.has(`${p.targetPort ?? p.name}/${p.protocol}`),
          `Service ${svc.metadata.name} port ${p.name} matches no container port`,
        )
      }
    }
  })

  it('carry a node.json that `weft node` accepts, listening for other pods', () => {
    const [map] = find('ConfigMap') as unknown as { data: Record<string, string> }[]
    const file = scratchFile(scratch, 'k8s-node.json', map?.data['node.json'] ?? '')
    const config = nodeConfigOf(file)
    assert.equal(config.dataDir, '/data')
    assert.ok(config.listen.some((a) => a.startsWith('/ip4/0.0.0.0/tcp/4001')))
    assert.deepEqual(config.metrics, { host: '0.0.0.0', port: 9645 })
  })
})

describe('the systemd unit', () => {
  it('passes systemd-analyze verify with no warning', () => {
    const analyze = tool('systemd-analyze')
    // The unit runs a checkout built in /opt/weft; here the checkout is this one.
    const unit = read('deploy/systemd/weft-node.service').replaceAll('/opt/weft', root.slice(0, -1))
    assert.ok(existsSync(join(root, 'node_modules', '.bin', 'node')))
    const file = scratchFile(scratch, 'weft-node.service', unit)
    const result = spawnSync(analyze, ['verify', '--man=no', file], { encoding: 'utf8' })
    const said = `${result.stdout}${result.stderr}`.trim()
    assert.equal(result.status, 0, said)
    assert.equal(said, '', `systemd-analyze had something to say:\n${said}`)
  })

  it('has the hardening the operations guide promises', () => {
    const unit = read('deploy/systemd/weft-node.service')
    for (const line of [
      'NoNewPrivileges=yes',
      'ProtectSystem=strict',
      'PrivateTmp=yes',
      'ReadWritePaths=/var/lib/weft',
      'User=weft',
    ]) {
      assert.match(unit, new RegExp(`^${line}$`, 'm'), line)
    }
  })
})

describe('monitoring', () => {
  it('alert rules pass promtool check rules', () => {
    const promtool = tool('promtool')
    const result = spawnSync(promtool, ['check', 'rules', join(deploy, 'monitoring/alerts.yaml')], {
      encoding: 'utf8',
    })
    assert.equal(result.status, 0, `${result.stdout}${result.stderr}`)
    assert.match(result.stdout, /SUCCESS: \d+ rules found/)
  })

  describe('against a running node', { timeout: 120_000 }, () => {
    let exported: Set<string>
    let families: string[]
    let node: ApiTestNode | undefined
    before(async () => {
      node = await ApiTestNode.create('weft-deploy-test')
      await node.start()
      const text = await (await fetch(`${node.metrics}/metrics`)).text()
      exported = new Set(
        text
          .split('\n')
          .filter((l) => l !== '' && !l.startsWith('#'))
          .map((l) => /^[a-zA-Z_:][a-zA-Z0-9_:]*/.exec(l)?.[0] ?? ''),
      )
      families = [...text.matchAll(/^# TYPE (weft_\w+) /gm)].map((m) => m[1] as string)
    })
    after(() => node?.stop())

    /** Metric names an expression or a file names: the node's own and prom-client's defaults. */
    const namesIn = (text: string) =>
      new Set([...text.matchAll(/\b(?:weft|process|nodejs)_[a-z0-9_]+\b/g)].map((m) => m[0]))

    it('the dashboard charts only metrics the node exports', () => {
      const dashboard = JSON.parse(read('deploy/monitoring/grafana-dashboard.json')) as {
        panels: { title: string; targets?: { expr: string }[] }[]
      }
      const exprs = dashboard.panels.flatMap((p) => p.targets ?? []).map((t) => t.expr)
      assert.ok(exprs.length > 10)
      const missing = [...namesIn(exprs.join('\n'))].filter((n) => !exported.has(n))
      assert.deepEqual(missing, [], 'named on the dashboard, not exported by the node')
    })

    it('the dashboard charts every weft_ metric the node exports', () => {
      const text = read('deploy/monitoring/grafana-dashboard.json')
      assert.ok(families.length > 15, `found ${families.length} families`)
      const unseen = families.filter((f) => !text.includes(f))
      assert.deepEqual(unseen, [], 'exported by the node, on no panel')
    })

    it('the alert rules use only metrics the node exports (besides node_exporter and kubelet)', () => {
      const rules = read('deploy/monitoring/alerts.yaml')
      const missing = [...namesIn(rules)].filter((n) => !exported.has(n))
      assert.deepEqual(missing, [])
    })
  })
})

describe('the container image', () => {
  const dockerfile = read('deploy/Dockerfile')
  const instructions = dockerfile
    .replace(/\\\n/g, ' ')
    .split('\n')
    .filter((l) => l.trim() !== '' && !l.startsWith('#'))

  it('builds the way CI does: npm ci from the lockfile, then scripts/build.ts', () => {
    const runs = instructions.filter((l) => l.startsWith('RUN '))
    const ci = runs.findIndex((r) => /\bnpm ci\b/.test(r))
    const build = runs.findIndex((r) => /\bnode scripts\/build\.ts\b/.test(r))
    assert.ok(ci >= 0, 'no RUN npm ci')
    assert.ok(build > ci, 'no RUN node scripts/build.ts after npm ci')
    assert.match(read('.ci/run'), /npm ci/)
    assert.match(read('scripts/test.ts'), /'scripts\/build\.ts'/)
  })

  it('installs the wasm32 toolchain packages scripts/setup names', () => {
    const setup = read('scripts/setup')
    const wanted = [
      ...(/^\s*clang-19 lld-19/m.exec(setup)?.[0].trim().split(/\s+/).slice(0, 2) ?? []),
      ...(/^\s*(wasi-libc [^#]*)#/m.exec(setup)?.[1]?.trim().split(/\s+/) ?? []),
    ]
    assert.equal(wanted.length, 6, `read ${wanted.join(' ')} from scripts/setup`)
    const install = instructions.find((l) => /apt-get install/.test(l)) ?? ''
    const installed = install.split(/\s+/)
    for (const p of wanted) assert.ok(installed.includes(p), `the image does not install ${p}`)
  })

  it('runs as a non-root user with /data, a /healthz check and the ports its settings use', () => {
    assert.match(dockerfile, /^USER weft$/m)
    assert.match(dockerfile, /^VOLUME \["\/data"\]$/m)
    assert.match(dockerfile, /^HEALTHCHECK .*\n.*127\.0\.0\.1:9645\/healthz/m)
    const exposed = /^EXPOSE (.*)$/m.exec(dockerfile)?.[1]?.split(' ') ?? []
    const config = nodeConfigOf(join(deploy, 'container/node.json'))
    assert.equal(config.dataDir, '/data')
    const ports = [
      ...config.listen.map((a) => {
        const [, proto, port] = /\/(tcp|udp)\/(\d+)/.exec(a) ?? []
        return `${port}/${proto}`
      }),
      `${(config.api as { port: number }).port}/tcp`,
      `${(config.metrics as { port: number }).port}/tcp`,
    ]
    assert.deepEqual(exposed.sort(), ports.sort())
  })

  it('copies only files that exist', () => {
    for (const line of instructions.filter((l) => /^COPY (?!--from)/.test(l))) {
      const sources = line.split(/\s+/).slice(1, -1)
      for (const s of sources) assert.ok(existsSync(join(root, s)), `${line}: ${s} is missing`)
    }
  })
})

describe('the compose network', { timeout: 60_000 }, () => {
  const [compose] = yamlDocuments('deploy/compose.yaml') as {
    services: Record<string, { entrypoint?: string[]; environment?: Record<string, string> }>
  }[]
  assert.ok(compose !== undefined)

  it('lays out a config per service that `weft node` accepts, each bootstrapping from the others', async () => {
    const init = compose.services.init?.entrypoint ?? []
    const script = init.find((a) => a.endsWith('init-network.ts')) ?? ''
    const validators = init[init.indexOf('--validators') + 1] ?? ''
    const dir = join(scratch, 'network')
    const local = join(root, script.replace('/opt/weft/', ''))
    execFileSync(process.execPath, [local, dir, '--validators', validators])
    const nodes = Object.entries(compose.services).filter(([name]) => name !== 'init')
    assert.equal(nodes.length, Number(validators) + 1)
    const peerIds = new Map<string, string>()
    const configs = nodes.map(([name, service]) => {
      const file = service.environment?.WEFT_CONFIG?.replace('/data', dir) ?? ''
      assert.ok(existsSync(file), `${name}: ${file} was not written`)
      const config = nodeConfigOf(file)
      assert.ok(config.genesis !== undefined && existsSync(config.genesis))
      return { name, config }
    })
    for (const { config } of configs) {
      for (const b of config.bootstrap) {
        const [, host, id] = /^\/dns4\/([^/]+)\/tcp\/4001\/p2p\/(\w+)$/.exec(b) ?? []
        assert.ok(host !== undefined && id !== undefined, b)
        assert.ok(peerIds.get(host) === undefined || peerIds.get(host) === id)
        peerIds.set(host, id)
      }
    }
    assert.deepEqual([...peerIds.keys()].sort(), nodes.map(([n]) => n).sort())
    for (const { name, config } of configs) {
      // The peer id others dial is the one this node's data dir holds.
      const { privateKey, created } = await loadOrCreateNodeIdentity(config.dataDir)
      assert.equal(created, false, `${name}: no identity in ${config.dataDir}`)
      assert.equal(peerIds.get(name), peerIdFromPrivateKey(privateKey).toString(), name)
      assert.equal(config.bootstrap.length, nodes.length - 1, `${name} bootstraps from the others`)
      assert.ok(!config.bootstrap.some((b) => b.includes(`/dns4/${name}/`)))
    }
    const relay = configs.find((c) => c.name === 'relay')?.config
    assert.deepEqual(relay?.api, { host: '0.0.0.0', port: 8645 })
    const genesis = JSON.parse(readFileSync(join(dir, 'genesis.json'), 'utf8')) as {
      validators: unknown[]
    }
    assert.equal(genesis.validators.length, Number(validators))
  })
})
