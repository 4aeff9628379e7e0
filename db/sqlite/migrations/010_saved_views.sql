-- The Organizations grid's saved views, in the database rather than in one browser profile, so that
-- every window and instance on this file shares them. A view is the grid's JSON object (filters, sort,
-- columns), which only the grid interprets; the database keeps it an object of bounded size.
-- The app accepts 16 KiB of JSON; the bound here is twice that, as PostgreSQL writes jsonb with spaces.

CREATE TABLE saved_views (
  name TEXT PRIMARY KEY CHECK (length(name) BETWEEN 1 AND 80 AND name = trim(name)),
  view TEXT NOT NULL CHECK (json_valid(view) AND json_type(view) = 'object' AND length(view) <= 32768),
  saved_at TEXT NOT NULL CHECK (strftime('%Y-%m-%dT%H:%M:%fZ', saved_at) = saved_at)
);
