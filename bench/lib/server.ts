// The benchmark's loopback "Aliyun": answers every request with a SendSms success body over keep-alive.
// Runs in its own process (started by bench/sdk.ts) so its CPU never counts against a client.
// Node built-ins only: it is transpiled and run with plain node, like the client children.
import { createServer } from 'node:http';

const BODY = JSON.stringify({
  RequestId: 'F655A8D5-B967-440B-8683-DAD6FF8DE990',
  Message: 'OK',
  BizId: '900619746936498440^0',
  Code: 'OK',
});
const HEADERS = {
  'content-type': 'application/json;charset=utf-8',
  'content-length': String(Buffer.byteLength(BODY)),
  connection: 'keep-alive',
};

// A round trip to Aliyun over the internet takes 20–100 ms: --latency holds every answer that long,
// to compare the clients where a user would notice a difference.
const LATENCY_MS = Number(process.env.ALISMS_BENCH_LATENCY_MS ?? 0);

const server = createServer((req, res) => {
  // Drain the request first: a client that sends a form body must see it consumed before the answer.
  req.on('data', () => {});
  req.on('end', () => {
    const answer = () => {
      res.writeHead(200, HEADERS);
      res.end(BODY);
    };
    if (LATENCY_MS > 0) setTimeout(answer, LATENCY_MS);
    else answer();
  });
});
server.keepAliveTimeout = 60_000;
server.headersTimeout = 61_000;
server.listen(0, '127.0.0.1', () => {
  const address = server.address();
  if (address && typeof address === 'object') process.stdout.write(`LISTENING ${address.port}\n`);
});
// The parent closes our stdin when it is done; that is our signal to stop.
process.stdin.resume();
process.stdin.on('end', () => server.close(() => process.exit(0)));
process.stdin.on('close', () => process.exit(0));
