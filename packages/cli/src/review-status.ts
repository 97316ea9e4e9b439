import { type ReviewState, SmsManagementClient } from 'alisms';
import type { Command } from 'commander';
import { type CliIo, EXIT } from './io.js';
import type { RegisterCommand } from './run.js';
import { type ConnectionFlags, clientOptionsFrom, withConnectionOptions } from './shared/client.js';
import { reportError } from './shared/errors.js';
import { formatTable } from './shared/table.js';

interface StatusFlags extends ConnectionFlags {
  json?: boolean;
}

/** One review view: the rows of the table, and the JSON. */
interface ReviewView {
  rows: [string, string][];
  json: Record<string, unknown>;
  state: ReviewState;
}

const DATE = (d: Date | undefined) =>
  d ? new Date(d.getTime() + 8 * 3_600_000).toISOString().slice(0, 19).replace('T', ' ') : '';

/** What to do next, per review state. */
const NEXT: Readonly<Record<ReviewState, string>> = {
  pending: 'in review: check again later',
  approved: 'approved: ready to send with',
  rejected: 'rejected: fix it and resubmit (UpdateSmsSign / UpdateSmsTemplate)',
  cancelled: 'withdrawn: submit it again',
  unknown: 'unknown state: see --json',
};

function command(program: Command, name: string, arg: string, summary: string): Command {
  return withConnectionOptions(
    program
      .command(`${name} <${arg}>`)
      .summary(summary)
      .description(`${summary}. Exit code 0 when approved, 1 otherwise (pending, rejected, or an API error).`)
      .option('--json', 'print the result as JSON'),
  );
}

async function show(
  io: CliIo,
  flags: StatusFlags,
  action: string,
  load: (sms: SmsManagementClient) => Promise<ReviewView>,
) {
  let client: SmsManagementClient | undefined;
  try {
    client = new SmsManagementClient(clientOptionsFrom(flags, io));
    const view = await load(client);
    if (flags.json) io.stdout.write(`${JSON.stringify(view.json, null, 2)}\n`);
    else io.stdout.write(`${formatTable(['field', 'value'], view.rows)}\n${NEXT[view.state]}\n`);
    return view.state === 'approved' ? EXIT.ok : EXIT.apiError;
  } catch (error) {
    return reportError(error, io, action);
  } finally {
    client?.close();
  }
}

/** `alisms sign-status <name>` and `alisms template-status <code>`: the review state from GetSmsSign / GetSmsTemplate. */
export const register: RegisterCommand = (program, io, setExit) => {
  command(program, 'sign-status', 'name', 'show the review state of a sign (GetSmsSign)').action(
    async (signName: string, flags: StatusFlags) =>
      setExit(
        await show(io, flags, 'GetSmsSign', async (sms) => {
          const r = await sms.getSmsSign({ signName });
          return {
            state: r.state,
            rows: [
              ['sign', r.signName],
              ['state', r.state],
              ['reason', r.rejectInfo ?? ''],
              ['decided', DATE(r.auditDate)],
              ['submitted', DATE(r.createDate)],
              ['order', r.orderId ?? ''],
              ['requestId', r.requestId],
            ],
            json: {
              signName: r.signName,
              state: r.state,
              signStatus: r.signStatus,
              rejectInfo: r.rejectInfo ?? null,
              auditDate: r.auditDate ?? null,
              createDate: r.createDate ?? null,
              orderId: r.orderId ?? null,
              requestId: r.requestId,
            },
          };
        }),
      ),
  );
  command(program, 'template-status', 'code', 'show the review state of a template (GetSmsTemplate)').action(
    async (templateCode: string, flags: StatusFlags) =>
      setExit(
        await show(io, flags, 'GetSmsTemplate', async (sms) => {
          const r = await sms.getSmsTemplate({ templateCode });
          return {
            state: r.state,
            rows: [
              ['template', r.templateCode],
              ['name', r.templateName ?? ''],
              ['state', r.state],
              ['reason', r.rejectInfo ?? ''],
              ['decided', DATE(r.auditDate)],
              ['content', r.templateContent ?? ''],
              ['requestId', r.requestId],
            ],
            json: {
              templateCode: r.templateCode,
              templateName: r.templateName ?? null,
              state: r.state,
              templateStatus: r.templateStatus,
              rejectInfo: r.rejectInfo ?? null,
              auditDate: r.auditDate ?? null,
              templateContent: r.templateContent ?? null,
              relatedSignName: r.relatedSignName ?? null,
              requestId: r.requestId,
            },
          };
        }),
      ),
  );
};
