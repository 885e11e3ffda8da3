// What a spec watches a page for besides its screens: Content-Security-Policy violations the
// browser reports on the console, and uncaught errors.
import type { Page } from '@playwright/test'

export interface PageWatch {
  cspViolations: string[]
  pageErrors: string[]
}

export function watchPage(page: Page): PageWatch {
  const watch: PageWatch = { cspViolations: [], pageErrors: [] }
  page.on('console', (message) => {
    if (message.text().includes('Content Security Policy')) watch.cspViolations.push(message.text())
  })
  page.on('pageerror', (error) => watch.pageErrors.push(error.message))
  return watch
}
