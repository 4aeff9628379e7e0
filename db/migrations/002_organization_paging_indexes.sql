-- Indexes for keyset paging of the unified view: one per sort order, and one per sort order within a
-- sector. Each ends in organization_id, the tie-breaker that makes every key unique. The expressions
-- must match the sort keys in db/org-repo.ts exactly for SQLite to use them.

DROP INDEX idx_organizations_legal_name;
DROP INDEX idx_organizations_focus_group;
DROP INDEX idx_organizations_status;

CREATE INDEX idx_org_name ON organizations (legal_name, organization_id);
CREATE INDEX idx_org_revenue ON organizations (coalesce(annual_revenue_usd, -1), organization_id);
CREATE INDEX idx_org_employees ON organizations (coalesce(employee_count, -1), organization_id);
CREATE INDEX idx_org_founded ON organizations (coalesce(founding_year, 0), organization_id);
CREATE INDEX idx_org_country ON organizations (coalesce(headquarters_country, ''), organization_id);
CREATE INDEX idx_org_status ON organizations (status, legal_name, organization_id);

CREATE INDEX idx_org_sector_name ON organizations (focus_group_id, legal_name, organization_id);
CREATE INDEX idx_org_sector_revenue ON organizations (focus_group_id, coalesce(annual_revenue_usd, -1), organization_id);
CREATE INDEX idx_org_sector_employees ON organizations (focus_group_id, coalesce(employee_count, -1), organization_id);
CREATE INDEX idx_org_sector_founded ON organizations (focus_group_id, coalesce(founding_year, 0), organization_id);
CREATE INDEX idx_org_sector_country ON organizations (focus_group_id, coalesce(headquarters_country, ''), organization_id);
CREATE INDEX idx_org_sector_status ON organizations (focus_group_id, status, legal_name, organization_id);
