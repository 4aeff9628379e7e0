import type { Command } from 'commander';
import { ASSESSED_ON, TALENT_CONCENTRATION, today } from '../../shared/assessment';
import type { OrgValue } from '../../shared/domain';
import { parseFieldText, type FieldSpec } from '../../shared/org-fields';
import { CommandError } from './command-error';

/** What `org add` and `org update` take besides the sector: `--set` pairs and the assessment's options. */
export interface ValueOptions {
  set: string[];
  score: string[];
  tc?: string;
  assessedOn?: string;
  /** False with --no-assessment: the organization's assessment is removed. */
  assessment: boolean;
}

const collect = (value: string, previous: string[] = []) => [...previous, value];

export function withValueOptions(command: Command): Command {
  return command
    .option('--set <column=value>', 'a value (repeat for each column)', collect, [])
    .option('--score <code=value>', 'a dimension score, 0-100 (repeat for each dimension)', collect, [])
    .option('--tc <value>', 'talent concentration TC, 0-1')
    .option('--assessed-on <YYYY-MM-DD>', 'the day of the assessment')
    .option('--no-assessment', 'remove the assessment (its scores, TC and day)');
}

function read(spec: FieldSpec, option: string, text: string): OrgValue {
  const parsed = parseFieldText({ ...spec, required: false }, text);
  if (!parsed.ok) throw new CommandError(`${option}: ${spec.label} ${parsed.reason}`, 2);
  return parsed.value;
}

function pair(option: string, text: string): [string, string] {
  const at = text.indexOf('=');
  if (at <= 0)
    throw new CommandError(`${option} ${text}: write ${option === '--set' ? 'column' : 'code'}=value`, 2);
  return [text.slice(0, at).trim(), text.slice(at + 1)];
}

/**
 * The options as typed values, each read by its field's rules (a usage error says which). `fields`
 * are the backend's, so that the scores are the dimensions the database has. A new organization's
 * assessment is dated today unless --assessed-on says otherwise, as the form does.
 */
export function optionValues(
  fields: FieldSpec[],
  options: ValueOptions,
  adding: boolean,
): Record<string, OrgValue> {
  const byName = new Map(fields.map((f) => [f.name, f]));
  const scores = fields.filter(
    (f) => f.assessment && f.kind === 'decimal' && f.name !== TALENT_CONCENTRATION,
  );
  const out: Record<string, OrgValue> = {};
  for (const text of options.set) {
    const [name, value] = pair('--set', text);
    const spec = byName.get(name);
    if (spec === undefined) throw new CommandError(`--set ${name}: no such column`, 2);
    out[name] = read(spec, `--set ${name}`, value);
  }
  for (const text of options.score) {
    const [code, value] = pair('--score', text);
    const spec = scores.find((f) => f.name === code);
    if (spec === undefined) {
      throw new CommandError(
        `--score ${code}: no such dimension (one of ${scores.map((f) => f.name).join(', ')})`,
        2,
      );
    }
    out[code] = read(spec, `--score ${code}`, value);
  }
  const tc = byName.get(TALENT_CONCENTRATION);
  const day = byName.get(ASSESSED_ON);
  if (options.tc !== undefined && tc) out[TALENT_CONCENTRATION] = read(tc, '--tc', options.tc);
  if (options.assessedOn !== undefined && day)
    out[ASSESSED_ON] = read(day, '--assessed-on', options.assessedOn);
  const assessing = fields.some((f) => f.assessment && out[f.name] !== undefined);
  if (!options.assessment) {
    if (assessing)
      throw new CommandError('--no-assessment removes the assessment: give no score, TC or day with it', 2);
    for (const f of fields) if (f.assessment) out[f.name] = null;
  } else if (adding && assessing && out[ASSESSED_ON] === undefined) {
    out[ASSESSED_ON] = today();
  }
  return out;
}
