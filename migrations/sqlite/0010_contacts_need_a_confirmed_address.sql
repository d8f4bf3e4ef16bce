-- A registration makes its person a contact (subscribed) only once their address is
-- confirmed: an unconfirmed address may belong to someone else, who never asked for mail,
-- and an imported contact must not be linked to an account that merely claims its address.
DROP TRIGGER registrations_make_contacts;
CREATE TRIGGER registrations_make_contacts AFTER INSERT ON registrations
BEGIN
    INSERT INTO contacts (organization_id, email, email_key, name, name_key, user_id, status,
                          status_at, status_source, created_at)
    SELECT e.organization_id, u.email, lower(u.email), u.display_name, u.name_key, u.id, 'subscribed',
           NEW.created_at, 'registration', NEW.created_at
    FROM events e, users u
    WHERE e.id = NEW.event_id AND u.id = NEW.user_id AND u.email_verified_at IS NOT NULL
    ON CONFLICT (organization_id, email_key) DO UPDATE SET user_id = excluded.user_id
    WHERE contacts.user_id IS NULL;
END;

-- Confirming the address makes the person a contact of every organization whose events
-- they joined before.
CREATE TRIGGER users_confirmed_make_contacts AFTER UPDATE OF email_verified_at ON users
WHEN OLD.email_verified_at IS NULL AND NEW.email_verified_at IS NOT NULL
BEGIN
    INSERT INTO contacts (organization_id, email, email_key, name, name_key, user_id, status,
                          status_at, status_source, created_at)
    SELECT e.organization_id, NEW.email, lower(NEW.email), NEW.display_name, NEW.name_key, NEW.id,
           'subscribed', NEW.email_verified_at, 'registration', NEW.email_verified_at
    FROM registrations r JOIN events e ON e.id = r.event_id
    WHERE r.user_id = NEW.id
    GROUP BY e.organization_id
    ON CONFLICT (organization_id, email_key) DO UPDATE SET user_id = excluded.user_id
    WHERE contacts.user_id IS NULL;
END;
