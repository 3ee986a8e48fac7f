//! What each `hub` command does.

use crate::config::{Cli, Command, Settings};
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
            let db = crate::db::connect(&settings.database)
                .await
                .map_err(|error| error.to_string())?;
            crate::db::migrate(&db, &settings.database)
                .await
                .map_err(|error| error.to_string())?;
            db.close().await;
            tracing::info!(database = %settings.database, "migrations applied");
            Ok(())
        }
    }
}
