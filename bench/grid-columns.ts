/**
 * The columns the grid names in its row requests in its default view at 1280×800 (the e2e test that
 * takes the grid's screenshot at that size checks it): the name, the key facts and the first Org-AI-R
 * scores, on screen or just beside it. The backend adds the row's id, sector and updated_at.
 */
export const GRID_COLUMNS = [
  'legal_name',
  'sector_name',
  'status',
  'annual_revenue_usd',
  'employee_count',
  'headquarters_country',
  'founding_year',
  'org_air',
  'vr',
];
