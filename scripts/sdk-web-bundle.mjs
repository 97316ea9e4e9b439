// The SDK's Web build, shared by scripts/build.mjs (dist/web/index.js) and scripts/sdk-size.mjs.
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { build } from 'esbuild';
import { minify } from 'terser';

/**
 * The Web build (workerd, edge-light, deno, browser): src/index.web.ts, where every module with a
 * sibling `<name>.web.ts` is replaced by it (hmac, default transport, diagnostics, credential chain,
 * folder entries). It fails when any import is left external: no Node built-in may remain.
 */
export async function bundleSdkWeb(dir, outfile, extra = {}) {
  const src = resolve(dir, 'src');
  const result = await build({
    entryPoints: [join(src, 'index.web.ts')],
    outfile,
    format: 'esm',
    bundle: true,
    platform: 'neutral',
    target: 'es2022',
    minify: false,
    metafile: true,
    logLevel: 'warning',
    plugins: [webSiblings()],
    ...extra,
  });
  const externals = Object.values(result.metafile.outputs)
    .flatMap((output) => output.imports)
    .map((i) => i.path);
  if (externals.length) throw new Error(`the Web build must import nothing: ${externals.join(', ')}`);
  return result;
}

/** esbuild plugin: `./x.js` resolves to `./x.web.ts` when that file exists; bare imports are errors. */
export function webSiblings() {
  return {
    name: 'web-siblings',
    setup(b) {
      b.onResolve({ filter: /^\.\.?\/.*\.js$/ }, (args) => {
        const web = resolve(args.resolveDir, args.path.replace(/\.js$/, '.web.ts'));
        if (existsSync(web)) return { path: web };
        return { path: resolve(args.resolveDir, args.path.replace(/\.js$/, '.ts')) };
      });
      b.onResolve({ filter: /^[^./]/ }, (args) => ({
        errors: [{ text: `"${args.path}" may not be imported by the Web build (imported by ${args.importer})` }],
      }));
    },
  };
}

/**
 * White space out of the shipped Web build, names and code untouched, keeping the `@__PURE__` annotations
 * that let a user's bundler drop what it does not use (esbuild's own minifier drops them, and the SmsClient-only
 * bundle then keeps the whole error-hint table). Keeps the alisms tarball under its 400 KB budget.
 */
export async function squeezeWhitespace(file) {
  const result = await minify(readFileSync(file, 'utf8'), {
    module: true,
    compress: false,
    mangle: false,
    format: { comments: false, preserve_annotations: true },
  });
  if (typeof result.code !== 'string') throw new Error(`terser returned nothing for ${file}`);
  writeFileSync(file, result.code);
}
