//! What each `hub` command does.

use app::db::Db;

use crate::config::{Cli, Command, Settings};
use crate::progress::Progress;
use crate::seed::{self, demo::Seeded};
use crate::startup::Application;

/// Runs the command the user asked for. Errors are one sentence each, for
/// `main` to print.
pub async fn run(cli: Cli) -> Result<(), String> {
    let settings = Settings::try_from(cli.settings).map_err(|error| error.to_string())?;
    match cli.command.unwrap_or(Command::Serve) {
        Command::Serve => {
            let application = Application::build(settings)
                .await
                .map_err(|error| error.to_string())?;
            application
                .run_until_stopped()
                .await
                .map_err(|error| format!("The server stopped: {error}."))
        }
        Command::Migrate => {
            let db = open(&settings).await?;
            db.close().await;
            tracing::info!(database = %settings.database, "migrations applied");
            Ok(())
        }
        Command::SeedDemo => {
            let db = open(&settings).await?;
            let seeded = seed::demo::seed(&db)
                .await
                .map_err(|error| error.to_string())?;
            let profiles = seed::network::seed(&db)
                .await
                .map_err(|error| error.to_string())?;
            let contributions = seed::contributions::seed(&db)
                .await
                .map_err(|error| error.to_string())?;
            db.close().await;
            if contributions > 0 {
                tracing::info!(contributions, "demo contributions loaded");
            }
            if profiles > 0 {
                tracing::info!(profiles, "demo network loaded");
            }
            match seeded {
                Seeded::Loaded {
                    organisations,
                    resources,
                } => {
                    tracing::info!(organisations, resources, "demo catalogue loaded")
                }
                Seeded::AlreadyHasData { resources } => {
                    tracing::info!(
                        resources,
                        "the database already has resources; demo data not loaded"
                    )
                }
            }
            Ok(())
        }
        Command::CreateAdmin { email, name } => {
            let db = open(&settings).await?;
            let message = create_admin(&db, &settings, &email, &name).await;
            db.close().await;
            println!("{}", message?);
            Ok(())
        }
        Command::Import { file, dry_run } => {
            use app::curation::import::{import, Format};
            let format = Format::for_path(&file)?;
            let text = std::fs::read_to_string(&file)
                .map_err(|error| format!("Could not read {}: {error}.", file.display()))?;
            let db = open(&settings).await?;
            let progress = Progress::spinner(&format!(
                "{} {}",
                if dry_run { "Checking" } else { "Importing" },
                file.display()
            ));
            let report = import(&db, format, &text, dry_run)
                .await
                .map_err(|error| format!("Could not write to the database: {error}."));
            db.close().await;
            progress.finish(match &report {
                Ok(report) if report.problems.is_empty() => "done",
                _ => "stopped",
            });
            let report = report?;
            for problem in &report.problems {
                println!("{}: {problem}", file.display());
            }
            if !report.problems.is_empty() {
                return Err(format!(
                    "{} of {} rows have problems (listed above); nothing was imported.",
                    report.problems.len(),
                    report.rows
                ));
            }
            if dry_run {
                println!(
                    "All {} rows are valid. Nothing was imported (dry run).",
                    report.rows
                );
            } else {
                println!("Imported {} resources.", report.imported);
            }
            Ok(())
        }
        Command::CheckLinks => {
            let db = open(&settings).await?;
            let progress = std::sync::OnceLock::<Progress>::new();
            let summary = crate::links::check_all_reporting(
                &db,
                &crate::links::CheckerSettings::default(),
                |done, total| {
                    progress
                        .get_or_init(|| Progress::bar("Checking links", total as u64))
                        .set(done as u64)
                },
            )
            .await
            .map_err(|error| format!("Could not record the link checks: {error}."));
            db.close().await;
            if let Some(progress) = progress.into_inner() {
                progress.finish("done");
            }
            let summary = summary?;
            println!(
                "Checked {} links: {} working, {} need attention (see /curation/links).",
                summary.checked, summary.ok, summary.problems
            );
            Ok(())
        }
        Command::SeedSynthetic { resources } => {
            let db = open(&settings).await?;
            let progress = Progress::bar("Adding synthetic resources", resources as u64);
            let added = seed::synthetic::seed(&db, resources, |done| progress.set(done as u64))
                .await
                .map_err(|error| error.to_string());
            db.close().await;
            let added = added?;
            progress.finish(&format!("{added} added"));
            Ok(())
        }
        Command::Backup { file } => {
            let db = crate::backup::open_existing(&settings.database).await?;
            let outcome = crate::backup::backup(&db, &settings.database, &file).await;
            db.close().await;
            println!("{}", outcome?);
            Ok(())
        }
        Command::Restore { file } => {
            println!(
                "{}",
                crate::backup::restore(&settings.database, &file).await?
            );
            Ok(())
        }
    }
}

/// Opens the configured database and brings its schema up to date.
async fn open(settings: &Settings) -> Result<Db, String> {
    let db = crate::db::connect(&settings.database)
        .await
        .map_err(|error| error.to_string())?;
    crate::db::migrate(&db, &settings.database)
        .await
        .map_err(|error| error.to_string())?;
    Ok(db)
}

/// Makes `email` an admin (creating a verified account with no usable
/// password if there is none) and says how to sign in.
async fn create_admin(
    db: &Db,
    settings: &Settings,
    email: &str,
    name: &str,
) -> Result<String, String> {
    use app::accounts::audit::{self, AuditAction, AuditEvent};
    use app::accounts::repo::{self, LinkPurpose};
    use app::accounts::{password, DisplayName, EmailAddress, Role};
    use app::web::tokens;

    let email = EmailAddress::parse(email).map_err(|message| format!("--email: {message}"))?;
    let name = DisplayName::parse(name).map_err(|message| format!("--name: {message}"))?;
    let failed = |error: sqlx::Error| format!("Could not update the database: {error}.");
    let (id, created) = match repo::by_email(db, &email).await.map_err(failed)? {
        Some(user) => (user.id, false),
        None => {
            // Nobody knows this password; the admin sets one from the link.
            let unusable = password::hash_now(&tokens::random_token());
            let id = repo::create_user(db, &email, name.as_str(), &unusable, Role::Admin, true)
                .await
                .map_err(failed)?
                .ok_or("The account was created by someone else at the same moment; run the command again.")?;
            (id, true)
        }
    };
    repo::set_role(db, id, Role::Admin).await.map_err(failed)?;
    repo::mark_verified(db, id).await.map_err(failed)?;
    audit::record(db, AuditEvent::new(AuditAction::AdminCreated).on(id)).await;
    if !created {
        return Ok(format!(
            "{email} is now an admin. They sign in as usual and must set up two-step verification."
        ));
    }
    let token = repo::create_link_token(db, id, LinkPurpose::Reset, None)
        .await
        .map_err(failed)?;
    Ok(format!(
        "{email} is now an admin. Within 1 hour, open this link to choose a password, then sign in and set up two-step verification:\n{}/reset-password/{token}",
        settings.public_url
    ))
}
