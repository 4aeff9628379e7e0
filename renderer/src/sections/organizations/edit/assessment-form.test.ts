import { describe, expect, it } from 'vitest';
import { assessmentFields } from '../../../../../shared/assessment';
import { readAssessmentInputs } from './assessment-form';

const fields = assessmentFields([
  { dimension_code: 'data_infrastructure', dimension_name: 'Data Infrastructure' },
  { dimension_code: 'culture', dimension_name: 'Culture' },
]);
const empty = { data_infrastructure: '', culture: '', talent_concentration: '', assessed_on: '2026-12-05' };
const whole = {
  data_infrastructure: '80',
  culture: '70.5',
  talent_concentration: '0.25',
  assessed_on: '2026-12-01',
};
const partial = 'is required: an assessment has all 2 dimension scores, TC and the date, or none of them';

describe("the form's Assessment section", () => {
  it('sends nothing for a new organization left without scores, whatever the day says', () => {
    expect(readAssessmentInputs(fields, empty, null)).toEqual({ values: {}, errors: {} });
  });

  it('sends every value of a whole assessment, typed', () => {
    expect(readAssessmentInputs(fields, whole, null)).toEqual({
      values: {
        data_infrastructure: 80,
        culture: 70.5,
        talent_concentration: 0.25,
        assessed_on: '2026-12-01',
      },
      errors: {},
    });
  });

  it('names each empty field of a partial one, and a value that does not read beside them', () => {
    expect(readAssessmentInputs(fields, { ...empty, culture: '50' }, null).errors).toEqual({
      data_infrastructure: `Data Infrastructure ${partial}`,
      talent_concentration: `Talent concentration (TC) ${partial}`,
    });
    expect(readAssessmentInputs(fields, { ...empty, culture: '50.001' }, null).errors).toEqual({
      culture: 'Culture has too many decimals: at most 2',
      data_infrastructure: `Data Infrastructure ${partial}`,
      talent_concentration: `Talent concentration (TC) ${partial}`,
    });
  });

  it('in an edit, sends nothing when the assessment is as it was, and nulls when its scores are emptied', () => {
    expect(readAssessmentInputs(fields, whole, whole)).toEqual({ values: {}, errors: {} });
    expect(
      readAssessmentInputs(fields, { ...empty, assessed_on: '' }, { ...empty, assessed_on: '' }),
    ).toEqual({
      values: {},
      errors: {},
    });
    expect(
      readAssessmentInputs(
        fields,
        { ...whole, data_infrastructure: '', culture: '', talent_concentration: '' },
        whole,
      ),
    ).toEqual({
      values: { data_infrastructure: null, culture: null, talent_concentration: null, assessed_on: null },
      errors: {},
    });
  });
});
