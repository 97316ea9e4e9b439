// A cold start as a short-lived process (a serverless function, a CLI) sees it: `node
// first-answer-child.js <kind> <url>` times, from before anything is loaded, importing the client,
// building it and one SendSms answered by the server. Prints one JSON line and exits.
const started = performance.now();
const cpuBefore = process.cpuUsage();
const [kind, url] = process.argv.slice(2);
if (!kind || !url) throw new Error('usage: first-answer-child <kind> <url>');
// Loaded inside the timed window: whatever the bench's own client module loads (node:http) counts
// for every client alike.
const { CLIENT_KINDS, makeClient } = await import('./clients.js');
const known = CLIENT_KINDS.find((k) => k === kind);
if (!known) throw new Error(`unknown client "${kind}"`);
const send = await makeClient(known, url, 1);
await send();
const cpu = process.cpuUsage(cpuBefore);
process.stdout.write(
  `${JSON.stringify({ wallMs: performance.now() - started, cpuMs: (cpu.user + cpu.system) / 1000 })}\n`,
);
process.exit(0);
