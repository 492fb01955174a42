import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import './app/i18n';
import { App } from './app/App';

async function start(): Promise<void> {
  // Dev-only fake bridge for looking at screens without a console core (`vite --mode fake`).
  // In every other mode this branch is removed at build time, so the fake never ships.
  if (import.meta.env.MODE === 'fake') {
    const { installFakeBridge } = await import('./dev/fakeBridge');
    installFakeBridge();
  }
  const root = document.getElementById('root');
  if (!root) throw new Error('index.html has no #root');
  createRoot(root).render(
    <StrictMode>
      <App />
    </StrictMode>,
  );
}

void start();
