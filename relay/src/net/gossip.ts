// The node's gossip: Weft's topics over gossipsub, each with a size limit checked before a
// message is read and a handler that decides whether the message is valid, so gossipsub forwards
// only what this node accepted and scores peers that send what it rejects.
import { type GossipSub, TopicValidatorResult } from '@libp2p/gossipsub'
import type { PeerId } from '@libp2p/interface'
import { TOPIC_MAX_BYTES, type TopicName, type WeftTopics } from '@weft/core'

/** accept: deliver and forward; ignore: drop quietly (stale, duplicate); reject: penalise. */
export type Verdict = 'accept' | 'ignore' | 'reject'

export type TopicHandler = (data: Uint8Array, from: PeerId) => Verdict | Promise<Verdict>

/** Hears every verdict, for the sender's reputation. */
export type VerdictListener = (verdict: Verdict, from: PeerId, topic: TopicName) => void

const RESULT: Record<Verdict, TopicValidatorResult> = {
  accept: TopicValidatorResult.Accept,
  ignore: TopicValidatorResult.Ignore,
  reject: TopicValidatorResult.Reject,
}

export class Gossip {
  readonly #pubsub: GossipSub
  readonly topics: WeftTopics
  readonly #onVerdict: VerdictListener | undefined

  constructor(pubsub: GossipSub, topics: WeftTopics, onVerdict?: VerdictListener) {
    this.#pubsub = pubsub
    this.topics = topics
    this.#onVerdict = onVerdict
  }

  /** Subscribes to `name`; `handle` runs once per message, as gossipsub's validator for it. */
  on(name: TopicName, handle: TopicHandler): void {
    const topic = this.topics[name]
    const limit = TOPIC_MAX_BYTES[name]
    this.#pubsub.topicValidators.set(topic, async (from, message) => {
      const verdict = message.data.length > limit ? 'reject' : await handle(message.data, from)
      this.#onVerdict?.(verdict, from, name)
      return RESULT[verdict]
    })
    this.#pubsub.subscribe(topic)
  }

  /** Publishes to `name`; a node with no peers on the topic yet is not an error. */
  async publish(name: TopicName, data: Uint8Array): Promise<void> {
    await this.#pubsub.publish(this.topics[name], data)
  }

  meshPeers(name: TopicName): number {
    return this.#pubsub.getSubscribers(this.topics[name]).length
  }
}
