-- Paging, counts and change tracking of organizations on PostgreSQL: what SQLite's migrations 002,
-- 004 and 005 give the SQLite side, with the same sort orders.
--
-- 1. One index per indexed sort order, and one per order within a sector. Each key is the SQLite
--    side's NULL-free sort key, text under the "C" collation (byte order, which is how SQLite
--    compares text), and each index ends in organization_id, the tie-breaker that makes every key
--    unique (SQLite breaks ties by rowid; sample ids are time-ordered, so both follow insertion).
--    A page is one seek: (key, organization_id) > ($1, $2) is an index condition here.
-- 2. organization_counts per sector and status, kept by statement-level triggers (one upsert per
--    statement, however many rows it inserts), so that the total for a sector or status filter is a
--    sum over at most (sectors x 3) rows instead of a count over the whole table.
-- 3. organization_changes: a version bumped by every statement that writes organizations or their
--    attributes, read by each instance to drop its cached positions (anchors, sorted orders) when
--    the data changed under them. It is bumped first in the statement, so that concurrent writers
--    queue on this one row and cannot deadlock on the count rows.

DROP INDEX idx_organizations_focus_group;
DROP INDEX idx_organizations_status;

CREATE INDEX idx_org_name ON organizations (legal_name COLLATE "C", organization_id);
CREATE INDEX idx_org_revenue ON organizations ((coalesce(annual_revenue_usd, -1)), organization_id);
CREATE INDEX idx_org_employees ON organizations ((coalesce(employee_count, -1)), organization_id);
CREATE INDEX idx_org_founded ON organizations ((coalesce(founding_year, 0)), organization_id);
CREATE INDEX idx_org_country ON organizations ((coalesce(headquarters_country, '')) COLLATE "C", organization_id);
CREATE INDEX idx_org_status ON organizations (status COLLATE "C", legal_name COLLATE "C", organization_id);

CREATE INDEX idx_org_sector_name ON organizations (focus_group_id COLLATE "C", legal_name COLLATE "C", organization_id);
CREATE INDEX idx_org_sector_revenue ON organizations (focus_group_id COLLATE "C", (coalesce(annual_revenue_usd, -1)), organization_id);
CREATE INDEX idx_org_sector_employees ON organizations (focus_group_id COLLATE "C", (coalesce(employee_count, -1)), organization_id);
CREATE INDEX idx_org_sector_founded ON organizations (focus_group_id COLLATE "C", (coalesce(founding_year, 0)), organization_id);
CREATE INDEX idx_org_sector_country ON organizations (focus_group_id COLLATE "C", (coalesce(headquarters_country, '')) COLLATE "C", organization_id);
CREATE INDEX idx_org_sector_status ON organizations (focus_group_id COLLATE "C", status COLLATE "C", legal_name COLLATE "C", organization_id);

CREATE TABLE organization_changes (
  only_row BOOLEAN PRIMARY KEY DEFAULT TRUE CHECK (only_row),
  version BIGINT NOT NULL
);
INSERT INTO organization_changes (version) VALUES (0);

CREATE TABLE organization_counts (
  focus_group_id VARCHAR(50) NOT NULL,
  status VARCHAR(20) NOT NULL,
  organizations BIGINT NOT NULL CHECK (organizations >= 0),
  PRIMARY KEY (focus_group_id, status)
);
INSERT INTO organization_counts (focus_group_id, status, organizations)
SELECT focus_group_id, status, count(*) FROM organizations GROUP BY focus_group_id, status;

CREATE FUNCTION note_organization_change() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  UPDATE organization_changes SET version = version + 1;
  RETURN NULL;
END;
$$;

-- Rows entering (+1) and leaving (-1) the counts, in key order so that writers lock rows alike.
CREATE FUNCTION count_organizations() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  UPDATE organization_changes SET version = version + 1;
  IF TG_OP = 'TRUNCATE' THEN
    DELETE FROM organization_counts;
    RETURN NULL;
  END IF;
  IF TG_OP IN ('UPDATE', 'DELETE') THEN
    UPDATE organization_counts AS c SET organizations = c.organizations - d.n
    FROM (SELECT focus_group_id, status, count(*) AS n FROM old_rows GROUP BY 1, 2 ORDER BY 1, 2) AS d
    WHERE c.focus_group_id = d.focus_group_id AND c.status = d.status;
  END IF;
  IF TG_OP IN ('UPDATE', 'INSERT') THEN
    INSERT INTO organization_counts AS c (focus_group_id, status, organizations)
    SELECT focus_group_id, status, count(*) FROM new_rows GROUP BY 1, 2 ORDER BY 1, 2
    ON CONFLICT (focus_group_id, status) DO UPDATE SET organizations = c.organizations + EXCLUDED.organizations;
  END IF;
  RETURN NULL;
END;
$$;

CREATE TRIGGER trg_organization_counts_insert AFTER INSERT ON organizations
  REFERENCING NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION count_organizations();
CREATE TRIGGER trg_organization_counts_update AFTER UPDATE ON organizations
  REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION count_organizations();
CREATE TRIGGER trg_organization_counts_delete AFTER DELETE ON organizations
  REFERENCING OLD TABLE AS old_rows FOR EACH STATEMENT EXECUTE FUNCTION count_organizations();
CREATE TRIGGER trg_organization_counts_truncate AFTER TRUNCATE ON organizations
  FOR EACH STATEMENT EXECUTE FUNCTION count_organizations();

CREATE TRIGGER trg_org_changes AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE ON org_attributes_manufacturing
  FOR EACH STATEMENT EXECUTE FUNCTION note_organization_change();
CREATE TRIGGER trg_org_changes AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE ON org_attributes_financial_services
  FOR EACH STATEMENT EXECUTE FUNCTION note_organization_change();
CREATE TRIGGER trg_org_changes AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE ON org_attributes_healthcare
  FOR EACH STATEMENT EXECUTE FUNCTION note_organization_change();
CREATE TRIGGER trg_org_changes AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE ON org_attributes_technology
  FOR EACH STATEMENT EXECUTE FUNCTION note_organization_change();
CREATE TRIGGER trg_org_changes AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE ON org_attributes_retail
  FOR EACH STATEMENT EXECUTE FUNCTION note_organization_change();
CREATE TRIGGER trg_org_changes AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE ON org_attributes_energy
  FOR EACH STATEMENT EXECUTE FUNCTION note_organization_change();
CREATE TRIGGER trg_org_changes AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE ON org_attributes_professional_services
  FOR EACH STATEMENT EXECUTE FUNCTION note_organization_change();
-- focus_groups' names are sort keys (sector_code) and filter values.
CREATE TRIGGER trg_org_changes AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE ON focus_groups
  FOR EACH STATEMENT EXECUTE FUNCTION note_organization_change();
