-- The Organizations grid's saved views, shared by every instance on this database (SQLite's migration
-- 007 creates the same table). A view is the grid's JSON object, which only the grid interprets.
-- The app accepts 16 KiB of JSON; the bound here is twice that, as PostgreSQL writes jsonb with spaces.

CREATE TABLE saved_views (
  name VARCHAR(80) PRIMARY KEY CHECK (name <> '' AND name = btrim(name)),
  view JSONB NOT NULL CHECK (jsonb_typeof(view) = 'object' AND length(view::text) <= 32768),
  saved_at TIMESTAMPTZ NOT NULL
);
