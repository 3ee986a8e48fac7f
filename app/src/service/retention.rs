//! How long the hub keeps each kind of record: one schedule that the
//! privacy notice prints and the daily retention job applies, so what the
//! notice says is what happens.

/// Days the security and audit log is kept.
pub const AUDIT_RECORD_DAYS: i64 = 730;
/// Days feedback about the service is kept.
pub const FEEDBACK_DAYS: i64 = 365;
/// Days a search that found nothing is kept after it was last made.
pub const SEARCH_MISS_DAYS: i64 = 365;
/// Days a report about content is kept after it was decided.
pub const DECIDED_REPORT_DAYS: i64 = 730;

/// The retention job runs once a day, on one instance.
pub const JOB_NAME: &str = "retention";
pub const JOB_EVERY_SECONDS: i64 = 86_400;

/// One line of the schedule: what is kept, and for how long.
#[derive(Clone, Copy, Debug)]
pub struct Retention {
    pub record: &'static str,
    pub period: &'static str,
}

/// The schedule, as the privacy notice shows it.
pub const SCHEDULE: [Retention; 19] = [
    Retention {
        record: "Your account (email address, display name, password hash, two-step verification)",
        period: "Until you delete your account",
    },
    Retention {
        record: "Your network profile and connections",
        period: "Until you delete your account",
    },
    Retention {
        record: "Your progress in modules (lessons done, your answers to their knowledge checks, modules completed)",
        period: "Until you delete your account",
    },
    Retention {
        record: "Your CPD log",
        period: "Until you delete the entries or your account",
    },
    Retention {
        record: "Certificates for the modules you completed (the module, its CPD hours, the date, whether your name is shown)",
        period: "As long as the hub runs, so that anyone you gave one to can check it; when you delete your account it says \"issued to a deleted account\" and no longer names you",
    },
    Retention {
        record: "Your capability self-assessments (each domain's confidence and relevance, with your sectors and region when you took it)",
        period: "Until you delete your account",
    },
    Retention {
        record: "The resources you opened last (your recently viewed list)",
        period: "The last 20; until you clear the list or delete your account",
    },
    Retention {
        record: "Your answers about whether a resource was useful, with your comments and your role title, sectors and region when you answered",
        period: "Until you remove the answer or delete your account",
    },
    Retention {
        record: "Your collections of saved resources, with your notes",
        period: "Until you take the resource out, delete the collection or delete your account",
    },
    Retention {
        record: "Your investigations: their details, timelines, SEIPS findings, contributory factors and safety actions, and whom you share them with",
        period: "Until you delete the investigation or your account",
    },
    Retention {
        record: "Investigations shared with you (your role in each)",
        period: "Until the owner stops sharing it or deletes it, you leave it, either of you deletes your account, or your connection ends",
    },
    Retention {
        record: "Conversations and their messages",
        period: "Until either person in the conversation deletes their account",
    },
    Retention {
        record: "Resources you contributed, with their versions and review history",
        period: "As long as the resource is in the catalogue; when you delete your account they no longer name you",
    },
    Retention {
        record: "Security and audit records (sign-ins, changes to accounts, with the internet address)",
        period: "2 years, then deleted",
    },
    Retention {
        record: "Reports about content, with the content as it was reported and the moderator's decision",
        period: "2 years after the decision, then deleted",
    },
    Retention {
        record: "Feedback about the service",
        period: "1 year, then deleted",
    },
    Retention {
        record: "Searches that found nothing (not linked to anyone)",
        period: "1 year after the search was last made, then deleted",
    },
    Retention {
        record: "Sessions (the session cookie's record on the server)",
        period: "Deleted within 10 minutes of ending (30 minutes without activity, or signing out)",
    },
    Retention {
        record: "Links sent by email (confirming an address, resetting a password) and counts of attempts used to limit abuse",
        period: "Deleted 7 days after the link expires; counts after 1 day",
    },
];

/// The time before which records kept `days` are past their period.
pub fn cutoff(now: i64, days: i64) -> i64 {
    now - days * 86_400
}

/// The schedule as a Markdown table, for the privacy notice.
pub fn schedule_table() -> String {
    let mut table = String::from("| What | How long we keep it |\n|---|---|\n");
    for line in SCHEDULE {
        table.push_str(&format!("| {} | {} |\n", line.record, line.period));
    }
    table
}

/// What one run of the retention job deleted.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct Deleted {
    pub audit_records: u64,
    pub feedback: u64,
    pub search_misses: u64,
    pub decided_reports: u64,
}

/// Deletes every record past its period at `now` (seconds since 1970).
/// Safe to run at any time and more than once.
#[cfg(feature = "ssr")]
pub async fn apply(db: &crate::db::Db, now: i64) -> sqlx::Result<Deleted> {
    Ok(Deleted {
        audit_records: crate::accounts::audit::delete_before(db, cutoff(now, AUDIT_RECORD_DAYS))
            .await?,
        feedback: super::repo::delete_feedback_before(db, cutoff(now, FEEDBACK_DAYS)).await?,
        search_misses: crate::resources::repo::delete_search_misses_before(
            db,
            cutoff(now, SEARCH_MISS_DAYS),
        )
        .await?,
        decided_reports: crate::moderation::repo::delete_decided_before(
            db,
            cutoff(now, DECIDED_REPORT_DAYS),
        )
        .await?,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn cutoffs_are_whole_days_back() {
        assert_eq!(cutoff(1_000_000_000, 1), 1_000_000_000 - 86_400);
    }

    #[test]
    fn the_notice_states_each_period_the_job_applies() {
        let table = schedule_table();
        assert!(table.contains("| Security and audit records"));
        // The job's periods, in the words the notice uses.
        assert_eq!(AUDIT_RECORD_DAYS, 2 * 365);
        assert!(table.contains("2 years, then deleted"));
        assert_eq!(DECIDED_REPORT_DAYS, 2 * 365);
        assert!(table.contains("2 years after the decision"));
        assert_eq!(FEEDBACK_DAYS, 365);
        assert_eq!(SEARCH_MISS_DAYS, 365);
        assert_eq!(table.matches("1 year").count(), 2);
        assert_eq!(table.lines().count(), SCHEDULE.len() + 2);
    }
}
