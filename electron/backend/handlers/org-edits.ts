import { assessmentFields } from '../../../shared/assessment';
import { organizationFields } from '../../../db/core/org-fields';
import type { BackendContext, FeatureHandlers } from './context';

/** Adding, editing and deleting organizations: each one transaction in the storage. */
export function organizationEditHandlers({
  storage,
}: BackendContext): FeatureHandlers<
  'orgs:fields' | 'orgs:get' | 'orgs:add' | 'orgs:update' | 'orgs:delete' | 'orgs:restore' | 'orgs:changes'
> {
  return {
    // The assessment's fields follow the dimensions table: its names label the scores.
    'orgs:fields': async () => [...organizationFields(), ...assessmentFields(await storage.listDimensions())],
    'orgs:get': ({ organization_id }) => storage.getOrganization(organization_id),
    'orgs:add': (input) => storage.addOrganization(input),
    'orgs:update': (edit) => storage.updateOrganization(edit),
    'orgs:delete': ({ ids }) => storage.deleteOrganizations(ids),
    'orgs:restore': ({ rows }) => storage.restoreOrganizations(rows),
    'orgs:changes': ({ after, own }) => storage.organizationChanges(after, own),
  };
}
