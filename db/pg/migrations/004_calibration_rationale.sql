-- Calibrations keep why each version has its value, as weights do in weight_rationale (SQLite's
-- migration 006 added the same column): `description` keeps saying what the parameter means.

ALTER TABLE focus_group_calibrations ADD COLUMN rationale TEXT;
