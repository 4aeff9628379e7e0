-- The PE Org-AI-R scoring (docs/scoring.md): organizations' assessments and the platform's parameters.
--
-- An assessment is one row per organization (its talent concentration TC and the day it was
-- assessed) and one row per dimension score, keyed by dimension_id as the seed keys weights: a new
-- dimension is a data row, not a migration. Scores hold two decimals (0-100), TC four (0-1), as
-- DECIMAL(5,2) and DECIMAL(5,4) would on PostgreSQL (migration 9 there). Both tables are keyed by
-- organization_id (WITHOUT ROWID: one B-tree each) and go with their organization.
--
-- The platform's parameters (alpha, beta, lambda, kappa, alignment, timing) are rows with a
-- rationale and effective-dated versions, edited like calibrations; the framework's values are the
-- first version, dated as the seeded configuration is (2024-01-01). No cached value derives from them
-- (scores are computed when asked, never cached), so their changes are not logged in config_changes.

CREATE TABLE organization_assessments (
  organization_id TEXT PRIMARY KEY REFERENCES organizations (organization_id) ON DELETE CASCADE,
  talent_concentration NUMERIC NOT NULL CHECK (
    typeof(talent_concentration) IN ('integer', 'real') AND talent_concentration >= 0
    AND talent_concentration <= 1 AND talent_concentration = round(talent_concentration, 4)
  ),
  assessed_on TEXT NOT NULL CHECK (date(assessed_on) IS assessed_on)
) WITHOUT ROWID;

CREATE TABLE organization_dimension_scores (
  organization_id TEXT NOT NULL REFERENCES organization_assessments (organization_id) ON DELETE CASCADE,
  dimension_id TEXT NOT NULL REFERENCES dimensions (dimension_id),
  score NUMERIC NOT NULL CHECK (
    typeof(score) IN ('integer', 'real') AND score >= 0 AND score <= 100 AND score = round(score, 2)
  ),
  PRIMARY KEY (organization_id, dimension_id)
) WITHOUT ROWID;

CREATE TABLE platform_parameters (
  parameter_id INTEGER PRIMARY KEY,
  platform TEXT NOT NULL CHECK (platform IN ('pe_org_air', 'individual_air')),
  parameter_name TEXT NOT NULL CHECK (length(parameter_name) BETWEEN 1 AND 100),
  parameter_value NUMERIC NOT NULL CHECK (
    typeof(parameter_value) IN ('integer', 'real') AND abs(parameter_value) < 1e6
    AND parameter_value = round(parameter_value, 4)
  ),
  description TEXT,
  rationale TEXT,
  effective_from TEXT NOT NULL DEFAULT (date('now')) CHECK (date(effective_from) IS effective_from),
  effective_to TEXT CHECK (effective_to IS NULL OR (date(effective_to) IS effective_to AND effective_to >= effective_from)),
  is_current INTEGER NOT NULL DEFAULT 1 CHECK (is_current IN (0, 1)),
  created_at TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ', 'now')),
  -- Who saved the version (NULL: the framework's values). Every change is a new version, a second
  -- one on a day too (issue 24's rule), so no UNIQUE on the day.
  author TEXT CHECK (author IS NULL OR length(author) BETWEEN 1 AND 100)
);

CREATE UNIQUE INDEX ux_platform_parameters_current ON platform_parameters (platform, parameter_name) WHERE is_current = 1;

INSERT INTO platform_parameters (platform, parameter_name, parameter_value, description, rationale, effective_from) VALUES
  ('pe_org_air', 'alpha', 0.60, 'Weight of V^R against H^R', 'The framework''s published value', '2024-01-01'),
  ('pe_org_air', 'beta', 0.12, 'Weight of synergy', 'The framework''s published value', '2024-01-01'),
  ('pe_org_air', 'lambda', 0.25, 'Non-compensatory penalty on an uneven profile', 'The framework''s published value', '2024-01-01'),
  ('pe_org_air', 'kappa', 0.15, 'Talent-risk coefficient', 'The framework''s published value', '2024-01-01'),
  ('pe_org_air', 'alignment', 1.0, 'Alignment of V^R and H^R in synergy', 'The framework''s published value', '2024-01-01'),
  ('pe_org_air', 'timing', 1.0, 'Timing factor of synergy (used within 0.8-1.2)', 'The framework''s published value', '2024-01-01');
