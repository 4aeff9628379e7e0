-- The PE Org-AI-R scoring (docs/scoring.md), as SQLite's migration 11: organizations' assessments
-- (TC and the day, and one score row per dimension keyed by dimension_id) and the platform's
-- parameters as effective-dated rows with a rationale, the framework's values as the first version.
-- Scores are computed when asked, never cached: nothing needs a notification when these change.

CREATE TABLE organization_assessments (
  organization_id UUID PRIMARY KEY REFERENCES organizations (organization_id) ON DELETE CASCADE,
  talent_concentration DECIMAL(5,4) NOT NULL CHECK (talent_concentration BETWEEN 0 AND 1),
  assessed_on DATE NOT NULL
);

CREATE TABLE organization_dimension_scores (
  organization_id UUID NOT NULL REFERENCES organization_assessments (organization_id) ON DELETE CASCADE,
  dimension_id VARCHAR(50) NOT NULL REFERENCES dimensions (dimension_id),
  score DECIMAL(5,2) NOT NULL CHECK (score BETWEEN 0 AND 100),
  PRIMARY KEY (organization_id, dimension_id)
);

CREATE TABLE platform_parameters (
  parameter_id SERIAL PRIMARY KEY,
  platform VARCHAR(20) NOT NULL CHECK (platform IN ('pe_org_air', 'individual_air')),
  parameter_name VARCHAR(100) NOT NULL CHECK (length(parameter_name) >= 1),
  parameter_value DECIMAL(10,4) NOT NULL,
  description TEXT,
  rationale TEXT,
  effective_from DATE NOT NULL DEFAULT CURRENT_DATE,
  effective_to DATE CHECK (effective_to IS NULL OR effective_to >= effective_from),
  is_current BOOLEAN NOT NULL DEFAULT TRUE,
  created_at TIMESTAMP NOT NULL DEFAULT NOW(),
  -- Who saved the version (NULL: the framework's values). Every change is a new version, a second
  -- one on a day too (issue 24's rule), so no UNIQUE on the day.
  author VARCHAR(100) CHECK (length(author) >= 1)
);

CREATE UNIQUE INDEX ux_platform_parameters_current ON platform_parameters (platform, parameter_name) WHERE is_current;

INSERT INTO platform_parameters (platform, parameter_name, parameter_value, description, rationale, effective_from) VALUES
  ('pe_org_air', 'alpha', 0.60, 'Weight of V^R against H^R', 'The framework''s published value', '2024-01-01'),
  ('pe_org_air', 'beta', 0.12, 'Weight of synergy', 'The framework''s published value', '2024-01-01'),
  ('pe_org_air', 'lambda', 0.25, 'Non-compensatory penalty on an uneven profile', 'The framework''s published value', '2024-01-01'),
  ('pe_org_air', 'kappa', 0.15, 'Talent-risk coefficient', 'The framework''s published value', '2024-01-01'),
  ('pe_org_air', 'alignment', 1.0, 'Alignment of V^R and H^R in synergy', 'The framework''s published value', '2024-01-01'),
  ('pe_org_air', 'timing', 1.0, 'Timing factor of synergy (used within 0.8-1.2)', 'The framework''s published value', '2024-01-01');
