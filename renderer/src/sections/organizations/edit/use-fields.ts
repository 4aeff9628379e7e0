import { useEffect, useState } from 'react';
import type { FieldSpec } from '../../../../../shared/org-fields';
import { call } from '../../../api/bridge';

let loaded: Promise<FieldSpec[] | null> | null = null;

/** The columns an organization holds with their rules, read once per window (they come from the schema). */
export function useOrgFields(): FieldSpec[] {
  const [fields, setFields] = useState<FieldSpec[]>([]);
  useEffect(() => {
    let current = true;
    loaded ??= call('orgs:fields', {});
    void loaded.then((list) => {
      if (list === null) loaded = null;
      else if (current) setFields(list);
    });
    return () => {
      current = false;
    };
  }, []);
  return fields;
}
