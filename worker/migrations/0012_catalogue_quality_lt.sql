-- Issue 14: a catalogue entry's Lithuanian name and the association's quality rules for its values.
--   name_lt  '' where the association has not given one (Lithuanian plans then take the English name).
--   rules    the entry's QualityRules (shared/api/catalogue.ts) as JSON: read and written whole with the
--            entry, never queried by SQL, so one column rather than one per rule; '{}' is none.
ALTER TABLE catalogue_entries ADD COLUMN name_lt TEXT NOT NULL DEFAULT '';
ALTER TABLE catalogue_entries ADD COLUMN rules TEXT NOT NULL DEFAULT '{}' CHECK (json_valid(rules) AND json_type(rules) = 'object');
