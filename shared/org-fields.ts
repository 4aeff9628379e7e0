import type { OrgRow, OrgValue } from './domain';

/**
 * The columns an analyst writes, described by the schema's types (db/core/org-fields.ts builds them
 * from the reference configuration), and the one set of rules every door applies to a value: the
 * New organization form and the grid's editor before saving, `org add --set`, and each cell of an
 * import. The database's own CHECKs stay the last word; these say the same in words, first.
 */

export type FieldKind =
  'id' | 'text' | 'integer' | 'decimal' | 'boolean' | 'array' | 'choice' | 'sector' | 'timestamp' | 'date';

export interface FieldSpec {
  name: string;
  label: string;
  kind: FieldKind;
  /** null for the organization's own columns; else the sector whose attribute table holds it. */
  sector: string | null;
  required: boolean;
  /** A person edits it (the form, the grid, `org update`); ids and timestamps are the database's. */
  editable: boolean;
  /** Characters of a text, or of each item of a list. */
  maxLength: number | null;
  /** Inclusive bounds of a number. */
  min: number | null;
  max: number | null;
  /** A decimal's magnitude stays below this (its DECIMAL(p, s) precision: 10^(p-s)). */
  below: number | null;
  /** Decimals after the point a DECIMAL keeps. */
  scale: number | null;
  /** The values a CHECK allows (a choice), in the schema's order. */
  options: string[] | null;
  /** What the database writes when the value is left out. */
  defaultValue: string | null;
  /** Part of the organization's assessment (shared/assessment.ts), not a column of its rows. */
  assessment?: true;
}

export type Parsed = { ok: true; value: OrgValue } | { ok: false; reason: string };

const ok = (value: OrgValue): Parsed => ({ ok: true, value });
const fail = (reason: string): Parsed => ({ ok: false, reason });

const whole = new Intl.NumberFormat('en-US', { maximumFractionDigits: 20 });
const show = (n: number) => whole.format(n);

/** Code points, as VARCHAR(n) and SQLite's length() count them (a JS string's length counts UTF-16 units). */
export function characters(text: string): number {
  let n = 0;
  for (const _ of text) n++;
  return n;
}

// With the u flag a surrogate pair is one code point, so only a lone surrogate matches.
const loneSurrogate = /[\uD800-\uDFFF]/u;

function textProblem(text: string, maxLength: number | null): string | null {
  if (loneSurrogate.test(text)) return 'is not valid Unicode (it holds a lone surrogate)';
  for (let i = 0; i < text.length; i++) {
    const code = text.charCodeAt(i);
    if (code === 0) return 'contains a NUL character, which PostgreSQL cannot store';
    if ((code < 0x20 && code !== 0x09 && code !== 0x0a && code !== 0x0d) || code === 0x7f) {
      return 'contains a control character';
    }
  }
  const length = characters(text);
  if (maxLength !== null && length > maxLength) {
    return `is too long: at most ${show(maxLength)} characters (this has ${show(length)})`;
  }
  return null;
}

export const uuidPattern = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;
const sectorPattern = /^pe_[a-z0-9_]{1,47}$/;

/** PostgreSQL's INTEGER's largest value: a bound no one types, so rules say "or more" instead. */
const INT4_MAX = 2 ** 31 - 1;

function rangeProblem(spec: FieldSpec, n: number): string | null {
  const { min } = spec;
  const max = spec.max === INT4_MAX && min !== null && min >= 0 ? null : spec.max;
  if (spec.max === INT4_MAX && n > INT4_MAX) return `is too large: at most ${show(INT4_MAX)}`;
  if (min !== null && max !== null && (n < min || n > max)) {
    return `is out of range: from ${show(min)} to ${show(max)}`;
  }
  if (min !== null && n < min) return `must be ${show(min)} or more`;
  if (max !== null && n > max) return `is out of range: at most ${show(max)}`;
  if (spec.below !== null && Math.abs(n) >= spec.below) {
    return `is out of range: below ${show(spec.below)}${spec.min === null ? ' either way' : ''}`;
  }
  return null;
}

/** Digits after the point of a number as JavaScript writes it (1e-7 included). */
function decimalsOf(n: number): number {
  // Every import cell of a decimal column comes here: the common cases without splitting strings.
  if (Number.isInteger(n)) return 0;
  const text = String(n);
  if (!text.includes('e')) return text.length - text.indexOf('.') - 1;
  const [mantissa = '', exponent] = text.split('e');
  const fraction = mantissa.split('.')[1]?.length ?? 0;
  return Math.max(0, fraction - Number(exponent ?? 0));
}

/**
 * Whether a typed value fits the field: null when it does, else the reason in words. Values arrive
 * typed from JSON (the contract) or from `parseFieldText`.
 */
