import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { renderTemplate } from 'alisms';
import { renderMessage } from './template.js';
import { RowValidator } from './validate.js';

describe('RowValidator with a template text', () => {
  it('finds the variables the SDK and Aliyun find, dotted names included', () => {
    const validator = new RowValidator({ signName: 'Acme', templateText: 'Hi ${user.name}, code ${code}' });
    assert.deepEqual(validator.check({ row: 1, fields: { phone: '13800138000', code: '1234' } }), {
      row: 1,
      phone: '13800138000',
      reason: 'missing variable "user.name"',
    });
    const ok = validator.check({ row: 2, fields: { phone: '85291234567', code: '1234', 'user.name': 'Li' } });
    assert.deepEqual(ok, { row: 2, phone: '85291234567', params: { 'user.name': 'Li', code: '1234' } });
  });

  it('renders the message as the SDK renders the template', () => {
    const params = { 'user.name': 'Li', code: '1234' };
    assert.equal(
      renderMessage('Acme', 'Hi ${user.name}, code ${code}', params),
      `【Acme】${renderTemplate('Hi ${user.name}, code ${code}', params).text}`,
    );
    assert.equal(renderMessage('Acme', 'Hi ${user.name}', params), '【Acme】Hi Li');
  });
});
