// Tests /weft/dev/verify/1.0.0: the frame codec's every rejection, the server's answers to
// malformed, oversized and stalled requests, and round trips between two libp2p nodes on loopback.
import assert from 'node:assert/strict'
import { after, before, describe, it } from 'node:test'
import { noise } from '@chainsafe/libp2p-noise'
import { yamux } from '@chainsafe/libp2p-yamux'
import type { Libp2p, Stream } from '@libp2p/interface'
import { tcp } from '@libp2p/tcp'
import { ed25519 } from '@noble/curves/ed25519.js'
import { loadCore } from '@weft/wasm'
import { createLibp2p } from 'libp2p'
import {
  answerVerifyRequest,
  createVerifyHandler,
  decodeVerifyRequest,
  decodeVerifyResponse,
  encodeVerifyRequest,
  encodeVerifyResponse,
  MAX_VERIFY_DETAIL_BYTES,
  MAX_VERIFY_MESSAGE_BYTES,
  MAX_VERIFY_REQUEST_BYTES,
  readToEnd,
  requestVerify,
  requestVerifyOnStream,
  type SignatureVerifier,
  VERIFY_PROTOCOL,
  VERIFY_REQUEST_HEADER_BYTES,
  VERIFY_STATUS,
  VerifyDecodeError,
  VerifyInputError,
  VerifyRemoteError,
  type VerifyRequest,
  type VerifyResponse,
  VerifyTimeoutError,
} from '../../src/index.ts'

const encoder = new TextEncoder()

function signed(text: string): VerifyRequest {
  const secretKey = ed25519.utils.randomSecretKey()
  const message = encoder.encode(text)
  return {
    publicKey: ed25519.getPublicKey(secretKey),
    signature: ed25519.sign(message, secretKey),
    message,
  }
}

function tampered(request: VerifyRequest): VerifyRequest {
  const signature = request.signature.slice()
  signature[0] = (signature[0] as number) ^ 0x01
  return { ...request, signature }
}

function decodeError(code: string, pattern: RegExp) {
  return (err: unknown) => {
    assert.ok(err instanceof VerifyDecodeError, `expected VerifyDecodeError, got ${String(err)}`)
    assert.equal(err.code, code)
    assert.match(err.message, pattern)
    return true
  }
}

const throwingVerifier: SignatureVerifier = () => {
  throw new Error('must not be called')
}

