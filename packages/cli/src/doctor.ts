import {
  describeCredentialSource,
  isAlismsError,
  isAliyunApiError,
  resolveEndpoint,
  SMS_ENDPOINTS,
  SmsClient,
} from 'alisms';
import { type CliIo, EXIT } from './io.js';
import type { RegisterCommand } from './run.js';
import { type ConnectionFlags, clientOptionsFrom, withConnectionOptions } from './shared/client.js';
import { clockSkewMs, MAX_SKEW_MS, type ProbeResult, probeEndpoint, WARN_SKEW_MS } from './shared/probe.js';

type Verdict = 'ok' | 'warn' | 'FAIL';
interface Check {
  verdict: Verdict;
  name: string;
  detail: string;
}

/** Aliyun codes that mean the signed request was refused as such (everything else proves the signature passed). */
const AUTH_CODES =
  /^(SignatureDoesNotMatch|IncompleteSignature|InvalidAccessKeyId|InvalidSecurityToken|InvalidTimeStamp|Forbidden|isp\.RAM_PERMISSION_DENY)/;

/** `alisms doctor`: credentials, endpoint reachability, clock skew and one signed call; exit 1 when any fails. */
export const register: RegisterCommand = (program, io, setExit) => {
  withConnectionOptions(
    program
      .command('doctor')
      .summary('check credentials, endpoint reachability and clock skew')
      .description('Checks credentials, the endpoint, the clock and one signed request; exit 1 when one fails.')
      .addHelpText(
        'after',
        '\nShows which credentials alisms would use (the secret is never shown), whether the endpoint\n' +
          'answers, how far this machine’s clock is from the endpoint’s (Aliyun allows 15 minutes), and\n' +
          'whether a signed QuerySendDetails is accepted.\n\nExample:\n  alisms doctor --endpoint http://127.0.0.1:8787\n',
      )
      .option('--no-signed-call', 'skip the signed QuerySendDetails call')
      .option('--json', 'print the checks as one JSON object: { ok, checks: [{ verdict, name, detail }] }'),
  ).action(async (flags: DoctorFlags) => setExit(await doctor(flags, io)));
};

type DoctorFlags = ConnectionFlags & { signedCall: boolean; json?: boolean };

/**
 * What an unsigned `GET /` says about the endpoint. Aliyun answers it with an error (HTTP 4xx and a JSON
 * body with `Code` and `RequestId`): that is the expected answer, and proves an Aliyun API is there. A
 * 5xx, or a body that is not Aliyun's (a proxy's or a captive portal's page), is not.
 */
function endpointCheck(shown: string, probe: ProbeResult): Check {
  const took = `in ${probe.elapsedMs.toFixed(0)} ms`;
  if (probe.status >= 500)
    return {
      verdict: 'FAIL',
      name: 'endpoint',
      detail: `${shown} answered HTTP ${probe.status} ${took}: a server error there (or in a proxy before it)`,
    };
  if (probe.aliyunCode !== undefined)
    return {
      verdict: 'ok',
      name: 'endpoint',
      detail: `${shown} is reachable ${took} (an unsigned probe gets ${probe.aliyunCode}, as from Aliyun)`,
    };
  return {
    verdict: 'warn',
    name: 'endpoint',
    detail:
      `${shown} answered HTTP ${probe.status} (${probe.contentType ?? 'no content type'}) ${took}, but not like ` +
      'Aliyun: check --endpoint / $ALISMS_ENDPOINT (a proxy or another server may be answering)',
  };
}

