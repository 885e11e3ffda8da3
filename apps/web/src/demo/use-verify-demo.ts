// Runs the verify demo for as long as the component is mounted.
import { useEffect, useRef, useState } from 'react'
import type { PageConfig } from '../config.ts'
import { type DemoState, startVerifyDemo, type VerifyDemo } from './verify-demo.ts'

export function useVerifyDemo(config: PageConfig): {
  state: DemoState | undefined
  sendTampered: () => void
} {
  const [state, setState] = useState<DemoState>()
  const demo = useRef<VerifyDemo | null>(null)
  useEffect(() => {
    const running = startVerifyDemo(config, setState)
    demo.current = running
    return () => {
      demo.current = null
      void running.stop()
    }
  }, [config])
  return { state, sendTampered: () => demo.current?.sendTampered() }
}