describe('verify codec: requests', () => {
  it('round-trips requests of every allowed message size', () => {
    for (const size of [0, 1, 100, MAX_VERIFY_MESSAGE_BYTES]) {
      const request: VerifyRequest = {
        publicKey: new Uint8Array(32).fill(1),
        signature: new Uint8Array(64).fill(2),
        message: new Uint8Array(size).fill(3),
      }
      const frame = encodeVerifyRequest(request)
      assert.equal(frame.length, VERIFY_REQUEST_HEADER_BYTES + size)
      assert.deepEqual(decodeVerifyRequest(frame), request)
    }
  })

  it('refuses to encode wrong-length keys and signatures, and oversized messages', () => {
    const good = signed('x')
    const cases: Array<[VerifyRequest, string, RegExp]> = [
      [
        { ...good, publicKey: new Uint8Array(31) },
        'WRONG_LENGTH',
        /publicKey must be 32 bytes, got 31/,
      ],
      [
        { ...good, signature: new Uint8Array(65) },
        'WRONG_LENGTH',
        /signature must be 64 bytes, got 65/,
      ],
      [
        { ...good, message: new Uint8Array(MAX_VERIFY_MESSAGE_BYTES + 1) },
        'TOO_LARGE',
        /message is 4097 bytes; the limit is 4096/,
      ],
    ]
    for (const [request, code, pattern] of cases) {
      assert.throws(
        () => encodeVerifyRequest(request),
        (err: unknown) =>
          err instanceof VerifyInputError && err.code === code && pattern.test(err.message),
      )
    }
  })

  it('rejects an empty or short header as MALFORMED', () => {
    assert.throws(
      () => decodeVerifyRequest(new Uint8Array(0)),
      decodeError('MALFORMED', /0 bytes; its header/),
    )
    assert.throws(
      () => decodeVerifyRequest(new Uint8Array(VERIFY_REQUEST_HEADER_BYTES - 1)),
      decodeError('MALFORMED', /99 bytes; its header alone is 100/),
    )
  })

  it('rejects a declared length over the limit as TOO_LARGE before reading the message', () => {
    const frame = new Uint8Array(VERIFY_REQUEST_HEADER_BYTES)
    new DataView(frame.buffer).setUint32(96, MAX_VERIFY_MESSAGE_BYTES + 1)
    assert.throws(() => decodeVerifyRequest(frame), decodeError('TOO_LARGE', /says 4097 bytes/))
    new DataView(frame.buffer).setUint32(96, 0xffffffff)
    assert.throws(
      () => decodeVerifyRequest(frame),
      decodeError('TOO_LARGE', /says 4294967295 bytes/),
    )
  })

  it('rejects truncated messages and trailing bytes as MALFORMED', () => {
    const frame = encodeVerifyRequest(signed('hello'))
    assert.throws(
      () => decodeVerifyRequest(frame.subarray(0, frame.length - 1)),
      decodeError('MALFORMED', /truncated: its length field says 5 bytes, 4 arrived/),
    )
    const longer = new Uint8Array(frame.length + 2)
    longer.set(frame)
    assert.throws(() => decodeVerifyRequest(longer), decodeError('MALFORMED', /2 trailing bytes/))
  })

  it('decodes from a view into a larger buffer', () => {
    const request = signed('offset')
    const frame = encodeVerifyRequest(request)
    const big = new Uint8Array(frame.length + 10)
    big.set(frame, 7)
    assert.deepEqual(decodeVerifyRequest(big.subarray(7, 7 + frame.length)), request)
  })
})

describe('verify codec: responses', () => {
  it('round-trips every status', () => {
    const responses: VerifyResponse[] = [
      { status: 'VALID' },
      { status: 'INVALID' },
      { status: 'MALFORMED', detail: 'bad' },
      { status: 'TOO_LARGE', detail: 'big' },
      { status: 'TIMEOUT', detail: '' },
      { status: 'INTERNAL', detail: 'ünïcödé' },
    ]
    for (const response of responses) {
      const frame = encodeVerifyResponse(response)
      assert.equal(frame[0], VERIFY_STATUS[response.status])
      assert.deepEqual(decodeVerifyResponse(frame), response)
    }
  })

  it('cuts long details to the limit on a character boundary', () => {
    const frame = encodeVerifyResponse({ status: 'INTERNAL', detail: 'é'.repeat(400) })
    assert.ok(frame.length - 3 <= MAX_VERIFY_DETAIL_BYTES)
    const decoded = decodeVerifyResponse(frame)
    assert.ok('detail' in decoded)
    assert.equal(decoded.detail, 'é'.repeat(256))
  })

  it('rejects short, unknown, mis-sized and non-UTF-8 responses', () => {
    assert.throws(
      () => decodeVerifyResponse(new Uint8Array([0, 0])),
      decodeError('MALFORMED', /2 bytes/),
    )
    assert.throws(
      () => decodeVerifyResponse(new Uint8Array([9, 0, 0])),
      decodeError('MALFORMED', /unknown response status 9/),
    )
    assert.throws(
      () => decodeVerifyResponse(new Uint8Array([2, 0, 5, 1])),
      decodeError('MALFORMED', /says 5 bytes, 1 arrived/),
    )
    assert.throws(
      () => decodeVerifyResponse(new Uint8Array([2, 0xff, 0xff])),
      decodeError('TOO_LARGE', /65535/),
    )
    assert.throws(
      () => decodeVerifyResponse(new Uint8Array([0, 0, 1, 65])),
      decodeError('MALFORMED', /VALID response carries no detail/),
    )
    assert.throws(
      () => decodeVerifyResponse(new Uint8Array([2, 0, 1, 0xff])),
      decodeError('MALFORMED', /not valid UTF-8/),
    )
  })
})

