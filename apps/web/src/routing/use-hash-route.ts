// A hash router small enough to read at a glance: the route is the part of the URL after '#',
// so the page's own query (its chain config) is never touched when moving between screens.
import { useEffect, useState } from 'react'

export type Route = 'home' | 'send' | 'create' | 'import'

const ROUTES: Record<string, Route> = {
  '': 'home',
  '#/': 'home',
  '#/send': 'send',
  '#/create': 'create',
  '#/import': 'import',
}

function current(): Route {
  return ROUTES[window.location.hash] ?? 'home'
}

export function useHashRoute(): Route {
  const [route, setRoute] = useState<Route>(current)
  useEffect(() => {
    const changed = () => setRoute(current())
    window.addEventListener('hashchange', changed)
    return () => window.removeEventListener('hashchange', changed)
  }, [])
  return route
}

export function navigate(route: Route): void {
  window.location.hash = route === 'home' ? '#/' : `#/${route}`
}

export function href(route: Route): string {
  return route === 'home' ? '#/' : `#/${route}`
}
