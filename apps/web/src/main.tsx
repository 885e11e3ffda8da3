// Entry point: reads the page's chain config once, then renders.
import { StrictMode } from 'react'
import { createRoot } from 'react-dom/client'
import { App } from './App.tsx'
import { readPageConfig } from './config/page-config.ts'
import './styles.css'

const root = document.getElementById('root')
if (root === null) throw new Error('index.html has no #root element')
createRoot(root).render(
  <StrictMode>
    <App config={readPageConfig(window.location, import.meta.env)} />
  </StrictMode>,
)