describe('verify server answers', () => {
  it('maps oversized, stalled and undecodable requests to their statuses without verifying', async () => {
    assert.deepEqual(
      await answerVerifyRequest({ outcome: 'too-large', received: 5000 }, throwingVerifier),
      {
        status: 'TOO_LARGE',
        detail: `request exceeds ${MAX_VERIFY_REQUEST_BYTES} bytes`,
      },
    )
    const timeout = await answerVerifyRequest(
      { outcome: 'aborted', received: 12 },
      throwingVerifier,
    )
    assert.equal(timeout.status, 'TIMEOUT')
    const bad = await answerVerifyRequest(
      { outcome: 'ended', bytes: new Uint8Array(3) },
      throwingVerifier,
    )
    assert.equal(bad.status, 'MALFORMED')
  })

  it('answers INTERNAL when the verifier throws', async () => {
    const bytes = encodeVerifyRequest(signed('m'))
    const answer = await answerVerifyRequest({ outcome: 'ended', bytes }, () => {
      throw new TypeError('boom')
    })
    assert.deepEqual(answer, { status: 'INTERNAL', detail: 'the verifier failed (TypeError)' })
  })

  it('checks the client request before dialing', async () => {
    const dialer = {
      dialProtocol: () => Promise.reject(new Error('must not dial')),
    }
    await assert.rejects(
      requestVerify(dialer, [], { ...signed('m'), publicKey: new Uint8Array(3) }),
      (err: unknown) => err instanceof VerifyInputError && err.code === 'WRONG_LENGTH',
    )
  })
})

function tcpNode(): Promise<Libp2p> {
  return createLibp2p({
    addresses: { listen: ['/ip4/127.0.0.1/tcp/0'] },
    transports: [tcp()],
    connectionEncrypters: [noise()],
    streamMuxers: [yamux()],
  })
}

/** Sends raw bytes on a fresh verify stream and returns the decoded answer. */
async function sendRaw(client: Libp2p, server: Libp2p, bytes: Uint8Array): Promise<VerifyResponse> {
  const stream = await client.dialProtocol(server.getMultiaddrs(), VERIFY_PROTOCOL)
  const reading = readToEnd(stream, 1024, AbortSignal.timeout(5000))
  stream.send(bytes)
  await stream.close()
  const read = await reading
  assert.equal(read.outcome, 'ended')
  return decodeVerifyResponse(read.outcome === 'ended' ? read.bytes : new Uint8Array())
}

