// A binary min-heap under a caller's ordering; used to merge senders' nonce chains by tip.

export class Heap<T> {
  readonly #items: T[] = []
  readonly #before: (a: T, b: T) => boolean

  /** `before(a, b)`: a comes out before b. */
  constructor(before: (a: T, b: T) => boolean) {
    this.#before = before
  }

  get size(): number {
    return this.#items.length
  }

  push(item: T): void {
    const items = this.#items
    items.push(item)
    let i = items.length - 1
    while (i > 0) {
      const parent = (i - 1) >> 1
      const p = items[parent] as T
      if (!this.#before(item, p)) break
      items[i] = p
      i = parent
    }
    items[i] = item
  }

  pop(): T | undefined {
    const items = this.#items
    const top = items[0]
    const last = items.pop()
    if (items.length === 0 || last === undefined) return top
    let i = 0
    for (;;) {
      const left = 2 * i + 1
      if (left >= items.length) break
      const right = left + 1
      const child =
        right < items.length && this.#before(items[right] as T, items[left] as T) ? right : left
      const c = items[child] as T
      if (!this.#before(c, last)) break
      items[i] = c
      i = child
    }
    items[i] = last
    return top
  }
}
