// Structured logs: one JSON object per line on stderr (pino), so operators can ship them as they
// are and tests can read them. WEFT_LOG_LEVEL picks the level (default info).
import { pino } from 'pino'

export type Logger = pino.Logger

const LEVELS = ['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'] as const

export function createLogger(level: string | undefined): Logger {
  const chosen = (LEVELS as readonly string[]).includes(level ?? '') ? level : 'info'
  return pino({ level: chosen, base: { app: 'weft' } }, pino.destination(2))
}