describe('verify over libp2p (TCP on loopback)', { timeout: 30_000 }, () => {
  let server: Libp2p
  let client: Libp2p
  // The server's clock for the stalled-request test: the test decides when the deadline passes.
  let onStalled: ((stalled: { deadline: AbortController; stream: Stream }) => void) | undefined

  before(async () => {
    const core = await loadCore()
    server = await tcpNode()
    client = await tcpNode()
    let deadline = new AbortController()
    const handler = createVerifyHandler({
      verify: (pk, msg, sig) => core.ed25519Verify(pk, msg, sig),
      timeoutSignal: () => deadline.signal,
    })
    await server.handle(VERIFY_PROTOCOL, (stream, connection) => {
      deadline = new AbortController()
      onStalled?.({ deadline, stream })
      return handler(stream, connection)
    })
  })

  after(async () => {
    await client?.stop()
    await server?.stop()
  })

  it('answers valid for a good signature and invalid for a tampered one', async () => {
    const request = signed('pay 5 WEFT to weft1…')
    assert.equal(await requestVerify(client, server.getMultiaddrs(), request), true)
    assert.equal(await requestVerify(client, server.peerId, tampered(request)), false)
  })

  it('answers invalid for another message or key', async () => {
    const request = signed('one')
    assert.equal(
      await requestVerify(client, server.peerId, { ...request, message: encoder.encode('two') }),
      false,
    )
    assert.equal(
      await requestVerify(client, server.peerId, { ...request, publicKey: signed('k').publicKey }),
      false,
    )
  })

  it('runs on a stream the caller opened', async () => {
    const stream: Stream = await client.dialProtocol(server.peerId, VERIFY_PROTOCOL)
    assert.equal(await requestVerifyOnStream(stream, signed('on a stream')), true)
  })

  it('answers MALFORMED to garbage and to trailing bytes', async () => {
    const garbage = await sendRaw(client, server, encoder.encode('hello'))
    assert.equal(garbage.status, 'MALFORMED')
    const frame = encodeVerifyRequest(signed('x'))
    const trailing = new Uint8Array(frame.length + 1)
    trailing.set(frame)
    const answer = await sendRaw(client, server, trailing)
    assert.deepEqual(answer, {
      status: 'MALFORMED',
      detail: '1 trailing bytes after the 1-byte message',
    })
  })

  it('answers TOO_LARGE to an oversized declared length and to an oversized request', async () => {
    const header = new Uint8Array(VERIFY_REQUEST_HEADER_BYTES)
    new DataView(header.buffer).setUint32(96, 1 << 20)
    assert.equal((await sendRaw(client, server, header)).status, 'TOO_LARGE')
    const flood = new Uint8Array(MAX_VERIFY_REQUEST_BYTES + 1000)
    assert.deepEqual(await sendRaw(client, server, flood), {
      status: 'TOO_LARGE',
      detail: `request exceeds ${MAX_VERIFY_REQUEST_BYTES} bytes`,
    })
  })

  it('answers TIMEOUT to a request that stalls past the deadline, and keeps serving', async () => {
    const stalled = Promise.withResolvers<number>()
    let deadline: AbortController | undefined
    onStalled = (server) => {
      onStalled = undefined
      deadline = server.deadline
      // Listening beside the handler tells the test when the partial header has arrived.
      server.stream.addEventListener('message', (evt) => stalled.resolve(evt.data.byteLength))
    }
    const stream = await client.dialProtocol(server.peerId, VERIFY_PROTOCOL)
    const reading = readToEnd(stream, 1024, AbortSignal.timeout(5000))
    stream.send(new Uint8Array(10)) // part of a header, and the writable end stays open
    assert.equal(await stalled.promise, 10)
    deadline?.abort()
    const read = await reading
    assert.equal(read.outcome, 'ended')
    const answer = decodeVerifyResponse(read.outcome === 'ended' ? read.bytes : new Uint8Array())
    assert.deepEqual(answer, {
      status: 'TIMEOUT',
      detail: 'request incomplete at the deadline (10 bytes arrived)',
    })
    stream.abort(new Error('test done'))
    assert.equal(await requestVerify(client, server.peerId, signed('still here')), true)
  })

  it('surfaces a remote error as VerifyRemoteError with its code', async () => {
    // A node whose verifier fails answers INTERNAL; the client turns it into a named error.
    const broken = await tcpNode()
    try {
      await broken.handle(
        VERIFY_PROTOCOL,
        createVerifyHandler({
          verify: () => {
            throw new RangeError('no core')
          },
        }),
      )
      await assert.rejects(
        requestVerify(client, broken.getMultiaddrs(), signed('m')),
        (err: unknown) =>
          err instanceof VerifyRemoteError &&
          err.code === 'INTERNAL' &&
          err.detail === 'the verifier failed (RangeError)',
      )
    } finally {
      await broken.stop()
    }
  })

  it('gives up with VerifyTimeoutError when the node never answers', async () => {
    const silent = await tcpNode()
    const opened = Promise.withResolvers<void>()
    try {
      await silent.handle(VERIFY_PROTOCOL, () => opened.resolve())
      const controller = new AbortController()
      const answer = requestVerify(client, silent.getMultiaddrs(), signed('m'), {
        signal: controller.signal,
      })
      await opened.promise
      controller.abort()
      await assert.rejects(answer, (err: unknown) => err instanceof VerifyTimeoutError)
    } finally {
      await silent.stop()
    }
  })
})
