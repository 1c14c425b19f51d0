// Vite bundles imported stylesheets into one CSS file next to the scripts (no inline styles, per the CSP).
declare module '*.css';
