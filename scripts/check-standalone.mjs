#!/usr/bin/env node
// The repository stands alone: no tracked source, test, script or bench file may refer to a path outside
// it (the shared spec folder beside a checkout, an absolute path of one machine, `../` out of the root).
// Facts from elsewhere are fixtures under test/fixtures/ with their source in a README there.
import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { dirname, join, normalize, resolve, sep } from 'node:path';

const root = resolve(import.meta.dirname, '..');
const files = execFileSync('git', ['ls-files', '-z'], { cwd: root, encoding: 'utf8' })
  .split('\0')
  // This file names the patterns it looks for, so it is not read itself.
  .filter(
    (f) =>
      /\.(ts|mts|mjs|js|cjs|json)$/.test(f) && !f.endsWith('package-lock.json') && f !== 'scripts/check-standalone.mjs',
  );
// The spec folder beside a checkout, one machine's absolute paths, the old spec-folder variable: where the
// project's facts came from, never where they are read.
const OUTSIDE = [/\.\.\/shared\b/, /(['"`])\/work\//, /ALISMS_SPEC_DIR/];
const problems = [];
for (const file of files) {
  const text = readFileSync(join(root, file), 'utf8');
  for (const pattern of OUTSIDE)
    if (pattern.test(text)) problems.push(`${file}: refers to ${pattern} (outside the repository)`);
  // Relative specifiers and URLs that climb out of the repository root.
  for (const m of text.matchAll(/(['"`])((?:\.\.\/)+)[^'"`\s]*\1/g)) {
    const target = normalize(join(dirname(join(root, file)), m[2]));
    if (target !== root && !target.startsWith(root + sep))
      problems.push(`${file}: "${m[0]}" climbs out of the repository`);
  }
}
if (problems.length) {
  console.error(`paths outside the repository (${problems.length}):\n  ${problems.join('\n  ')}`);
  process.exit(1);
}
console.log(`no file refers to a path outside the repository (${files.length} files)`);
