import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { formatIntlReportTime, formatReportTime } from './time-format.js';

describe('receipt time formats (UTC+8)', () => {
  it('writes yyyy-MM-dd HH:mm:ss shifted to China time, across a date change', () => {
    assert.equal(formatReportTime(Date.UTC(2026, 0, 15, 18, 3, 4)), '2026-01-16 02:03:04');
    assert.equal(formatReportTime('2026-12-31T16:00:00.000Z'), '2027-01-01 00:00:00');
  });

  it('writes the international format of the spec example', () => {
    assert.equal(formatIntlReportTime(Date.UTC(2021, 10, 25, 2, 27, 0)), 'Thu, 25 Nov 2021 10:27:00 +0800');
    assert.equal(formatIntlReportTime(new Date(Date.UTC(2026, 1, 28, 20, 5, 9))), 'Sun, 01 Mar 2026 04:05:09 +0800');
  });
});
