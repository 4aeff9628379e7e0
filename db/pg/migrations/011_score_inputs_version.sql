-- What the scores are computed from, versioned apart from the configuration, as SQLite's migration
-- 13: a sector's inputs_version moves with its organizations' assessments, dimension scores,
-- revenues or sectors, or with a dimension, and not with its weights, calibrations or the platform's
-- parameters. The refresh keeps a sector's loaded inputs while inputs_version stays put. Every mark
-- here bumps the version (statement-level triggers), so inputs_version is simply set to it.

ALTER TABLE score_freshness ADD COLUMN inputs_version BIGINT NOT NULL DEFAULT 0 CHECK (inputs_version >= 0);

-- As mark_scores_stale, for a change of the sectors' inputs.
CREATE FUNCTION mark_inputs_changed(sectors TEXT[]) RETURNS void LANGUAGE plpgsql AS $$
BEGIN
  IF cardinality(sectors) = 0 THEN
    RETURN;
  END IF;
  UPDATE organization_changes SET version = version + 1;
  INSERT INTO score_freshness AS f (focus_group_id, stale, version, inputs_version)
  SELECT DISTINCT s, TRUE, 1, 1 FROM unnest(sectors) AS s WHERE s IS NOT NULL ORDER BY 1
  ON CONFLICT (focus_group_id) DO UPDATE SET stale = TRUE, version = f.version + 1, inputs_version = f.version + 1;
END;
$$;

CREATE OR REPLACE FUNCTION stale_scores_of_assessments() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF TG_OP IN ('INSERT', 'UPDATE') THEN
    PERFORM mark_inputs_changed(ARRAY(
      SELECT o.focus_group_id::text FROM new_rows AS n JOIN organizations AS o USING (organization_id)));
  END IF;
  IF TG_OP IN ('UPDATE', 'DELETE') THEN
    PERFORM mark_inputs_changed(ARRAY(
      SELECT o.focus_group_id::text FROM old_rows AS d JOIN organizations AS o USING (organization_id)));
  END IF;
  RETURN NULL;
END;
$$;

CREATE OR REPLACE FUNCTION stale_scores_of_organizations() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF TG_OP = 'UPDATE' THEN
    PERFORM mark_inputs_changed(ARRAY(
      SELECT unnest(ARRAY[n.focus_group_id::text, d.focus_group_id::text])
      FROM new_rows AS n JOIN old_rows AS d USING (organization_id)
      WHERE n.focus_group_id IS DISTINCT FROM d.focus_group_id
        OR n.annual_revenue_usd IS DISTINCT FROM d.annual_revenue_usd));
  ELSE
    PERFORM mark_inputs_changed(ARRAY(SELECT focus_group_id::text FROM old_rows));
  END IF;
  RETURN NULL;
END;
$$;

-- A dimension changes what every sector's inputs are (which scores make an assessment).
CREATE FUNCTION stale_inputs_everywhere() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  UPDATE organization_changes SET version = version + 1;
  UPDATE score_freshness SET stale = TRUE, version = version + 1, inputs_version = version + 1;
  RETURN NULL;
END;
$$;

DROP TRIGGER trg_scores_dimensions ON dimensions;
CREATE TRIGGER trg_scores_dimensions AFTER INSERT OR UPDATE OR DELETE ON dimensions
  FOR EACH STATEMENT EXECUTE FUNCTION stale_inputs_everywhere();