export function checkFieldValue(spec: FieldSpec, value: OrgValue | undefined): string | null {
  if (value === null || value === undefined) return spec.required ? 'is required' : null;
  switch (spec.kind) {
    case 'text':
      if (typeof value !== 'string') return 'must be text';
      return value === '' && spec.required ? 'is required' : textProblem(value, spec.maxLength);
    case 'id':
      return typeof value === 'string' && uuidPattern.test(value)
        ? null
        : 'must be an organization id (a lower-case UUID such as 0190a5b2-…)';
    case 'sector':
      return typeof value === 'string' && sectorPattern.test(value)
        ? null
        : 'must be a sector id such as pe_technology';
    case 'choice':
      return typeof value === 'string' && (spec.options ?? []).includes(value)
        ? null
        : `must be one of ${(spec.options ?? []).join(', ')}`;
    case 'boolean':
      return typeof value === 'boolean' ? null : 'must be yes or no';
    case 'integer':
      if (typeof value !== 'number' || !Number.isSafeInteger(value)) return 'must be a whole number';
      return rangeProblem(spec, value);
    case 'decimal': {
      if (typeof value !== 'number' || !Number.isFinite(value)) return 'must be a number';
      if (spec.scale !== null && decimalsOf(value) > spec.scale) {
        return `has too many decimals: at most ${spec.scale}`;
      }
      return rangeProblem(spec, value);
    }
    case 'array':
      if (!Array.isArray(value) || value.some((item) => typeof item !== 'string'))
        return 'must be a list of text';
      for (const item of value) {
        const problem = textProblem(item, spec.maxLength);
        if (problem !== null) return `has an item that ${problem}`;
      }
      return null;
    case 'timestamp':
      return typeof value === 'string' && canonicalTimestamp.test(value) && !Number.isNaN(Date.parse(value))
        ? null
        : 'must be a date and time such as 2024-03-01T10:20:30.000Z';
    case 'date':
      return typeof value === 'string' && isCalendarDay(value)
        ? null
        : 'must be a day of the calendar written YYYY-MM-DD, such as 2026-03-01';
  }
}

/** YYYY-MM-DD of a day that exists, years 0001 to 9999 (what both engines store as a date). */
export function isCalendarDay(text: string): boolean {
  if (!/^\d{4}-\d{2}-\d{2}$/.test(text) || text.startsWith('0000')) return false;
  const date = new Date(`${text}T00:00:00.000Z`);
  return !Number.isNaN(date.getTime()) && date.toISOString().startsWith(text);
}

const canonicalTimestamp = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{3}Z$/;

const truthy = new Set(['true', 'yes', 'y', '1', 't']);
const falsy = new Set(['false', 'no', 'n', '0', 'f']);

/** 1,234,567.89 or 1234567.89, with an optional sign: the thousands separators of other tools go. */
function readNumber(text: string): number | null {
  const t = text.trim();
  const grouped = /^[-+]?\d{1,3}(,\d{3})+(\.\d+)?$/.test(t);
  const plain = /^[-+]?(\d+(\.\d*)?|\.\d+)([eE][-+]?\d+)?$/.test(t);
  if (!grouped && !plain) return null;
  const n = Number(t.replace(/,/g, ''));
  return Number.isFinite(n) ? n : null;
}

/** ISO 8601 days and times (a space may stand for the T; no zone means UTC), as the app stores them. */
function readTimestamp(text: string): string | null {
  const t = text.trim();
  const match =
    /^(\d{4}-\d{2}-\d{2})(?:[T ](\d{2}:\d{2}(?::\d{2}(?:\.\d{1,9})?)?)(Z|[+-]\d{2}:?\d{2})?)?$/.exec(t);
  if (!match) return null;
  const [, day, time = '00:00:00', zone = 'Z'] = match;
  const [hms = '', fraction = ''] = time.split('.');
  const seconds = hms.length === 5 ? `${hms}:00` : hms;
  const millis = fraction.slice(0, 3).padEnd(3, '0');
  const date = new Date(
    `${day}T${seconds}.${millis}${zone.length === 5 ? `${zone.slice(0, 3)}:${zone.slice(3)}` : zone}`,
  );
  if (Number.isNaN(date.getTime())) return null;
  // A day that does not exist (2024-02-30) rolls over in Date: refuse it rather than store another day.
  if (zone === 'Z' && !date.toISOString().startsWith(day ?? '')) return null;
  const year = date.getUTCFullYear();
  return year < 1 || year > 9999 ? null : date.toISOString();
}

/** A list cell: the export's JSON array of text, or items separated by semicolons. */
function readList(text: string): string[] | null {
  const t = text.trim();
  if (t.startsWith('[')) {
    try {
      const parsed: unknown = JSON.parse(t);
      return Array.isArray(parsed) && parsed.every((item) => typeof item === 'string') ? parsed : null;
    } catch {
      return null;
    }
  }
  return t
    .split(';')
    .map((item) => item.trim())
    .filter((item) => item !== '');
}

/** What spreadsheets run as a formula; exports prefix such a cell with an apostrophe (OWASP). */
export const formulaStart = /^'*[=+\-@\t\r]/;

/** An exported text cell back as the value: the one apostrophe the export added goes. */
export function unescapeFormula(text: string): string {
  return text.startsWith("'") && formulaStart.test(text) ? text.slice(1) : text;
}

