-- The seed declares org_attributes_financial_services.regulatory_bodies VARCHAR(50)[]: each element
-- is at most 50 characters, as PostgreSQL's migration 5 enforces there. A CHECK cannot look inside
-- a JSON array (it allows no subquery, and json_each is one), so two triggers refuse an insert or an
-- update whose array holds a longer element. Text that is not JSON is left to the column's CHECK.
-- Rows written before this migration are not checked again; copying one to PostgreSQL would be
-- refused there.

CREATE TRIGGER trg_org_attributes_financial_services_regulatory_bodies_insert
BEFORE INSERT ON org_attributes_financial_services
WHEN json_valid(NEW.regulatory_bodies)
  AND EXISTS (SELECT 1 FROM json_each(NEW.regulatory_bodies) WHERE length(value) > 50)
BEGIN
  SELECT RAISE(ABORT, 'regulatory_bodies holds texts of at most 50 characters');
END;

CREATE TRIGGER trg_org_attributes_financial_services_regulatory_bodies_update
BEFORE UPDATE OF regulatory_bodies ON org_attributes_financial_services
WHEN json_valid(NEW.regulatory_bodies)
  AND EXISTS (SELECT 1 FROM json_each(NEW.regulatory_bodies) WHERE length(value) > 50)
BEGIN
  SELECT RAISE(ABORT, 'regulatory_bodies holds texts of at most 50 characters');
END;
