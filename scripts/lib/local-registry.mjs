// A throwaway npm registry on 127.0.0.1 for the install checks: it serves the packed workspace tarballs
// as if they were published, so `npm i @alisms/otp` in an empty project resolves `alisms` and
// `@alisms/*` to this build, and forwards every other package document to the configured registry
// (third-party dependencies install as they would for a user).
import { readFileSync } from 'node:fs';
import { createServer } from 'node:http';
import { join } from 'node:path';

/**
 * Starts the registry. `packs` are `npm pack --json` records (name, version, filename, integrity,
 * shasum) of tarballs in `dir`; `manifests` maps a package name to its package.json.
 */
export async function startLocalRegistry({ packs, dir, manifests, upstream }) {
  const ours = new Map(packs.map((p) => [p.name, p]));
  const server = createServer(async (req, res) => {
    try {
      const path = decodeURIComponent((req.url ?? '/').split('?')[0] ?? '/');
      if (path.startsWith('/-/')) {
        const pack = packs.find((p) => `/-/${p.filename}` === path);
        if (!pack) return send(res, 404, 'application/json', '{"error":"not found"}');
        return send(res, 200, 'application/octet-stream', readFileSync(join(dir, pack.filename)));
      }
      const pack = ours.get(path.slice(1));
      if (pack) return send(res, 200, 'application/json', JSON.stringify(packument(pack)));
      const answer = await fetch(new URL(req.url ?? '/', upstream), {
        headers: { accept: req.headers.accept ?? 'application/json' },
      });
      send(
        res,
        answer.status,
        answer.headers.get('content-type') ?? 'application/json',
        Buffer.from(await answer.arrayBuffer()),
      );
    } catch (error) {
      send(res, 502, 'application/json', JSON.stringify({ error: String(error) }));
    }
  });
  await new Promise((resolve) => server.listen(0, '127.0.0.1', () => resolve(undefined)));
  const address = server.address();
  const url = `http://127.0.0.1:${typeof address === 'object' && address ? address.port : 0}/`;

  function packument(pack) {
    const manifest = manifests.get(pack.name);
    return {
      name: pack.name,
      'dist-tags': { latest: pack.version },
      versions: {
        [pack.version]: {
          ...manifest,
          _id: `${pack.name}@${pack.version}`,
          dist: { tarball: `${url}-/${pack.filename}`, integrity: pack.integrity, shasum: pack.shasum },
        },
      },
    };
  }

  return {
    url,
    close: () => new Promise((resolve) => server.close(() => resolve(undefined))),
  };
}

function send(res, status, type, body) {
  res.writeHead(status, { 'content-type': type });
  res.end(body);
}
