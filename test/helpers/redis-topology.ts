// Real Redis Cluster and Sentinel topologies for the failover tests: `redis-server` processes of their own on
// free loopback ports, in a temporary directory, stopped and removed by `stop()`. Without redis-server the
// suites skip, except under CI=true, where they fail (.ci/run installs it).
import { type ChildProcess, execFile, spawn, spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { Redis } from 'ioredis';

const run = promisify(execFile);
const HOST = '127.0.0.1';

/** `describe` options: skip (with the reason) when redis-server/redis-cli are missing; throw under CI=true. */
export function topologySuiteOptions(): { skip: false | string } {
  const missing = ['redis-server', 'redis-cli'].filter(
    (bin) => spawnSync(bin, ['--version'], { stdio: 'ignore' }).status !== 0,
  );
  if (missing.length === 0) return { skip: false };
  const reason = `${missing.join(' and ')} not found on PATH (apt-get install redis-server)`;
  if (process.env.CI === 'true') throw new Error(`${reason}: CI must not skip the Cluster/Sentinel suites`);
  return { skip: reason };
}

function portFree(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const probe = createServer();
    probe.once('error', () => resolve(false));
    probe.listen(port, HOST, () => probe.close(() => resolve(true)));
  });
}

const taken = new Set<number>();

/**
 * A free loopback port whose cluster bus port (port + 10000) is free too. Both lie below Linux's ephemeral
 * range (32768 and up), so the test's own outgoing connections cannot take them between the probe and the bind.
 */
async function freePort(): Promise<number> {
  for (;;) {
    const port = 20_000 + Math.floor(Math.random() * 2_700);
    if (taken.has(port) || taken.has(port + 10_000)) continue;
    if ((await portFree(port)) && (await portFree(port + 10_000))) {
      taken.add(port);
      taken.add(port + 10_000);
      return port;
    }
  }
}

/** The redis-server process exited before it answered: its port was taken after the probe. */
class PortLost extends Error {
  constructor(port: number) {
    super(`redis-server on ${port} exited before it answered`);
  }
}

async function until(what: string, check: () => Promise<boolean>, timeoutMs = 20_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    if (
      await check().catch((error: unknown) => {
        if (error instanceof PortLost) throw error;
        return false;
      })
    )
      return;
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}

async function cli(port: number, ...args: string[]): Promise<string> {
  const { stdout } = await run('redis-cli', ['-h', HOST, '-p', String(port), ...args]);
  return stdout;
}

/** One redis-server process. */
export interface RedisNode {
  readonly port: number;
  readonly address: string;
  /** Kills the process (SIGKILL: a crash, not a shutdown). */
  kill(): void;
  /** Starts it again on the same port and data directory. */
  restart(): Promise<void>;
}

class Processes {
  readonly dir = mkdtempSync(join(tmpdir(), 'alisms-redis-'));
  private readonly children = new Set<ChildProcess>();

  constructor() {
    // A test process that exits early (a timed-out test) must not leave redis-server processes behind.
    process.once('exit', () => this.stop());
  }

  async node(args: string[], ready = true): Promise<RedisNode> {
    let port = 0;
    const start = async () => {
      const child = spawn('redis-server', [...args.map((a) => a.replaceAll('{port}', String(port)))], {
        cwd: this.dir,
        stdio: 'ignore',
      });
      this.children.add(child);
      let exited = false;
      child.once('exit', () => {
        exited = true;
        this.children.delete(child);
      });
      if (ready)
        await until(`redis-server on ${port}`, async () => {
          // A server that could not bind (another test file took the port since the probe) exits at once.
          if (exited) throw new PortLost(port);
          return (await cli(port, 'ping')).trim() === 'PONG';
        });
      return child;
    };
    let child: ChildProcess | undefined;
    for (let attempt = 1; child === undefined; attempt++) {
      port = await freePort();
      try {
        child = await start();
      } catch (error) {
        if (!(error instanceof PortLost) || attempt >= 5) throw error;
      }
    }
    let current: ChildProcess = child;
    return {
      port,
      address: `${HOST}:${port}`,
      kill: () => current.kill('SIGKILL'),
      restart: async () => {
        current = await start();
      },
    };
  }

  stop(): void {
    for (const child of this.children) child.kill('SIGKILL');
    rmSync(this.dir, { recursive: true, force: true });
  }
}

// No diskless-sync delay: a fresh replica is in sync in milliseconds instead of the default 5 s.
const COMMON = [
  '--bind',
  HOST,
  '--port',
  '{port}',
  '--save',
  '',
  '--appendonly',
  'no',
  '--protected-mode',
  'no',
  '--repl-diskless-sync-delay',
  '0',
];

/** A running Redis Cluster. */
export interface TestCluster {
  /** `HOST:PORT` of every node, the form `redis.cluster` takes. */
  readonly addresses: string[];
  readonly nodes: RedisNode[];
  /** The node that is master of `slot` now, per the cluster itself. */
  masterOf(slot: number): Promise<RedisNode>;
  /** Waits until every live node reports `cluster_state:ok`. */
  healthy(): Promise<void>;
  stop(): void;
}

/**
 * Starts `masters` masters with `replicasEach` replicas each (`--cluster-enabled yes`), joins them with
 * `redis-cli --cluster create … --cluster-yes` and waits for the cluster to be healthy. A short node
 * timeout makes a killed master fail over in a few seconds.
 */
