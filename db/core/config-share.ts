import { createHash } from 'node:crypto';
import type { z } from 'zod';
import {
  canonicalJson,
  CONFIG_DOCUMENT_FORMAT,
  CONFIG_DOCUMENT_VERSION,
  configDocumentSchema,
  parameterNamePattern,
  type ConfigDocument,
} from '../../shared/config-document';
import type { ConfigDifference, Dimension, Sector, ImportPreview, SectorDetails } from '../../shared/domain';
import { AppError } from '../../shared/errors';
import type { CalibrationEdit, NewCalibration, WeightsEdit } from '../port';

/** The checksum of a document: SHA-256 of its canonical JSON without the checksum itself. */
export function documentChecksum(document: Omit<ConfigDocument, 'checksum'>): string {
  const { format, version, exported_at, sectors } = document;
  const digest = createHash('sha256')
    .update(canonicalJson({ format, version, exported_at, sectors }))
    .digest('hex');
  return `sha256:${digest}`;
}

function refuse(sentence: string): AppError {
  return new AppError('INVALID_INPUT', sentence);
}

function issuePath(path: readonly PropertyKey[]): string {
  return path
    .map((part, i) => (typeof part === 'number' ? `[${part}]` : `${i === 0 ? '' : '.'}${String(part)}`))
    .join('');
}

function firstIssue(error: z.ZodError): string {
  const issue = error.issues[0];
  if (issue === undefined) return 'it does not match the configuration format';
  const path = issuePath(issue.path);
  return path === '' ? issue.message : `${path}: ${issue.message}`;
}

/**
 * Reads a share document, refusing anything else in one sentence: text that is not JSON, another
 * format or version, a shape the schema refuses, or contents that do not match the checksum.
 */
export function parseConfigDocument(text: string): ConfigDocument {
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch {
    throw refuse('The file is not a configuration: it is not valid JSON');
  }
  const head = typeof json === 'object' && json !== null && !Array.isArray(json) ? json : {};
  if (!('format' in head) || head.format !== CONFIG_DOCUMENT_FORMAT) {
    throw refuse(
      `The file is not a Sector Studio configuration (its format is not "${CONFIG_DOCUMENT_FORMAT}")`,
    );
  }
  if (!('version' in head) || head.version !== CONFIG_DOCUMENT_VERSION) {
    const version = 'version' in head ? JSON.stringify(head.version) : 'missing';
    throw refuse(
      `The file is configuration version ${version}; this app reads version ${CONFIG_DOCUMENT_VERSION}`,
    );
  }
  const parsed = configDocumentSchema.safeParse(json);
  if (!parsed.success) throw refuse(`The file is not a valid configuration: ${firstIssue(parsed.error)}`);
  if (parsed.data.checksum !== documentChecksum(parsed.data)) {
    throw refuse("The file's checksum does not match its contents: it was changed or damaged after export");
  }
  return parsed.data;
}

/** Text another tool may have stored with lone surrogates, made well-formed for the file. */
const wellFormed = (text: string | null) => (text === null ? null : text.replace(/\p{Cs}/gu, '\uFFFD'));

/** The share document of these sectors' current configurations. */
export function shareDocument(sectors: SectorDetails[]): ConfigDocument {
  const body = {
    format: CONFIG_DOCUMENT_FORMAT,
    version: CONFIG_DOCUMENT_VERSION,
    exported_at: new Date().toISOString(),
    sectors: sectors.map((details) => ({
      focus_group_id: details.config.focus_group_id,
      group_name: details.config.group_name,
      weights: details.weights.map((w) => ({
        dimension_code: w.dimension_code,
        weight: w.weight,
        rationale: wellFormed(w.rationale),
      })),
      // A name an earlier version let through (issue 9) cannot be imported anywhere: left out.
      calibrations: details.calibrations
        .filter((c) => parameterNamePattern.test(c.parameter_name))
        .map((c) => ({
          parameter_name: c.parameter_name,
          value: c.value,
          parameter_type: c.parameter_type,
          description: wellFormed(c.description),
          rationale: wellFormed(c.rationale),
        })),
    })),
  } as const;
  // What we write must be what we read back: the schema checks our own output too.
  return configDocumentSchema.parse({ ...body, checksum: documentChecksum(body) });
}

