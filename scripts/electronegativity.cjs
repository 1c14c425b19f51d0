// Runs Doyensec's electronegativity (the Electron security checklist as a scanner) on the built app.
// It parses TypeScript with the TypeScript 4 it ships with; the project's TypeScript 7 has no JavaScript API,
// so `typescript` is resolved to electronegativity's own copy for this process only.
const Module = require('node:module');
const path = require('node:path');

const home = path.dirname(require.resolve('@doyensec/electronegativity/package.json'));
const bundledTypescript = require.resolve('typescript', { paths: [home] });
const resolve = Module._resolveFilename;
Module._resolveFilename = function resolveBundledTypescript(request, ...rest) {
  return request === 'typescript' ? bundledTypescript : resolve.call(this, request, ...rest);
};

/** @returns {Promise<{ issues: Array<{ id: string, severity: { name: string }, confidence: { name: string }, file: string, location: unknown, description: string }>, errors: unknown[] }>} */
async function scan(input) {
  // The scanner fetches translations and Electron release lists from the internet; Enclave's egress guard makes
  // those requests fail on the spot (no packet leaves), and the release check is left out.
  const guard = path.resolve(__dirname, '../dist/native/net/egress-guard.js');
  (await import(require('node:url').pathToFileURL(guard).href)).installEgressGuard();
  const run = require('@doyensec/electronegativity').default ?? require('@doyensec/electronegativity');
  // The installed Electron's version: left to detect it, the scanner tries to fetch release lists from the network.
  const electronVersionOverride = JSON.parse(require('node:fs').readFileSync(require.resolve('electron/package.json'), 'utf8')).version;
  const excludeFromScan = ['AvailableSecurityFixesGlobalCheck'];
  return run({ input, isRelative: true, severitySet: 'informational', confidenceSet: 'tentative', electronVersionOverride, excludeFromScan }, false);
}

module.exports = { scan };

if (require.main === module) {
  scan(process.argv[2] ?? 'dist').then((result) => {
    for (const issue of result.issues) console.log(`${issue.severity.name}\t${issue.confidence.name}\t${issue.id}\t${issue.file}\t${issue.description}`);
    const high = result.issues.filter((i) => i.severity.name === 'HIGH');
    process.exit(high.length > 0 ? 1 : 0);
  });
}
