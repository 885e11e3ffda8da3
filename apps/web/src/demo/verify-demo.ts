// The pipeline the page demonstrates, without React: load the consensus core, sign a message,
// verify it here, connect to the node, ask the node to verify it — and, on request, the same
// with a tampered signature. Every step reports its own progress or error.
import { requestVerify, type VerifyRequest } from '@weft/core'
import { loadCore, type WeftCore } from '@weft/wasm'
import type { PageConfig } from '../config.ts'
import { signDemoMessage, tamper, toHex } from '../crypto/demo-signature.ts'
import { type BrowserNode, createBrowserNode } from '../net/create-browser-node.ts'
import { describeError } from './describe-error.ts'

export type Step<T> =
  | { state: 'idle' }
  | { state: 'pending' }
  | { state: 'done'; value: T }
  | { state: 'failed'; error: string }

export interface Check {
  /** The consensus core's verdict, computed in this tab. */
  local: Step<boolean>
  /** The node's verdict, over the verify protocol. */
  remote: Step<boolean>
}

export interface DemoState {
  core: Step<true>
  connection: Step<{ peerId: string }>
  message: string
  publicKey: string
  own: Check
  tampered: Check
}

export interface VerifyDemo {
  sendTampered(): void
  stop(): Promise<void>
}

/** How long connecting may take before the page says so. */
const DIAL_TIMEOUT_MS = 15_000
const DEMO_MESSAGE = 'Weft pipeline check: signed in the browser, verified by the consensus core'

export function startVerifyDemo(
  config: PageConfig,
  onChange: (state: DemoState) => void,
): VerifyDemo {
  const request = signDemoMessage(DEMO_MESSAGE)
  const node = config.node.toString()
  let stopped = false
  let state: DemoState = {
    core: { state: 'pending' },
    connection: { state: 'pending' },
    message: DEMO_MESSAGE,
    publicKey: toHex(request.publicKey),
    own: { local: { state: 'pending' }, remote: { state: 'idle' } },
    tampered: { local: { state: 'idle' }, remote: { state: 'idle' } },
  }
  const update = (change: (s: DemoState) => DemoState) => {
    if (stopped) return
    state = change(state)
    onChange(state)
  }
  const setCheck = (which: 'own' | 'tampered', part: keyof Check, step: Step<boolean>) =>
    update((s) => ({ ...s, [which]: { ...s[which], [part]: step } }))

  let core: Promise<WeftCore> | undefined
  let libp2p: BrowserNode | undefined
  let connected: Promise<BrowserNode> | undefined

  const verifyLocally = async (which: 'own' | 'tampered', req: VerifyRequest) => {
    setCheck(which, 'local', { state: 'pending' })
    try {
      const valid = (await (core as Promise<WeftCore>)).ed25519Verify(
        req.publicKey,
        req.message,
        req.signature,
      )
      setCheck(which, 'local', { state: 'done', value: valid })
    } catch (err) {
      setCheck(which, 'local', {
        state: 'failed',
        error: `not checked here: ${describeError(err)}`,
      })
    }
  }

  const verifyRemotely = async (which: 'own' | 'tampered', req: VerifyRequest) => {
    setCheck(which, 'remote', { state: 'pending' })
    try {
      const host = await (connected as Promise<BrowserNode>)
      const valid = await requestVerify(host, config.node, req)
      setCheck(which, 'remote', { state: 'done', value: valid })
    } catch (err) {
      setCheck(which, 'remote', { state: 'failed', error: describeError(err, { node }) })
    }
  }

  core = loadCore()
  core.then(
    () => update((s) => ({ ...s, core: { state: 'done', value: true } })),
    (err: unknown) =>
      update((s) => ({ ...s, core: { state: 'failed', error: describeError(err) } })),
  )

  connected = (async () => {
    libp2p = await createBrowserNode({ allowLocalDials: config.allowLocalDials })
    if (stopped) {
      await libp2p.stop()
      throw new Error('stopped')
    }
    const connection = await libp2p.dial(config.node, {
      signal: AbortSignal.timeout(DIAL_TIMEOUT_MS),
    })
    update((s) => ({
      ...s,
      connection: { state: 'done', value: { peerId: connection.remotePeer.toString() } },
    }))
    return libp2p
  })()
  connected.catch((err: unknown) =>
    update((s) => ({ ...s, connection: { state: 'failed', error: describeError(err, { node }) } })),
  )

  const sendTampered = () => {
    const bad = tamper(request)
    void verifyLocally('tampered', bad)
    void verifyRemotely('tampered', bad)
  }

  void verifyLocally('own', request)
  void verifyRemotely('own', request).then(() => {
    if (config.tamper) sendTampered()
  })

  onChange(state)
  return {
    sendTampered,
    async stop() {
      stopped = true
      await libp2p?.stop()
    },
  }
}