export async function startCluster(masters = 3, replicasEach = 1, nodeTimeoutMs = 1000): Promise<TestCluster> {
  const processes = new Processes();
  try {
    const nodes: RedisNode[] = [];
    const args = [
      ...COMMON,
      '--cluster-enabled',
      'yes',
      '--cluster-config-file',
      'nodes-{port}.conf',
      '--cluster-node-timeout',
      String(nodeTimeoutMs),
    ];
    for (let i = 0; i < masters * (1 + replicasEach); i++) nodes.push(await processes.node(args));
    await run('redis-cli', [
      '--cluster',
      'create',
      ...nodes.map((n) => n.address),
      '--cluster-replicas',
      String(replicasEach),
      '--cluster-yes',
    ]);
    const alive = new Set(nodes);
    for (const node of nodes) {
      const { kill, restart } = node;
      Object.assign(node, {
        kill: () => {
          alive.delete(node);
          kill();
        },
        // It comes back with its nodes.conf and rejoins, as a replica of whoever took its slots.
        restart: async () => {
          await restart();
          alive.add(node);
        },
      });
    }
    const healthy = () =>
      until('cluster_state:ok on every node', async () => {
        for (const node of alive)
          if (!(await cli(node.port, 'cluster', 'info')).includes('cluster_state:ok')) return false;
        // Every replica must be attached again, or a second failover would find none.
        const lines = (await cli([...alive][0]!.port, 'cluster', 'nodes')).trim().split('\n');
        const flags = lines.map((l) => l.split(' ')[2] ?? '');
        const up = (role: string) => flags.filter((f) => f.split(',').includes(role) && !f.includes('fail')).length;
        if (up('master') !== masters || up('slave') !== alive.size - masters) return false;
        // …and in sync, or a write would wait for a replica still loading.
        for (const node of alive) {
          const info = await cli(node.port, 'info', 'replication');
          if (info.includes('role:slave') && !info.includes('master_link_status:up')) return false;
        }
        return true;
      });
    await healthy();
    return {
      addresses: nodes.map((n) => n.address),
      nodes,
      healthy,
      async masterOf(slot) {
        const live = [...alive][0]!;
        const slots = JSON.parse(
          (await run('redis-cli', ['-h', HOST, '-p', String(live.port), '--json', 'cluster', 'slots'])).stdout,
        ) as [number, number, [string, number, ...unknown[]], ...unknown[]][];
        const range = slots.find(([from, to]) => slot >= from && slot <= to);
        const port = range?.[2][1];
        const node = nodes.find((n) => n.port === port);
        if (!node) throw new Error(`no master for slot ${slot}`);
        return node;
      },
      stop: () => processes.stop(),
    };
  } catch (error) {
    processes.stop();
    throw error;
  }
}

/** A running master + replica under three sentinels. */
export interface TestSentinel {
  readonly masterName: string;
  /** `HOST:PORT` of the three sentinels, the form `redis.sentinels` takes. */
  readonly sentinels: string[];
  readonly master: RedisNode;
  readonly replica: RedisNode;
  /** The port of the master the sentinels name now. */
  currentMasterPort(): Promise<number>;
  stop(): void;
}

/** Starts a master, a replica of it and three sentinels (quorum 2) with a 1 s down-after. */
export async function startSentinel(masterName = 'alisms'): Promise<TestSentinel> {
  const processes = new Processes();
  try {
    const master = await processes.node(COMMON);
    const replica = await processes.node([...COMMON, '--replicaof', HOST, String(master.port)]);
    await until('the replica to sync', async () =>
      (await cli(replica.port, 'info', 'replication')).includes('master_link_status:up'),
    );
    const sentinels: RedisNode[] = [];
    for (let i = 0; i < 3; i++) {
      // A sentinel rewrites its config file, so each one gets its own.
      const file = join(processes.dir, `sentinel-${i}.conf`);
      writeFileSync(
        file,
        [
          `bind ${HOST}`,
          'protected-mode no',
          `sentinel monitor ${masterName} ${HOST} ${master.port} 2`,
          `sentinel down-after-milliseconds ${masterName} 1000`,
          `sentinel failover-timeout ${masterName} 3000`,
          `sentinel parallel-syncs ${masterName} 1`,
          '',
        ].join('\n'),
      );
      sentinels.push(await processes.node([file, '--sentinel', '--port', '{port}']));
    }
    // Each sentinel must know the replica and the two other sentinels before a failover can be agreed.
    for (const s of sentinels)
      await until('sentinels to discover each other and the replica', async () => {
        const info = await cli(s.port, 'sentinel', 'master', masterName);
        const field = (name: string) => Number(info.split('\n')[info.split('\n').indexOf(name) + 1]);
        return field('num-slaves') >= 1 && field('num-other-sentinels') >= 2;
      });
    return {
      masterName,
      sentinels: sentinels.map((s) => s.address),
      master,
      replica,
      async currentMasterPort() {
        for (const s of sentinels) {
          const reply = await cli(s.port, 'sentinel', 'get-master-addr-by-name', masterName).catch(() => '');
          const port = Number(reply.trim().split('\n')[1]);
          if (port) return port;
        }
        throw new Error('no sentinel answered');
      },
      stop: () => processes.stop(),
    };
  } catch (error) {
    processes.stop();
    throw error;
  }
}

/** A plain client to one node, for test assertions (not fail-closed). */
export function nodeClient(node: RedisNode): Redis {
  return new Redis({ host: HOST, port: node.port, lazyConnect: false, maxRetriesPerRequest: 1 });
}