/** A parsed value that the field's rules accept, or their reason. */
function checked(spec: FieldSpec, value: OrgValue): Parsed {
  const problem = checkFieldValue(spec, value);
  return problem === null ? ok(value) : fail(problem);
}

/**
 * A value typed as text (a form's input, a CSV or Excel cell, `--set column=value`) as the field's
 * typed value, or the reason it is not one. An empty cell is NULL.
 */
export function parseFieldText(spec: FieldSpec, raw: string): Parsed {
  // Spaces are a text's own (a round trip keeps them); around a number or a word they mean nothing.
  if (spec.kind === 'text' ? raw === '' : raw.trim() === '') {
    return spec.required ? fail('is required') : ok(null);
  }
  switch (spec.kind) {
    case 'text':
      return checked(spec, unescapeFormula(raw));
    case 'id':
    case 'sector':
    case 'choice':
      return checked(spec, raw.trim());
    case 'boolean': {
      const word = raw.trim().toLowerCase();
      if (truthy.has(word)) return ok(true);
      if (falsy.has(word)) return ok(false);
      return fail('must be yes or no (true/false, yes/no or 1/0)');
    }
    case 'integer': {
      const n = readNumber(raw);
      if (n === null || !Number.isInteger(n)) return fail('must be a whole number');
      return checked(spec, n);
    }
    case 'decimal': {
      const n = readNumber(raw);
      if (n === null) return fail('must be a number');
      const written = raw.trim().replace(/,/g, '').split(/[eE]/)[0]?.split('.')[1] ?? '';
      if (spec.scale !== null && written.replace(/0+$/, '').length > spec.scale) {
        return fail(`has too many decimals: at most ${spec.scale}`);
      }
      return checked(spec, n);
    }
    case 'array': {
      const items = readList(raw);
      return items === null
        ? fail('must be a list: items separated by ;, or a JSON array of text')
        : checked(spec, items);
    }
    case 'date': {
      // A workbook's date cell arrives as midnight UTC of its day.
      const day = /^(\d{4}-\d{2}-\d{2})(T00:00(:00(\.0+)?)?Z?)?$/.exec(raw.trim())?.[1] ?? raw.trim();
      return checked(spec, day);
    }
    case 'timestamp': {
      const value = readTimestamp(raw);
      return value === null
        ? fail('must be a date or a date and time such as 2024-03-01T10:20:30Z')
        : ok(value);
    }
  }
}

/** A value as the text a person edits (the form's inputs, the grid's editor); null as empty. */
export function fieldText(value: OrgValue | undefined): string {
  if (value === null || value === undefined) return '';
  if (Array.isArray(value)) return value.join('; ');
  if (typeof value === 'boolean') return value ? 'yes' : 'no';
  return String(value);
}

/** A field's message at the field: "Employees must be a whole number". */
export function fieldMessage(spec: Pick<FieldSpec, 'label'>, reason: string): string {
  return `${spec.label} ${reason}`;
}

/** The fields a row of this sector holds: the organization's own, then that sector's attributes. */
export function fieldsOfSector(fields: FieldSpec[], sector: string | null): FieldSpec[] {
  return fields.filter((f) => f.sector === null || f.sector === sector);
}

/** The attribute values a move to another sector would drop: the old sector's non-empty ones. */
export function droppedBySectorChange(fields: FieldSpec[], row: OrgRow, to: string): FieldSpec[] {
  const from = row.focus_group_id;
  if (typeof from !== 'string' || from === to) return [];
  return fields.filter((f) => f.sector === from && row[f.name] !== null && row[f.name] !== undefined);
}

const grouped = (n: number) => show(n);

/** The field's rule in a few words: the form's hint under an input, and a refusal's explanation. */
export function describeRule(spec: FieldSpec): string {
  const range = () => {
    const { min, below } = spec;
    const max = spec.max === INT4_MAX ? null : spec.max;
    if (spec.kind === 'integer' && min !== null && min <= -(2 ** 31) && max === null) return '';
    if (min !== null && max !== null) return `, ${grouped(min)} to ${grouped(max)}`;
    if (min !== null) return `, ${grouped(min)} or more${below !== null ? `, below ${grouped(below)}` : ''}`;
    return below !== null ? `, between −${grouped(below)} and ${grouped(below)} (exclusive)` : '';
  };
  switch (spec.kind) {
    case 'text':
      return spec.maxLength === null ? 'Text' : `Text, up to ${grouped(spec.maxLength)} characters`;
    case 'integer':
      return `Whole number${range()}`;
    case 'decimal':
      return `Number with up to ${spec.scale ?? 0} decimals${range()}`;
    case 'boolean':
      return 'Yes or no';
    case 'array':
      return `List; items up to ${grouped(spec.maxLength ?? 0)} characters`;
    case 'choice':
      return `One of ${(spec.options ?? []).join(', ')}`;
    case 'sector':
      return 'A sector';
    case 'id':
      return 'An organization id (UUID)';
    case 'timestamp':
      return 'A date and time (ISO 8601)';
    case 'date':
      return 'A date, YYYY-MM-DD';
  }
}
