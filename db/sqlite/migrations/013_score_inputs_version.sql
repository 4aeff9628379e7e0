-- What the scores are computed from, versioned apart from the configuration (issue 22): a sector's
-- inputs_version moves when its organizations' assessments, dimension scores, revenues or sectors
-- change, or a dimension does, and not when its weights, calibrations or the platform's parameters
-- do. The refresh keeps a sector's loaded inputs while inputs_version stays put, so a weight saved
-- re-scores from memory instead of reading a million dimension scores again.
--
-- inputs_version is set to the version the change gives the sector. A sector already stale from an
-- input change is not written again (inputs_version = version says so), which keeps bulk inserts as
-- cheap as before; the refresh reads the inputs in the transaction that marks the sector fresh, so
-- no inputs are loaded between two such changes.

ALTER TABLE score_freshness ADD COLUMN inputs_version INTEGER NOT NULL DEFAULT 0
  CHECK (typeof(inputs_version) = 'integer' AND inputs_version >= 0);

DROP TRIGGER trg_scores_dimensions_insert;
CREATE TRIGGER trg_scores_dimensions_insert AFTER INSERT ON dimensions
BEGIN
  UPDATE score_freshness SET stale = 1, version = version + 1, inputs_version = version + 1
  WHERE (stale = 0 OR inputs_version <> version);
END;

DROP TRIGGER trg_scores_dimensions_update;
CREATE TRIGGER trg_scores_dimensions_update AFTER UPDATE ON dimensions
BEGIN
  UPDATE score_freshness SET stale = 1, version = version + 1, inputs_version = version + 1
  WHERE (stale = 0 OR inputs_version <> version);
END;

DROP TRIGGER trg_scores_dimensions_delete;
CREATE TRIGGER trg_scores_dimensions_delete AFTER DELETE ON dimensions
BEGIN
  UPDATE score_freshness SET stale = 1, version = version + 1, inputs_version = version + 1
  WHERE (stale = 0 OR inputs_version <> version);
END;

DROP TRIGGER trg_scores_organizations_update;
CREATE TRIGGER trg_scores_organizations_update AFTER UPDATE OF focus_group_id, annual_revenue_usd ON organizations
WHEN OLD.focus_group_id IS NOT NEW.focus_group_id OR OLD.annual_revenue_usd IS NOT NEW.annual_revenue_usd
BEGIN
  INSERT INTO score_freshness (focus_group_id, stale, version, inputs_version) VALUES (NEW.focus_group_id, 1, 1, 1)
  ON CONFLICT (focus_group_id) DO UPDATE SET stale = 1, version = version + 1, inputs_version = version + 1
  WHERE stale = 0 OR inputs_version <> version;
  UPDATE score_freshness SET stale = 1, version = version + 1, inputs_version = version + 1
  WHERE (stale = 0 OR inputs_version <> version) AND focus_group_id = OLD.focus_group_id;
END;

DROP TRIGGER trg_scores_organizations_delete;
CREATE TRIGGER trg_scores_organizations_delete AFTER DELETE ON organizations
BEGIN
  UPDATE score_freshness SET stale = 1, version = version + 1, inputs_version = version + 1
  WHERE (stale = 0 OR inputs_version <> version) AND focus_group_id = OLD.focus_group_id;
END;

DROP TRIGGER trg_scores_assessments_insert;
CREATE TRIGGER trg_scores_assessments_insert AFTER INSERT ON organization_assessments
WHEN EXISTS (SELECT 1 FROM score_freshness WHERE stale = 0 OR inputs_version <> version)
BEGIN
  INSERT INTO score_freshness (focus_group_id, stale, version, inputs_version)
  SELECT focus_group_id, 1, 1, 1 FROM organizations WHERE organization_id = NEW.organization_id
  ON CONFLICT (focus_group_id) DO UPDATE SET stale = 1, version = version + 1, inputs_version = version + 1
  WHERE stale = 0 OR inputs_version <> version;
END;

