import { maskPhone, SmsClient, type SmsSendDetail } from 'alisms';
import { type CliIo, EXIT, UsageError } from './io.js';
import type { RegisterCommand } from './run.js';
import { type ConnectionFlags, clientOptionsFrom, withConnectionOptions } from './shared/client.js';
import { reportError } from './shared/errors.js';
import { formatTable } from './shared/table.js';

interface QueryFlags extends ConnectionFlags {
  phone: string;
  date?: string;
  bizId?: string;
  pageSize: string;
  page: string;
  json?: boolean;
}

const STATUS: Readonly<Record<number, string>> = { 1: 'waiting', 2: 'failed', 3: 'delivered' };

/** `yyyy-MM-dd HH:mm:ss` in China time (UTC+8), as Aliyun's console shows it. */
function chinaTime(date: Date | undefined): string {
  if (!date) return '';
  return new Date(date.getTime() + 8 * 3_600_000).toISOString().slice(0, 19).replace('T', ' ');
}

function positiveInt(value: string, flag: string): number {
  const n = Number(value);
  if (!Number.isInteger(n) || n < 1) throw new UsageError(`${flag} must be a positive integer, got "${value}"`);
  return n;
}

/** `alisms query`: one page of QuerySendDetails as a table (or JSON). */
export const register: RegisterCommand = (program, io, setExit) => {
  withConnectionOptions(
    program
      .command('query')
      .summary('show delivery records of one number on one day (QuerySendDetails)')
      .description('Lists what was sent to one number on one day and whether it arrived (QuerySendDetails).')
      .addHelpText(
        'after',
        '\nStatus is waiting (no receipt yet), failed or delivered; message content only appears with --json.\n\n' +
          'Examples:\n  alisms query --phone 13800138000\n  alisms query --phone 13800138000 --date 20261122 --biz-id 900619746936498440^0 --json\n',
      )
      .requiredOption('--phone <number>', 'one phone number')
      .option('--date <yyyyMMdd>', 'day sent, China time, within the last 30 days (default: today)')
      .option('--biz-id <id>', 'only the send with this BizId')
      .option('--page-size <n>', 'records per page, 1-50', '50')
      .option('--page <n>', 'page number, from 1', '1')
      .option('--json', 'print the result as JSON (includes message content)'),
  ).action(async (flags: QueryFlags) => setExit(await query(flags, io)));
};

async function query(flags: QueryFlags, io: CliIo): Promise<number> {
  let client: SmsClient | undefined;
  try {
    if (flags.date !== undefined && !/^\d{8}$/.test(flags.date))
      throw new UsageError(`--date must be yyyyMMdd, e.g. 20261122, got "${flags.date}"`);
    const pageSize = positiveInt(flags.pageSize, '--page-size');
    const currentPage = positiveInt(flags.page, '--page');
    client = new SmsClient(clientOptionsFrom(flags, io));
    const result = await client.querySendDetails({
      phoneNumber: flags.phone,
      sendDate: flags.date ?? new Date(),
      pageSize,
      currentPage,
      ...(flags.bizId === undefined ? {} : { bizId: flags.bizId }),
    });
    if (flags.json) {
      const { totalCount, details, requestId } = result;
      io.stdout.write(`${JSON.stringify({ totalCount, requestId, details }, null, 2)}\n`);
      return EXIT.ok;
    }
    io.stdout.write(`${renderDetails(result.details)}\n`);
    const shown = result.details.length;
    io.stdout.write(`${shown} of ${result.totalCount} record(s), page ${currentPage}; RequestId ${result.requestId}\n`);
    return EXIT.ok;
  } catch (error) {
    return reportError(error, io, 'QuerySendDetails', [], flags.endpoint ?? io.env.ALISMS_ENDPOINT);
  } finally {
    client?.close();
  }
}

/** The table of records. Content is left out: it may hold a verification code (use --json to see it). */
export function renderDetails(details: readonly SmsSendDetail[]): string {
  if (details.length === 0) return 'no records for this number on that day';
  const rows = details.map((d) => [
    maskPhone(d.phoneNumber),
    STATUS[d.sendStatus] ?? String(d.sendStatus),
    d.errCode ?? '',
    d.templateCode ?? '',
    chinaTime(d.sendDate),
    chinaTime(d.receiveDate),
    d.outId ?? '',
  ]);
  return formatTable(['phone', 'status', 'code', 'template', 'sent (UTC+8)', 'received (UTC+8)', 'out id'], rows);
}
