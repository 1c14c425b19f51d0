import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { AuthGate } from './features/auth/AuthGate.js';
import { AppShell } from './features/shell/AppShell.js';
import './styles/app.css';
import './styles/auth.css';

const root = document.getElementById('root');
if (!root) throw new Error('index.html has no #root element');

createRoot(root).render(
  <StrictMode>
    <AuthGate>
      <AppShell />
    </AuthGate>
  </StrictMode>,
);
