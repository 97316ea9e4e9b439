// Modal dialogs of the inbox: the delete confirmation and the raw exchange view.

import { emlUrl, getRaw } from './api.js';
import { $, h } from './dom.js';

/** Asks before something destructive; resolves true when the user confirms. */
export function confirmDialog(title, text, confirmLabel = 'Delete') {
  const dialog = /** @type {HTMLDialogElement} */ ($('confirm'));
  $('confirm-title').textContent = title;
  $('confirm-text').textContent = text;
  $('confirm-ok').textContent = confirmLabel;
  dialog.returnValue = '';
  dialog.showModal();
  return new Promise((resolve) => {
    dialog.addEventListener('close', () => resolve(dialog.returnValue === 'ok'), { once: true });
  });
}

function table(caption, record) {
  const rows = Object.entries(record || {}).map(([k, v]) => h('tr', {}, h('th', { scope: 'row' }, k), h('td', {}, v)));
  return h(
    'table',
    { class: 'raw-table' },
    h('caption', {}, caption),
    h('tbody', {}, rows.length ? rows : h('tr', {}, h('td', { colspan: 2 }, '(none)'))),
  );
}

/** Shows the call that created `message` and the emulator's answer, secrets already redacted by the API. */
export async function showRaw(message) {
  const dialog = /** @type {HTMLDialogElement} */ ($('raw-dialog'));
  const body = $('raw-body');
  body.replaceChildren(h('p', { class: 'hint' }, 'Loading…'));
  dialog.showModal();
  let raw;
  try {
    raw = await getRaw(message.id);
  } catch (error) {
    body.replaceChildren(h('p', { class: 'hint' }, error.message));
    return;
  }
  const req = raw.request;
  body.replaceChildren(
    h(
      'section',
      { class: 'raw-section', 'aria-label': 'Request' },
      h('h3', {}, 'Request'),
      h(
        'p',
        { class: 'raw-line' },
        h('code', {}, `${req.method} ${req.action || '(no action)'}`),
        ` · Version ${req.version || '?'} · ${req.scheme === 'v3' ? 'V3 (ACS3-HMAC-SHA256)' : `RPC v1 (${req.params.SignatureMethod || 'HMAC-SHA1'})`}`,
      ),
      table('Parameters', req.params),
      table('Headers', req.headers),
    ),
    h(
      'section',
      { class: 'raw-section', 'aria-label': 'Response' },
      h('h3', {}, `Response · HTTP ${raw.response.status}`),
      h('pre', { class: 'raw-json' }, JSON.stringify(raw.response.body, null, 2)),
    ),
    ...(message.product === 'mail'
      ? [h('p', {}, h('a', { href: emlUrl(message.id), download: '', class: 'tool' }, 'Download .eml'))]
      : []),
  );
}
