import react from '@vitejs/plugin-react';
import { defineConfig, type Plugin } from 'vite';

// The renderer is built into dist/renderer and loaded by Electron from file:// (hence the relative base)
// and served by the headless server. Its CSP (renderer/index.html) forbids inline scripts and styles;
// Vite's dev server needs both (HMR style tags, the React refresh preamble), so the dev server drops
// the CSP meta tag. Production builds keep it.
const dropCspInDev: Plugin = {
  name: 'enclave-drop-csp-in-dev',
  apply: 'serve',
  transformIndexHtml: (html) => html.replace(/<meta http-equiv="Content-Security-Policy"[^>]*>\s*/i, ''),
};

// In dev, `ENCLAVE_DEV_SERVER=http://127.0.0.1:<port> npx vite` forwards /rpc and /events to a running
// `enclave serve`.
const devServer = process.env.ENCLAVE_DEV_SERVER;

export default defineConfig({
  root: 'renderer',
  base: './',
  plugins: [react(), dropCspInDev],
  build: {
    outDir: '../dist/renderer',
    emptyOutDir: true,
    // Electron loads file:// pages, where an inlined data: asset would still need the CSP; keep every asset a file.
    assetsInlineLimit: 0,
    modulePreload: { polyfill: false },
  },
  server: devServer ? { proxy: { '/rpc': devServer, '/events': devServer } } : {},
});