/** What the database holds now, as far as an import needs it. */
export interface ImportBase {
  sectors: Sector[];
  dimensions: Dimension[];
  /** Today's details of a sector that `sectors` has. */
  details(sectorId: string): SectorDetails;
}

/** The document's differences against the database now; refuses names the database does not have. */
export function importDifferences(document: ConfigDocument, base: ImportBase): ImportPreview {
  const sectors = new Map(base.sectors.map((s) => [s.focus_group_id, s]));
  const codes = new Set(base.dimensions.map((d) => d.dimension_code));
  const seenSectors = new Set<string>();
  const found: ConfigDifference[] = [];
  for (const sector of document.sectors) {
    const id = sector.focus_group_id;
    const group = sectors.get(id);
    if (!group) throw refuse(`The file names a sector this database does not have: ${id}`);
    if (seenSectors.has(id)) throw refuse(`The file lists the sector ${id} twice`);
    seenSectors.add(id);
    const current = base.details(id);
    const common = { focus_group_id: id, group_name: group.group_name };
    const seen = new Set<string>();
    for (const w of sector.weights) {
      if (!codes.has(w.dimension_code)) {
        throw refuse(`The file names a dimension this database does not have: ${w.dimension_code}`);
      }
      if (seen.has(w.dimension_code)) throw refuse(`The file lists ${id}'s ${w.dimension_code} weight twice`);
      seen.add(w.dimension_code);
      const now = current.weights.find((c) => c.dimension_code === w.dimension_code);
      if (now?.weight === w.weight) continue;
      found.push({
        ...common,
        kind: 'weight',
        key: w.dimension_code,
        label: now?.dimension_name ?? w.dimension_code,
        current: now?.weight ?? null,
        incoming: w.weight,
      });
    }
    seen.clear();
    for (const c of sector.calibrations) {
      if (seen.has(c.parameter_name)) throw refuse(`The file lists ${id}'s ${c.parameter_name} twice`);
      seen.add(c.parameter_name);
      const now = current.calibrations.find((x) => x.parameter_name === c.parameter_name);
      if (now?.value === c.value) continue;
      found.push({
        ...common,
        kind: 'calibration',
        key: c.parameter_name,
        label: c.parameter_name,
        current: now?.value ?? null,
        incoming: c.value,
      });
    }
  }
  return { exported_at: document.exported_at, sectors: [...seenSectors], differences: found };
}

/** One write an import makes, through the repository's own actions (its change set names the author). */
export type ImportStep =
  | { kind: 'weights'; input: Omit<WeightsEdit, 'author'> }
  | { kind: 'update'; input: Omit<CalibrationEdit, 'author'> }
  | { kind: 'add'; input: Omit<NewCalibration, 'author'> };

/** The writes that apply `preview`'s differences, each with the document's rationale. */
export function importSteps(document: ConfigDocument, preview: ImportPreview): ImportStep[] {
  const day = document.exported_at.slice(0, 10);
  const why = (rationale: string | null) =>
    `Imported from a configuration exported ${day}: ${rationale ?? 'no rationale given'}`;
  return preview.differences.flatMap((difference): ImportStep[] => {
    const sector = document.sectors.find((s) => s.focus_group_id === difference.focus_group_id);
    const focus_group_id = difference.focus_group_id;
    if (difference.kind === 'weight') {
      const row = sector?.weights.find((w) => w.dimension_code === difference.key);
      const weights = [{ dimension_code: difference.key, weight: difference.incoming }];
      return [
        { kind: 'weights', input: { focus_group_id, weights, rationale: why(row?.rationale ?? null) } },
      ];
    }
    const row = sector?.calibrations.find((c) => c.parameter_name === difference.key);
    if (row === undefined) return [];
    const common = {
      focus_group_id,
      parameter_name: row.parameter_name,
      value: row.value,
      rationale: why(row.rationale),
    };
    return difference.current === null
      ? [
          {
            kind: 'add',
            input: {
              ...common,
              parameter_type: row.parameter_type,
              description: row.description ?? row.parameter_name,
            },
          },
        ]
      : [{ kind: 'update', input: common }];
  });
}
