import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { Redis } from 'ioredis';
import { startCluster, type TestCluster, topologySuiteOptions } from '../../../test/helpers/redis-topology.js';
import { type Instance, startInstances, survivesFailover, waitFor } from './redis-failover.js';

describe('alisms serve on a Redis Cluster, through a master failover', topologySuiteOptions(), () => {
  let cluster: TestCluster;
  let instances: Instance[] = [];
  const prefix = `fo${Math.random().toString(36).slice(2, 8)}:`;
  before(async () => {
    cluster = await startCluster();
    instances = await startInstances(3, { cluster: cluster.addresses.slice(0, 2), prefix });
  });
  after(async () => {
    for (const i of instances) await i.service.close();
    cluster?.stop();
  });

  it('answers 503 while the slot has no master, recovers without a restart, approves and sends nothing twice', async () => {
    // Every OTP key shares the prefix's hash tag: one slot, one master to kill.
    const probe = new Redis({ host: '127.0.0.1', port: cluster.nodes[0]!.port });
    const slot = Number(await probe.cluster('KEYSLOT', `{${prefix}otp}:x`));
    probe.disconnect();
    const victim = await cluster.masterOf(slot);

    await survivesFailover(instances, {
      kill: () => victim.kill(),
      // A replica takes over the slot. It has no replica of its own until the dead node is back, and with
      // redis.waitForReplicas 1 (the Cluster default) a code nobody else holds is not granted meanwhile: the
      // service keeps failing closed until the node is restarted (as a supervisor or Kubernetes would).
      recover: async () => {
        await waitFor('a replica to take the slot', async () => (await cluster.masterOf(slot)).port !== victim.port);
        await victim.restart();
        await cluster.healthy();
      },
    });
  });

  it('reports healthy again after the failover', async () => {
    const res = await fetch(`${instances[0]!.service.url}/healthz`);
    assert.equal(res.status, 200);
  });
});
