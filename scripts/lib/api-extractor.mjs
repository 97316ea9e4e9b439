// One api-extractor run on a built package, configured here rather than in an api-extractor.json per
// package, so that the six packages cannot drift apart. Used by scripts/api.mjs (the API reports) and
// scripts/build.mjs (the SDK's d.ts rollup).
import { mkdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { Extractor, ExtractorConfig } from '@microsoft/api-extractor';

const root = resolve(import.meta.dirname, '..', '..');

/**
 * The public entries: package folder, the entry's source, its built declaration file, and the report's
 * name (`packages/<folder>/etc/<report>.api.md`). api-extractor reads one entry per run, so the BullMQ
 * subpath `@alisms/bulk/queue` has its own report.
 */
export const ENTRIES = [
  { folder: 'alisms', source: 'packages/alisms/src/index.ts', entry: 'dist/index.d.cts', report: 'alisms' },
  { folder: 'emulator', source: 'packages/emulator/src/index.ts', entry: 'dist/index.d.ts', report: 'emulator' },
  { folder: 'otp', source: 'packages/otp/src/index.ts', entry: 'dist/index.d.ts', report: 'otp' },
  { folder: 'bulk', source: 'packages/bulk/src/index.ts', entry: 'dist/index.d.ts', report: 'bulk' },
  { folder: 'bulk', source: 'packages/bulk/src/queue/index.ts', entry: 'dist/queue/index.d.ts', report: 'bulk-queue' },
  { folder: 'server', source: 'packages/server/src/index.ts', entry: 'dist/index.d.ts', report: 'server' },
  { folder: 'cli', source: 'packages/cli/src/index.ts', entry: 'dist/index.d.ts', report: 'cli' },
];

/**
 * Runs api-extractor on one entry of a built package.
 *  - `report`: writes (or, with `check`, compares) `etc/<report>.api.md`;
 *  - `rollup`: writes every declaration reachable from `entry` into that one file;
 *  - `check`: a report that differs from the committed one is an error instead of being rewritten.
 * With `quiet` (the build's rollup) only a failure counts (it throws). Otherwise returns the number of
 * errors, and with `check` also of warnings (an unresolved `{@link}`, a changed report).
 */
export function runApiExtractor({ folder, entry, report, rollup, check = false, quiet = false }) {
  const projectFolder = join(root, 'packages', folder);
  const temp = join(tmpdir(), `alisms-api-${process.pid}`);
  mkdirSync(temp, { recursive: true });
  if (report !== undefined) mkdirSync(join(projectFolder, 'etc'), { recursive: true });
  const config = ExtractorConfig.prepare({
    configObjectFullPath: undefined,
    packageJsonFullPath: join(projectFolder, 'package.json'),
    configObject: {
      projectFolder,
      mainEntryPointFilePath: join(projectFolder, entry),
      compiler: {
        overrideTsconfig: {
          compilerOptions: {
            target: 'ES2022',
            lib: ['ES2023', 'DOM'],
            module: 'NodeNext',
            moduleResolution: 'NodeNext',
            strict: true,
            skipLibCheck: true,
            types: ['node'],
          },
          files: [join(projectFolder, entry)],
        },
      },
      apiReport: {
        enabled: report !== undefined,
        reportFileName: `${report ?? folder}.api.md`,
        reportFolder: join(projectFolder, 'etc'),
        reportTempFolder: temp,
      },
      docModel: { enabled: false },
      tsdocMetadata: { enabled: false },
      dtsRollup: { enabled: rollup !== undefined, untrimmedFilePath: rollup ? join(projectFolder, rollup) : '' },
      messages: {
        compilerMessageReporting: { default: { logLevel: 'warning' } },
        extractorMessageReporting: {
          default: { logLevel: quiet ? 'none' : 'warning' },
          // The packages do not use @public/@beta/@internal release tags: what the entry exports is public.
          'ae-missing-release-tag': { logLevel: 'none' },
          // A type a public signature uses but the entry does not export (an internal handle, a test hook) is
          // written into the report, so it shows in review, rather than failing the build.
          'ae-forgotten-export': { logLevel: 'none', addToApiReportFile: true },
          // Members without TSDoc are allowed (a property's name often says it all); every exported symbol
          // needs TSDoc, which scripts/lib/tsdoc-coverage.mjs checks.
          'ae-undocumented': { logLevel: 'none' },
        },
        // TSDoc's strict syntax (braces in prose, `@default`) is not enforced: the comments are read in editors.
        tsdocMessageReporting: { default: { logLevel: 'none' } },
      },
    },
  });
  const result = Extractor.invoke(config, { localBuild: !check, showVerboseMessages: false });
  if (!result.succeeded && quiet) throw new Error(`api-extractor failed on packages/${folder}/${entry}`);
  let errors = result.errorCount;
  if (check && result.apiReportChanged) {
    console.error(
      `packages/${folder}/etc/${report}.api.md: the public surface changed; run \`npm run api\` and commit the report`,
    );
    errors++;
  }
  // Rewriting a report is itself reported as a warning: in that mode only errors count.
  return check ? errors + result.warningCount : errors;
}
