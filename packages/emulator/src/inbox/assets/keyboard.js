// Keyboard shortcuts (listed in docs/inbox.md): j / ↓ next conversation, k / ↑ previous,
// / search, Delete (or Backspace on a Mac keyboard) delete the open conversation, after a confirmation.

function typing(target) {
  const el = /** @type {HTMLElement} */ (target);
  return el?.closest?.('input, textarea, select, [contenteditable="true"], dialog[open]') != null;
}

/** `move(+1 | -1)`, `search()`, `remove()` are the page's; keys typed into a field are left alone. */
export function initKeyboard({ move, search, remove }) {
  document.addEventListener('keydown', (e) => {
    if (e.defaultPrevented || e.ctrlKey || e.metaKey || e.altKey || typing(e.target)) return;
    // Arrows keep scrolling a long conversation when focus is in it; j/k work everywhere.
    const arrows = !(/** @type {HTMLElement} */ (e.target)?.closest?.('#conversation'));
    if (e.key === 'j' || (arrows && e.key === 'ArrowDown')) move(1);
    else if (e.key === 'k' || (arrows && e.key === 'ArrowUp')) move(-1);
    else if (e.key === '/') search();
    else if (e.key === 'Delete' || e.key === 'Backspace') remove();
    else return;
    e.preventDefault();
  });
}
