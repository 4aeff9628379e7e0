import { Command, CommanderError } from 'commander';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { orgSortColumns, orgStatuses } from '../../shared/org-query';
import { exportOptions, exportRequest, type ExportOptions } from './export-command';

/** The export command's options parsed as the CLI parses them, without running it. */
function parse(args: string[]): ExportOptions {
  const command = exportOptions(new Command('export').exitOverride().configureOutput({ writeErr: () => {} }));
  command.parse(args, { from: 'user' });
  return command.opts<ExportOptions>();
}

describe('export --start, --limit and --labels', () => {
  it('mean what orgs:export means by start, limit and labels, beside any filter and sort', () => {
    fc.assert(
      fc.property(
        fc.record(
          {
            start: fc.nat({ max: 2_000_000 }),
            limit: fc.integer({ min: 1, max: 2_000_000 }),
            labels: fc.constant(true),
            sector: fc.constantFrom('pe_energy', 'pe_healthcare'),
            status: fc.constantFrom(...orgStatuses),
            sort: fc.constantFrom(...orgSortColumns),
            dir: fc.constantFrom('asc', 'desc'),
          },
          { requiredKeys: [] },
        ),
        (given) => {
          const args = Object.entries(given).flatMap(([name, value]) =>
            value === true ? [`--${name}`] : [`--${name}`, String(value)],
          );
          const request = exportRequest(parse([...args, '--out', 'x.csv']));
          expect(request).toMatchObject({
            start: given.start,
            limit: given.limit,
            labels: given.labels,
            focus_group_id: given.sector ?? null,
            status: given.status ?? null,
            sort: given.sort ?? 'legal_name',
            dir: given.dir ?? 'asc',
            format: 'csv',
          });
        },
      ),
    );
  });

  it('refuses a start or a limit that is not a whole number in range, as a usage error', () => {
    fc.assert(
      fc.property(
        fc.constantFrom('--start', '--limit'),
        fc.oneof(
          fc.constantFrom('-1', '1.5', '1e3', '', ' 3', 'ten', '0x10', '99999999999999999999'),
          fc.string().filter((text) => !/^\d+$/.test(text)),
        ),
        (option, value) => {
          expect(() => parse([option, value, '--out', 'x.csv'])).toThrow(CommanderError);
        },
      ),
    );
    expect(() => parse(['--limit', '0', '--out', 'x.csv'])).toThrow(/--limit must be an integer ≥ 1/);
    expect(parse(['--start', '0', '--out', 'x.csv']).start).toBe(0);
  });
});
