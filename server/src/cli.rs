//! What each `hub` command does.

use app::db::Db;

use crate::config::{Cli, Command, Settings};
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
            db.close().await;
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
        Command::SeedSynthetic { resources } => {
            let db = open(&settings).await?;
            let added = seed::synthetic::seed(&db, resources, |done| {
                if done % 10_000 == 0 {
                    tracing::info!(done, "synthetic resources added");
                }
            })
            .await
            .map_err(|error| error.to_string())?;
            db.close().await;
            tracing::info!(added, "synthetic catalogue loaded");
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
