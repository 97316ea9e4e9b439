import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { type Batch, Batcher } from './batcher.js';
import type { ValidRow } from './validate.js';

function pack(rows: ValidRow[]): Batch[] {
  const batcher = new Batcher();
  return [...rows.flatMap((r) => batcher.push(r)), ...batcher.flush()];
}
const phone = (i: number) => `138${String(i).padStart(8, '0')}`;

describe('Batcher', () => {
  it('packs rows with identical params into SendSms calls of up to 1000 numbers', () => {
    const rows = Array.from({ length: 2500 }, (_, i) => ({ row: i + 1, phone: phone(i), params: { shop: 'A' } }));
    const batches = pack(rows);
    assert.deepEqual(
      batches.map((b) => [b.action, b.rows.length]),
      [
        ['SendSms', 1000],
        ['SendSms', 1000],
        ['SendSms', 500],
      ],
    );
  });

  it('packs rows with per-row params into SendBatchSms calls of up to 100', () => {
    const rows = Array.from({ length: 250 }, (_, i) => ({ row: i + 1, phone: phone(i), params: { name: `n${i}` } }));
    const batches = pack(rows);
    assert.deepEqual(
      batches.map((b) => b.action),
      ['SendBatchSms', 'SendBatchSms', 'SendBatchSms'],
    );
    assert.deepEqual(
      batches.map((b) => b.rows.length),
      [100, 100, 50],
    );
    assert.deepEqual(
      batches.map((b) => b.seq),
      [0, 1, 2],
    );
  });

  it('closes a large uniform batch when a row with other params arrives', () => {
    const rows = [
      ...Array.from({ length: 150 }, (_, i) => ({ row: i + 1, phone: phone(i), params: { shop: 'A' } })),
      { row: 151, phone: phone(151), params: { shop: 'B' } },
    ];
    assert.deepEqual(
      pack(rows).map((b) => [b.action, b.rows.length]),
      [
        ['SendSms', 150],
        ['SendSms', 1],
      ],
    );
  });

  it('never puts the same number twice in one call', () => {
    const rows = [1, 2, 1, 3].map((n, i) => ({ row: i + 1, phone: phone(n), params: { x: 'y' } }));
    const batches = pack(rows);
    assert.equal(batches.length, 2);
    for (const b of batches) assert.equal(new Set(b.rows.map((r) => r.phone)).size, b.rows.length);
  });

  it('is deterministic: the same rows give the same batches', () => {
    const rows = Array.from({ length: 777 }, (_, i) => ({
      row: i + 1,
      phone: phone(i % 500),
      params: { v: String(i % 3) },
    }));
    assert.deepEqual(pack(rows), pack(rows));
  });
});
