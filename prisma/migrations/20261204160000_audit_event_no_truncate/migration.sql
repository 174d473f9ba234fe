-- The append-only trigger fires per row, so TRUNCATE (which fires no row trigger) could still
-- empty the audit log. Refuse it too, once per statement (docs/decisions/021).
CREATE TRIGGER audit_event_no_truncate
  BEFORE TRUNCATE ON "AuditEvent"
  FOR EACH STATEMENT EXECUTE FUNCTION audit_event_is_append_only();

-- The app's runtime role may read and append audit rows, never change or remove them. Roles are
-- named per deployment, so take back these rights from every role but the table's owner: a
-- default privilege (ALTER DEFAULT PRIVILEGES, scripts/lib/db-roles.ts) may have granted them
-- when an earlier migration created the table.
DO $$
DECLARE
  grantee text;
BEGIN
  FOR grantee IN
    SELECT DISTINCT g.grantee::regrole::text
    FROM pg_class c, aclexplode(c.relacl) g
    WHERE c.oid = '"AuditEvent"'::regclass
      AND g.grantee <> 0
      AND g.grantee <> c.relowner
      AND g.privilege_type IN ('UPDATE', 'DELETE', 'TRUNCATE', 'REFERENCES', 'TRIGGER')
  LOOP
    EXECUTE format('REVOKE UPDATE, DELETE, TRUNCATE, REFERENCES, TRIGGER ON "AuditEvent" FROM %s', grantee);
  END LOOP;
  REVOKE UPDATE, DELETE, TRUNCATE, REFERENCES, TRIGGER ON "AuditEvent" FROM PUBLIC;
END;
$$;