async function doctor(flags: DoctorFlags, io: CliIo): Promise<number> {
  const checks: Check[] = [];
  const options = clientOptionsFrom(flags, io);

  let haveCredentials = false;
  try {
    const found = await describeCredentialSource(options.credentials as NonNullable<typeof options.credentials>);
    const token = found.hasSecurityToken
      ? `STS token${found.expiration ? ` until ${found.expiration}` : ''}`
      : 'no STS token';
    checks.push({
      verdict: 'ok',
      name: 'credentials',
      detail: `${found.source}: AccessKey ID ${found.accessKeyId}, ${token}`,
    });
    haveCredentials = true;
  } catch (error) {
    checks.push({
      verdict: 'FAIL',
      name: 'credentials',
      detail: error instanceof Error ? error.message : String(error),
    });
  }

  let reachable = false;
  try {
    const endpoint = resolveEndpoint(
      { endpoint: flags.endpoint, regionId: options.regionId, env: io.env },
      SMS_ENDPOINTS,
    );
    const shown = `${endpoint.protocol}//${endpoint.host}`;
    const probe = await probeEndpoint(endpoint, Number(flags.connectTimeout ?? 5000));
    const check = endpointCheck(shown, probe);
    reachable = check.verdict !== 'FAIL';
    checks.push(check);
    const skew = clockSkewMs(probe);
    if (skew === undefined)
      checks.push({ verdict: 'warn', name: 'clock', detail: 'the endpoint sent no Date header to compare with' });
    else {
      const abs = Math.abs(skew);
      const seconds = `${(abs / 1000).toFixed(0)} s ${skew > 0 ? 'ahead of' : 'behind'} the endpoint`;
      if (abs >= MAX_SKEW_MS)
        checks.push({
          verdict: 'FAIL',
          name: 'clock',
          detail: `${seconds}: Aliyun rejects requests more than 15 min off (InvalidTimeStamp.Expired); sync the clock (NTP)`,
        });
      else if (abs >= WARN_SKEW_MS)
        checks.push({
          verdict: 'warn',
          name: 'clock',
          detail: `${seconds}; within Aliyun's 15 min, but worth syncing (NTP)`,
        });
      else
        checks.push({ verdict: 'ok', name: 'clock', detail: abs < 1500 ? 'within a second of the endpoint' : seconds });
    }
  } catch (error) {
    const reason = isAlismsError(error) || error instanceof Error ? error.message : String(error);
    checks.push({ verdict: 'FAIL', name: 'endpoint', detail: `not reachable: ${reason}` });
  }

  if (flags.signedCall && haveCredentials && reachable) checks.push(await signedCall(flags, io));

  const failed = checks.filter((c) => c.verdict === 'FAIL').length;
  if (flags.json) {
    io.stdout.write(`${JSON.stringify({ ok: failed === 0, checks })}\n`);
    return failed ? EXIT.apiError : EXIT.ok;
  }
  const width = 'signed call'.length; // the longest check name: columns stay put whichever checks ran
  for (const c of checks)
    io.stdout.write(`${c.verdict.padEnd(4)}  ${c.name.padEnd(width)}  ${c.detail.replace(/\n/g, '\n      ')}\n`);
  const warned = checks.filter((c) => c.verdict === 'warn').length;
  io.stdout.write(
    failed ? `${failed} check(s) failed\n` : warned ? `no check failed, ${warned} warning(s)\n` : 'all checks passed\n',
  );
  return failed ? EXIT.apiError : EXIT.ok;
}

/** A harmless signed read: any answer but an authentication refusal proves key, secret and clock work. */
async function signedCall(flags: ConnectionFlags, io: CliIo): Promise<Check> {
  const client = new SmsClient({ ...clientOptionsFrom(flags, io), retries: 0 });
  try {
    const result = await client.querySendDetails({ phoneNumber: '13800138000', sendDate: new Date(), pageSize: 1 });
    return { verdict: 'ok', name: 'signed call', detail: `QuerySendDetails accepted (RequestId ${result.requestId})` };
  } catch (error) {
    if (isAliyunApiError(error) && !AUTH_CODES.test(error.code))
      return {
        verdict: 'ok',
        name: 'signed call',
        detail: `signature accepted (QuerySendDetails answered ${error.code})`,
      };
    const what = isAliyunApiError(error)
      ? `${error.code} (RequestId ${error.requestId ?? 'none'})`
      : error instanceof Error
        ? error.message
        : String(error);
    return { verdict: 'FAIL', name: 'signed call', detail: `refused: ${what}` };
  } finally {
    client.close();
  }
}
