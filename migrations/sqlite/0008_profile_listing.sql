-- A profile is listed while its account is active. The database keeps the
-- two in step, so suspending an account (the accounts area) hides its
-- profile (the network area) without either area's code calling the other.
CREATE TRIGGER users_status_lists_profile AFTER UPDATE OF status ON users
BEGIN
    UPDATE profiles SET listed = (NEW.status = 'active') WHERE user_id = NEW.id;
END;
