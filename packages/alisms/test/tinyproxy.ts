// Starts Debian's tinyproxy on a free loopback port for the proxy tests (.ci/run installs it).
import { spawn, spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { createConnection, createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

export interface RunningProxy {
  port: number;
  /** `http://127.0.0.1:port`, without credentials. */
  url: string;
  close(): Promise<void>;
}

/** Whether tinyproxy is installed; under CI=true a missing one is a failure, not a skip. */
export function tinyproxyAvailable(): boolean {
  const found = spawnSync('tinyproxy', ['-v']).error === undefined;
  if (!found && process.env.CI === 'true')
    throw new Error('tinyproxy is not installed: .ci/run must install it (apt-get install tinyproxy)');
  return found;
}

async function freePort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  const port = (server.address() as { port: number }).port;
  await new Promise<void>((r) => server.close(() => r()));
  return port;
}

async function waitForPort(port: number): Promise<void> {
  for (let i = 0; i < 100; i++) {
    const ok = await new Promise<boolean>((resolve) => {
      const socket = createConnection(port, '127.0.0.1');
      socket.once('connect', () => {
        socket.destroy();
        resolve(true);
      });
      socket.once('error', () => resolve(false));
    });
    if (ok) return;
    await new Promise((r) => setImmediate(r));
  }
  throw new Error(`tinyproxy did not listen on 127.0.0.1:${port}`);
}

/** tinyproxy in the foreground, loopback only, CONNECT to any port, with optional Basic auth. */
export async function startTinyproxy(auth?: { user: string; password: string }): Promise<RunningProxy> {
  const dir = mkdtempSync(join(tmpdir(), 'alisms-tinyproxy-'));
  const port = await freePort();
  const lines = [
    `Port ${port}`,
    'Listen 127.0.0.1',
    'Allow 127.0.0.1',
    'Timeout 30',
    'MaxClients 64',
    'LogLevel Critical',
  ];
  if (auth) lines.push(`BasicAuth ${auth.user} ${auth.password}`);
  writeFileSync(join(dir, 'tinyproxy.conf'), `${lines.join('\n')}\n`);
  const child = spawn('tinyproxy', ['-d', '-c', join(dir, 'tinyproxy.conf')], { stdio: 'ignore' });
  await waitForPort(port);
  return {
    port,
    url: `http://127.0.0.1:${port}`,
    close: async () => {
      if (child.exitCode === null) {
        const exited = new Promise((r) => child.once('exit', r));
        child.kill();
        await exited;
      }
      rmSync(dir, { recursive: true, force: true });
    },
  };
}
