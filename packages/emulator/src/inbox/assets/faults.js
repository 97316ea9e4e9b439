// Fault injection from the page: the active faults at a glance, and a dialog to add or remove them.

import { addFault, clearFaults, listFaults, removeFault } from './api.js';
import { $, h } from './dom.js';

const KIND_TEXT = {
  http5xx: 'HTTP 5xx',
  throttling: 'Throttling',
  latency: 'Latency',
  timeout: 'Timeout',
  drop: 'Drop',
};

function describe(f) {
  const parts = [`${f.action === '*' ? 'Any action' : f.action}: ${KIND_TEXT[f.kind] || f.kind}`];
  if (f.status) parts.push(String(f.status));
  if (f.ms !== undefined) parts.push(`${f.ms} ms`);
  if (f.probability < 1) parts.push(`${Math.round(f.probability * 100)}%`);
  parts.push(f.remaining === undefined ? 'every call' : `${f.remaining} left`);
  return parts.join(' · ');
}

let faults = [];

function render(onError) {
  const banner = $('faults-banner');
  banner.hidden = faults.length === 0;
  banner.replaceChildren(
    h('strong', {}, `${faults.length} fault${faults.length === 1 ? '' : 's'} active:`),
    ` ${faults.map(describe).join('; ')} `,
    h('button', { type: 'button', class: 'link', onclick: () => openDialog(onError) }, 'Manage'),
  );
  const button = $('faults-button');
  button.textContent = faults.length ? `Faults (${faults.length})` : 'Faults';
  button.dataset.active = String(faults.length > 0);
  $('faults-list').replaceChildren(
    ...(faults.length === 0
      ? [h('li', { class: 'hint' }, 'No fault is active: every call is answered normally.')]
      : faults.map((f) =>
          h(
            'li',
            { 'data-fault': f.id },
            h('span', {}, describe(f)),
            h(
              'button',
              {
                type: 'button',
                class: 'danger',
                'aria-label': `Remove fault ${describe(f)}`,
                onclick: () => change(() => removeFault(f.id), onError),
              },
              'Remove',
            ),
          ),
        )),
  );
}

async function change(action, onError) {
  try {
    await action();
  } catch (error) {
    onError(error);
  }
  await refreshFaults(onError);
}

/** Reloads the active faults (they also change from tests and the CLI, so the page asks again often). */
export async function refreshFaults(onError) {
  try {
    faults = (await listFaults()).faults;
  } catch (error) {
    onError(error);
  }
  render(onError);
}

function openDialog(onError) {
  /** @type {HTMLDialogElement} */ ($('faults-dialog')).showModal();
  void refreshFaults(onError);
}

/** Wires the Faults button, the dialog's form, and a refresh when the window regains focus. */
export function initFaults(onError) {
  $('faults-button').addEventListener('click', () => openDialog(onError));
  $('faults-clear').addEventListener('click', () => change(() => clearFaults(), onError));
  const form = /** @type {HTMLFormElement} */ ($('fault-form'));
  form.addEventListener('submit', (e) => {
    e.preventDefault();
    const data = new FormData(form);
    const fault = { action: data.get('action'), kind: data.get('kind') };
    const ms = String(data.get('ms') || '');
    const count = String(data.get('count') || '');
    const probability = Number(data.get('probability') || 1);
    if (ms && ['latency', 'throttling'].includes(fault.kind)) fault.ms = Number(ms);
    if (count) fault.count = Number(count);
    if (probability < 1) fault.probability = probability;
    void change(() => addFault(fault), onError);
  });
  window.addEventListener('focus', () => refreshFaults(onError));
  setInterval(() => refreshFaults(onError), 10_000);
  return refreshFaults(onError);
}
