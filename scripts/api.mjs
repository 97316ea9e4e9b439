#!/usr/bin/env node
// The API report of every public entry (packages/<folder>/etc/<name>.api.md), after `npm run build`.
//
//   node scripts/api.mjs          rewrite the reports (`npm run api` builds first, then this)
//   node scripts/api.mjs --check  CI: fail when the public surface differs from the committed report,
//                                 or when an exported symbol has no TSDoc or api-extractor warns
import { ENTRIES, runApiExtractor } from './lib/api-extractor.mjs';
import { undocumentedExports } from './lib/tsdoc-coverage.mjs';

const check = process.argv.includes('--check');
let problems = 0;
const { missing, checked } = undocumentedExports(ENTRIES.map((e) => e.source));
for (const { entry, name } of missing) console.error(`${entry}: exported symbol "${name}" has no TSDoc`);
problems += missing.length;
console.log(`TSDoc: ${checked - missing.length} of ${checked} exported symbols documented`);
for (const entry of ENTRIES) problems += runApiExtractor({ ...entry, check });
if (problems) {
  console.error(`API reports: ${problems} problem(s) above`);
  process.exit(1);
}
console.log(`API reports ${check ? 'match the public surface' : 'written'}: ${ENTRIES.length} entries`);
