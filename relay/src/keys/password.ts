// Where a key file's password comes from: a password file, else an environment variable, else
// asked on the terminal without echo (twice when it protects a new key).
import { readFileSync } from 'node:fs'
import { PasswordError } from './errors.ts'

export interface PasswordSources {
  /** A file holding the password; one trailing newline is not part of it. */
  file: string | undefined
  /** The environment variable to read, and its value. */
  env: { name: string; value: string | undefined }
  /** Asks on a terminal without echo; undefined when there is no terminal. */
  prompt: ((question: string) => Promise<string>) | undefined
  /** How the caller's flag for `file` is spelt, for the message when nothing gives a password. */
  fileFlag: string
}

export interface PasswordPurpose {
  /** "the new key file", "/path/key.json" — for the prompt. */
  what: string
  /** Ask twice on a terminal and compare: a typo would lock the key away for good. */
  confirm: boolean
  /** Refuse shorter passwords (for new keys). */
  minLength?: number
}

export async function obtainPassword(
  sources: PasswordSources,
  purpose: PasswordPurpose,
): Promise<string> {
  let password: string
  let from: string
  if (sources.file !== undefined) {
    password = readPasswordFile(sources.file)
    from = `password file ${sources.file}`
  } else if (sources.env.value !== undefined) {
    password = sources.env.value
    from = `environment variable ${sources.env.name}`
  } else if (sources.prompt !== undefined) {
    password = await sources.prompt(`Password for ${purpose.what}: `)
    from = 'the password typed'
    if (purpose.confirm) {
      const again = await sources.prompt('Same password again: ')
      if (again !== password) throw new PasswordError('MISMATCH', 'the passwords differ')
    }
  } else {
    throw new PasswordError(
      'NO_PASSWORD',
      `no password for ${purpose.what}: give ${sources.fileFlag} <file>, set ${sources.env.name}, or run in a terminal to be asked`,
    )
  }
  if (password === '') throw new PasswordError('EMPTY', `${from} is empty`)
  const min = purpose.minLength ?? 0
  if ([...password].length < min) {
    throw new PasswordError('TOO_SHORT', `${from} is shorter than ${min} characters`)
  }
  return password
}

export function readPasswordFile(path: string): string {
  let text: string
  try {
    text = readFileSync(path, 'utf8')
  } catch (err) {
    const code = (err as NodeJS.ErrnoException).code ?? String(err)
    throw new PasswordError('UNREADABLE_FILE', `cannot read password file ${path}: ${code}`)
  }
  return text.replace(/\r?\n$/, '')
}
