// A base for objects that hold secrets: every way JavaScript turns an object into text —
// JSON.stringify, String(), template literals, Node's console.log/util.inspect — prints a
// placeholder instead. The secrets live in subclasses' #private fields, which spreading,
// Object.keys, structuredClone and JSON never see.

// Node's hook for util.inspect, by its registered name so this file needs no Node import.
const INSPECT = Symbol.for('nodejs.util.inspect.custom')

export abstract class Redacted {
  readonly #label: string

  protected constructor(label: string) {
    this.#label = label
  }

  toJSON(): string {
    return `[${this.#label}: redacted]`
  }

  toString(): string {
    return `[${this.#label}: redacted]`
  }

  [INSPECT](): string {
    return `[${this.#label}: redacted]`
  }
}
