-- Keyset paging of the unified view. Each sortable column gets a NULL-free sort key (a virtual
-- generated column, hidden from SELECT * and table_info) so that a page seeks with one row-value
-- comparison: (key, organization_id) > (?, ?). One index per sort order, and one per sort order
-- within a sector; each ends in organization_id, the tie-breaker that makes every key unique.

DROP INDEX idx_organizations_legal_name;
DROP INDEX idx_organizations_focus_group;
DROP INDEX idx_organizations_status;

ALTER TABLE organizations ADD COLUMN revenue_key NUMERIC GENERATED ALWAYS AS (coalesce(annual_revenue_usd, -1)) VIRTUAL;
ALTER TABLE organizations ADD COLUMN employees_key INTEGER GENERATED ALWAYS AS (coalesce(employee_count, -1)) VIRTUAL;
ALTER TABLE organizations ADD COLUMN founded_key INTEGER GENERATED ALWAYS AS (coalesce(founding_year, 0)) VIRTUAL;
ALTER TABLE organizations ADD COLUMN country_key TEXT GENERATED ALWAYS AS (coalesce(headquarters_country, '')) VIRTUAL;

CREATE INDEX idx_org_name ON organizations (legal_name, organization_id);
CREATE INDEX idx_org_revenue ON organizations (revenue_key, organization_id);
CREATE INDEX idx_org_employees ON organizations (employees_key, organization_id);
CREATE INDEX idx_org_founded ON organizations (founded_key, organization_id);
CREATE INDEX idx_org_country ON organizations (country_key, organization_id);
CREATE INDEX idx_org_status ON organizations (status, legal_name, organization_id);

CREATE INDEX idx_org_sector_name ON organizations (focus_group_id, legal_name, organization_id);
CREATE INDEX idx_org_sector_revenue ON organizations (focus_group_id, revenue_key, organization_id);
CREATE INDEX idx_org_sector_employees ON organizations (focus_group_id, employees_key, organization_id);
CREATE INDEX idx_org_sector_founded ON organizations (focus_group_id, founded_key, organization_id);
CREATE INDEX idx_org_sector_country ON organizations (focus_group_id, country_key, organization_id);
CREATE INDEX idx_org_sector_status ON organizations (focus_group_id, status, legal_name, organization_id);