DROP TRIGGER trg_scores_assessments_update;
CREATE TRIGGER trg_scores_assessments_update AFTER UPDATE ON organization_assessments
WHEN EXISTS (SELECT 1 FROM score_freshness WHERE stale = 0 OR inputs_version <> version)
BEGIN
  INSERT INTO score_freshness (focus_group_id, stale, version, inputs_version)
  SELECT focus_group_id, 1, 1, 1 FROM organizations WHERE organization_id = NEW.organization_id
  ON CONFLICT (focus_group_id) DO UPDATE SET stale = 1, version = version + 1, inputs_version = version + 1
  WHERE stale = 0 OR inputs_version <> version;
  INSERT INTO score_freshness (focus_group_id, stale, version, inputs_version)
  SELECT focus_group_id, 1, 1, 1 FROM organizations WHERE organization_id = OLD.organization_id
    AND OLD.organization_id IS NOT NEW.organization_id
  ON CONFLICT (focus_group_id) DO UPDATE SET stale = 1, version = version + 1, inputs_version = version + 1
  WHERE stale = 0 OR inputs_version <> version;
END;

DROP TRIGGER trg_scores_assessments_delete;
CREATE TRIGGER trg_scores_assessments_delete AFTER DELETE ON organization_assessments
WHEN EXISTS (SELECT 1 FROM score_freshness WHERE stale = 0 OR inputs_version <> version)
BEGIN
  INSERT INTO score_freshness (focus_group_id, stale, version, inputs_version)
  SELECT focus_group_id, 1, 1, 1 FROM organizations WHERE organization_id = OLD.organization_id
  ON CONFLICT (focus_group_id) DO UPDATE SET stale = 1, version = version + 1, inputs_version = version + 1
  WHERE stale = 0 OR inputs_version <> version;
END;

DROP TRIGGER trg_scores_dimension_scores_insert;
CREATE TRIGGER trg_scores_dimension_scores_insert AFTER INSERT ON organization_dimension_scores
WHEN EXISTS (SELECT 1 FROM score_freshness WHERE stale = 0 OR inputs_version <> version)
BEGIN
  INSERT INTO score_freshness (focus_group_id, stale, version, inputs_version)
  SELECT focus_group_id, 1, 1, 1 FROM organizations WHERE organization_id = NEW.organization_id
  ON CONFLICT (focus_group_id) DO UPDATE SET stale = 1, version = version + 1, inputs_version = version + 1
  WHERE stale = 0 OR inputs_version <> version;
END;

DROP TRIGGER trg_scores_dimension_scores_update;
CREATE TRIGGER trg_scores_dimension_scores_update AFTER UPDATE ON organization_dimension_scores
WHEN EXISTS (SELECT 1 FROM score_freshness WHERE stale = 0 OR inputs_version <> version)
BEGIN
  INSERT INTO score_freshness (focus_group_id, stale, version, inputs_version)
  SELECT focus_group_id, 1, 1, 1 FROM organizations WHERE organization_id = NEW.organization_id
  ON CONFLICT (focus_group_id) DO UPDATE SET stale = 1, version = version + 1, inputs_version = version + 1
  WHERE stale = 0 OR inputs_version <> version;
  INSERT INTO score_freshness (focus_group_id, stale, version, inputs_version)
  SELECT focus_group_id, 1, 1, 1 FROM organizations WHERE organization_id = OLD.organization_id
    AND OLD.organization_id IS NOT NEW.organization_id
  ON CONFLICT (focus_group_id) DO UPDATE SET stale = 1, version = version + 1, inputs_version = version + 1
  WHERE stale = 0 OR inputs_version <> version;
END;

DROP TRIGGER trg_scores_dimension_scores_delete;
CREATE TRIGGER trg_scores_dimension_scores_delete AFTER DELETE ON organization_dimension_scores
WHEN EXISTS (SELECT 1 FROM score_freshness WHERE stale = 0 OR inputs_version <> version)
BEGIN
  INSERT INTO score_freshness (focus_group_id, stale, version, inputs_version)
  SELECT focus_group_id, 1, 1, 1 FROM organizations WHERE organization_id = OLD.organization_id
  ON CONFLICT (focus_group_id) DO UPDATE SET stale = 1, version = version + 1, inputs_version = version + 1
  WHERE stale = 0 OR inputs_version <> version;
END;
