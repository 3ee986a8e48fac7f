-- A profile is listed while its account is active. The database keeps the
-- two in step, so suspending an account (the accounts area) hides its
-- profile (the network area) without either area's code calling the other.
CREATE FUNCTION list_profile_of_active_account() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    UPDATE profiles SET listed = (NEW.status = 'active') WHERE user_id = NEW.id;
    RETURN NEW;
END;
$$;

CREATE TRIGGER users_status_lists_profile AFTER UPDATE OF status ON users
    FOR EACH ROW WHEN (OLD.status IS DISTINCT FROM NEW.status)
    EXECUTE FUNCTION list_profile_of_active_account();
