-- Organizations per sector and status, kept by triggers, so that the grid's total for any sector and
-- status filter is a sum over at most (sectors x 3) rows. Counting through an index reads every
-- entry: a first count of all organizations, or of the active ones, took 195-270 ms at a million on
-- the shared test machine (the target is 50 ms). Counts with a name search still scan.

CREATE TABLE organization_counts (
  focus_group_id TEXT NOT NULL,
  status TEXT NOT NULL,
  organizations INTEGER NOT NULL CHECK (typeof(organizations) = 'integer' AND organizations >= 0),
  PRIMARY KEY (focus_group_id, status)
) WITHOUT ROWID;

INSERT INTO organization_counts (focus_group_id, status, organizations)
SELECT focus_group_id, status, count(*) FROM organizations GROUP BY focus_group_id, status;

CREATE TRIGGER trg_organization_counts_insert
AFTER INSERT ON organizations
BEGIN
  INSERT INTO organization_counts (focus_group_id, status, organizations)
  VALUES (NEW.focus_group_id, NEW.status, 1)
  ON CONFLICT (focus_group_id, status) DO UPDATE SET organizations = organizations + 1;
END;

CREATE TRIGGER trg_organization_counts_delete
AFTER DELETE ON organizations
BEGIN
  UPDATE organization_counts SET organizations = organizations - 1
  WHERE focus_group_id = OLD.focus_group_id AND status = OLD.status;
END;

CREATE TRIGGER trg_organization_counts_update
AFTER UPDATE OF focus_group_id, status ON organizations
WHEN OLD.focus_group_id IS NOT NEW.focus_group_id OR OLD.status IS NOT NEW.status
BEGIN
  UPDATE organization_counts SET organizations = organizations - 1
  WHERE focus_group_id = OLD.focus_group_id AND status = OLD.status;
  INSERT INTO organization_counts (focus_group_id, status, organizations)
  VALUES (NEW.focus_group_id, NEW.status, 1)
  ON CONFLICT (focus_group_id, status) DO UPDATE SET organizations = organizations + 1;
END;
