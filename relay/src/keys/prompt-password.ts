// Asks for a password on a terminal with echo off: raw mode, read up to Enter, nothing shown.
import { StringDecoder } from 'node:string_decoder'
import { PasswordError } from './errors.ts'

/** The terminal side of process.stdin: a stream that can switch raw mode. */
export interface RawInput {
  setRawMode(raw: boolean): unknown
  on(event: 'data', listener: (chunk: Buffer) => void): unknown
  removeListener(event: 'data', listener: (chunk: Buffer) => void): unknown
  resume(): unknown
  pause(): unknown
}

export interface PromptOutput {
  write(text: string): unknown
}

export function promptHidden(
  question: string,
  input: RawInput,
  output: PromptOutput,
): Promise<string> {
  return new Promise((resolve, reject) => {
    const decoder = new StringDecoder('utf8')
    let typed = ''
    const finish = (error?: PasswordError) => {
      input.removeListener('data', onData)
      input.setRawMode(false)
      input.pause()
      output.write('\n')
      if (error === undefined) resolve(typed)
      else reject(error)
    }
    const onData = (chunk: Buffer) => {
      for (const char of decoder.write(chunk)) {
        if (char === '\r' || char === '\n') return finish()
        if (char === '\u0003' || (char === '\u0004' && typed === '')) {
          return finish(new PasswordError('CANCELLED', 'cancelled at the password prompt'))
        }
        if (char === '\u0004') return finish()
        if (char === '\u007f' || char === '\b') {
          typed = [...typed].slice(0, -1).join('')
          continue
        }
        if (char >= ' ') typed += char
      }
    }
    output.write(question)
    input.setRawMode(true)
    input.on('data', onData)
    input.resume()
  })
}
