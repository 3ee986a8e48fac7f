//! The settings: database addresses, time limits and secrets, read from
//! the command line alone.
use super::*;

/// The command line as given, ignoring the environment: every setting
/// also reads its variable, and a shell with, say,
/// HUB_REQUEST_TIMEOUT_SECS set must not change what a test reads.
fn cli(args: &[&str]) -> Result<Cli, clap::Error> {
    use clap::{CommandFactory, FromArgMatches};
    let command = Cli::command().mut_args(|arg| arg.env(None::<&'static str>));
    Cli::from_arg_matches(&command.try_get_matches_from(args)?)
}

#[test]
fn sqlite_urls_name_a_file() {
    assert_eq!(
        "sqlite://data/hub.db".parse::<DatabaseUrl>().unwrap(),
        DatabaseUrl::Sqlite {
            path: "data/hub.db".into()
        }
    );
    assert_eq!(
        "sqlite:///tmp/x.db?mode=rwc"
            .parse::<DatabaseUrl>()
            .unwrap(),
        DatabaseUrl::Sqlite {
            path: "/tmp/x.db".into()
        }
    );
    assert!(matches!(
        "sqlite://".parse::<DatabaseUrl>(),
        Err(ConfigError::DatabaseUrl(_, _))
    ));
}

#[test]
fn postgres_urls_are_kept_and_passwords_hidden() {
    let url: DatabaseUrl = "postgres://hub:secret@db.example:5432/hub".parse().unwrap();
    assert_eq!(url.to_string(), "postgres://hub:***@db.example:5432/hub");
    assert!(!format!("{url:?}").contains("secret"));
}

#[test]
fn other_schemes_are_refused_with_a_reason() {
    let error = "mysql://root:pw@localhost/hub"
        .parse::<DatabaseUrl>()
        .unwrap_err();
    let message = error.to_string();
    assert!(
        message.contains("must start with sqlite:// or postgres://"),
        "{message}"
    );
    assert!(!message.contains("pw@"), "{message}");
}

#[test]
fn bad_addresses_are_refused() {
    let args = SettingsArgs {
        database_url: "sqlite://x.db".into(),
        addr: "localhost".into(),
        site_root: "target/site".into(),
        max_body_bytes: 10,
        request_timeout_secs: 30,
        upload_timeout_secs: 600,
        public_url: "http://127.0.0.1:3000".into(),
        contact_email: "team@example.org".into(),
        smtp_url: None,
        mail_from: "hub@example.org".into(),
        outbox_dir: "data/outbox".into(),
        secure_cookies: false,
        trusted_proxies: String::new(),
        forwarded_header: "x-forwarded-for".into(),
        credential_key: None,
    };
    assert_eq!(
        Settings::try_from(args.clone()).unwrap_err(),
        ConfigError::Address("localhost".into())
    );
}

#[test]
fn time_limits_are_read_in_seconds_and_never_zero() {
    let parse = |flags: &[&str]| {
        let mut all = vec!["hub"];
        all.extend_from_slice(flags);
        Settings::try_from(cli(&all).unwrap().settings)
    };
    let defaults = parse(&[]).unwrap();
    assert_eq!(defaults.request_time_limit, Duration::from_secs(30));
    assert_eq!(defaults.upload_time_limit, Duration::from_secs(600));
    let set = parse(&[
        "--request-timeout-secs",
        "5",
        "--upload-timeout-secs",
        "900",
    ])
    .unwrap();
    assert_eq!(set.request_time_limit, Duration::from_secs(5));
    assert_eq!(set.upload_time_limit, Duration::from_secs(900));
    assert_eq!(
        parse(&["--request-timeout-secs", "0"]).unwrap_err(),
        ConfigError::TimeLimit("HUB_REQUEST_TIMEOUT_SECS")
    );
    assert_eq!(
        parse(&["--upload-timeout-secs", "0"]).unwrap_err(),
        ConfigError::TimeLimit("HUB_UPLOAD_TIMEOUT_SECS")
    );
    assert!(cli(&["hub", "--request-timeout-secs=-1"]).is_err());
}

fn args_with_key(key: &str) -> SettingsArgs {
    cli(&["hub", "--credential-key", key]).unwrap().settings
}

#[test]
fn help_never_prints_the_values_of_settings_that_hold_secrets() {
    use clap::CommandFactory;
    let command = Cli::command();
    for id in ["database_url", "smtp_url", "credential_key"] {
        let arg = command
            .get_arguments()
            .find(|arg| arg.get_id() == id)
            .expect(id);
        assert!(arg.is_hide_env_values_set(), "{id}");
    }
}

#[test]
fn a_credential_key_setting_is_used_and_never_shown() {
    let key = SigningKey::generate().unwrap();
    let args = args_with_key(&key.stored());
    assert!(!format!("{args:?}").contains(&key.stored()));
    let settings = Settings::try_from(args).unwrap();
    assert_eq!(settings.credential_key.unwrap().kid(), key.kid());
    let refused = Settings::try_from(args_with_key("not-a-key")).unwrap_err();
    assert_eq!(refused, ConfigError::CredentialKey);
    assert!(!refused.to_string().contains("not-a-key"));
    let empty = Settings::try_from(args_with_key(" ")).unwrap();
    assert!(
        empty.credential_key.is_none(),
        "empty means the database's key"
    );
}
