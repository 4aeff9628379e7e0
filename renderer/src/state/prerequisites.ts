import type { DbStatus } from '../../../shared/domain';
import type { SectionId } from '../navigation';

export type Requirement = 'schema' | 'sectors' | 'weights';

export interface Missing {
  message: string;
  action: string;
  section: SectionId;
}

/** The first step a section still needs, in the order the lab walks them, or null when ready. */
export function missingStep(status: DbStatus, requirement: Requirement): Missing | null {
  if (status.schema_version === 0) {
    return { message: 'Initialize the schema first.', action: 'Go to Schema', section: 'schema' };
  }
  if (requirement === 'schema') return null;
  if (status.focus_groups === 0) {
    return {
      message: 'Seed the focus groups and dimensions first.',
      action: 'Go to Seeding',
      section: 'seeding',
    };
  }
  if (requirement === 'sectors') return null;
  if (status.weights === 0 || status.calibrations === 0) {
    return {
      message: 'Seed the weights and calibrations first.',
      action: 'Go to Seeding',
      section: 'seeding',
    };
  }
  return null;
}
