//! An investigation kept in the browser, for anyone (no account): its
//! rules, shared by the browser's timeline tool and the unit tests.
//!
//! It is kept as the workspace file (`exchange`): the browser's storage
//! holds the same text a download gives and the import page reads, so one
//! versioned format, read through the forms' parsers, serves storage,
//! download and saving to an account. A copy that no longer reads (damaged,
//! or written by a newer hub) is left as it is, never overwritten.

use super::exchange::{export, read_timeline, ImportError};
use super::timeline::{in_order, parse_entry, Entry, EntryInput};
use super::types::{parse_details, Details, DetailsInput, Workspace, MAX_ENTRIES};
use crate::forms::FieldErrors;
use crate::vocabulary::LearningResponse;

/// The tool's page, the service worker's scope.
pub const LOCAL_PAGE: &str = "/workspaces/local";

/// The browser storage key the investigation's file is kept under.
pub const STORAGE_KEY: &str = "hub.investigation";

/// What the page says of an investigation not yet saved to the account.
pub const UNSAVED_STATUS: &str = "Saving makes a new investigation in your account from this one; this browser keeps its own copy until you delete it. After that, save again to send your changes there.";

/// The browser storage key of the account's copy it was last saved to.
pub const ACCOUNT_KEY: &str = "hub.investigation.account";

/// The copy in a member's account this browser's investigation was last
/// saved to: its id, the version that save made (the next save is made
/// from it, and refused if the account's copy has moved on), and whether
/// it has changed here since. Kept as `id version changed|sent`.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct AccountCopy {
    pub id: i64,
    pub version: i64,
    pub changed: bool,
}

impl AccountCopy {
    /// Reads what was kept; None for anything else (then it is unlinked,
    /// and the next save makes a new copy).
    pub fn read(kept: &str) -> Option<Self> {
        let mut words = kept.split(' ');
        let id = words.next()?.parse().ok().filter(|id| *id > 0)?;
        let version = words.next()?.parse().ok().filter(|version| *version > 0)?;
        let changed = match words.next()? {
            "changed" => true,
            "sent" => false,
            _ => return None,
        };
        words.next().is_none().then_some(Self {
            id,
            version,
            changed,
        })
    }

    pub fn text(&self) -> String {
        let changed = if self.changed { "changed" } else { "sent" };
        format!("{} {} {changed}", self.id, self.version)
    }

    /// What the page says about it.
    pub fn status(&self) -> &'static str {
        if self.changed {
            "Changed here since it was last saved to your account: send your changes to keep them there too."
        } else {
            "Saved to your account as it is here."
        }
    }
}

/// A short fingerprint of a kept file (FNV-1a, 64 bits, in hex), to tell
/// whether the browser's copy is still the one it sent. Carriage returns
/// are skipped: a form sends its fields' line ends as CR LF.
pub fn file_digest(file: &str) -> String {
    let digest = file
        .bytes()
        .filter(|byte| *byte != b'\r')
        .fold(0xcbf2_9ce4_8422_2325_u64, |hash, byte| {
            (hash ^ u64::from(byte)).wrapping_mul(0x0100_0000_01b3)
        });
    format!("{digest:016x}")
}

/// The investigation this browser holds.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct LocalInvestigation {
    workspace: Workspace,
}

impl Default for LocalInvestigation {
    /// A new one: details the investigator changes when they know them.
    fn default() -> Self {
        Self {
            workspace: Workspace::unsaved(
                Details {
                    title: "Investigation in this browser".to_string(),
                    response: LearningResponse::Psii,
                    sector: None,
                    scope: String::new(),
                },
                Vec::new(),
            ),
        }
    }
}

impl LocalInvestigation {
    /// Reads a kept file back, by the import's rules (a timeline only).
    pub fn read(file: &str) -> Result<Self, ImportError> {
        Ok(Self {
            workspace: read_timeline(file)?,
        })
    }

    /// The file to keep, download or save to an account.
    pub fn file(&self) -> String {
        export(&self.workspace)
    }

    pub fn workspace(&self) -> &Workspace {
        &self.workspace
    }

    /// Adds an entry (in time order): its id, or why it cannot be added.
    pub fn add_entry(&mut self, input: &EntryInput) -> Result<i64, FieldErrors> {
        let entries = &mut self.workspace.entries;
        if entries.len() >= MAX_ENTRIES as usize {
            return Err(vec![(
                "what",
                format!("A timeline holds at most {MAX_ENTRIES} entries: delete one first"),
            )]);
        }
        let ids: Vec<i64> = entries.iter().map(|entry| entry.id).collect();
        let mut entry = parse_entry(input, &ids)?;
        entry.id = ids.iter().max().copied().unwrap_or(0) + 1;
        let id = entry.id;
        entries.push(entry);
        in_order(entries);
        Ok(id)
    }

    /// Deletes an entry: entries recording the same event lose that link,
    /// findings citing it lose it as evidence (as on the server).
    pub fn remove_entry(&mut self, id: i64) -> Option<Entry> {
        let workspace = &mut self.workspace;
        let at = workspace.entries.iter().position(|entry| entry.id == id)?;
        let removed = workspace.entries.remove(at);
        for entry in &mut workspace.entries {
            if entry.same_as == Some(id) {
                entry.same_as = None;
            }
        }
        for finding in &mut workspace.findings {
            finding.evidence.retain(|cited| *cited != id);
        }
        Some(removed)
    }

    /// Changes the title, kind of response, sector and scope.
    pub fn change_details(&mut self, input: &DetailsInput) -> Result<(), FieldErrors> {
        self.workspace.details = parse_details(input)?;
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::toolkits::exchange::FORMAT;

    fn entry(date: &str, time: &str, what: &str) -> EntryInput {
        EntryInput {
            date: date.into(),
            time: time.into(),
            what: what.into(),
            source: "clinical-record".into(),
            ..EntryInput::default()
        }
    }

    #[test]
    fn the_account_copy_reads_back_and_refuses_anything_else() {
        let copy = AccountCopy {
            id: 12,
            version: 3,
            changed: true,
        };
        assert_eq!(AccountCopy::read(&copy.text()), Some(copy));
        let sent = AccountCopy {
            changed: false,
            ..copy
        };
        assert_eq!(sent.text(), "12 3 sent");
        assert_eq!(AccountCopy::read("12 3 sent"), Some(sent));
        for kept in [
            "",
            "12",
            "12 3",
            "12 3 maybe",
            "12 3 sent extra",
            "0 3 sent",
            "12 0 sent",
            "-1 3 sent",
            "x 3 sent",
            "12  3 sent",
            "12 3 sent\n",
            "<b>12</b> 3 sent",
            "99999999999999999999 1 sent",
        ] {
            assert_eq!(AccountCopy::read(kept), None, "{kept:?}");
        }
        assert_ne!(copy.status(), sent.status());
    }

    #[test]
    fn a_files_digest_tells_it_apart_and_ignores_how_lines_end() {
        let file = LocalInvestigation::default().file();
        assert_eq!(file_digest(&file), file_digest(&file.replace('\n', "\r\n")));
        assert_eq!(file_digest(&file).len(), 16);
        let mut changed = LocalInvestigation::default();
        changed
            .add_entry(&entry("2026-03-14", "09:00", "A"))
            .unwrap();
        assert_ne!(file_digest(&file), file_digest(&changed.file()));
        // The published FNV-1a test value.
        assert_eq!(file_digest("a"), "af63dc4c8601ec8c");
    }

    #[test]
    fn entries_stay_in_time_order_and_survive_the_file() {
        let mut local = LocalInvestigation::default();
        let late = local
            .add_entry(&entry("2026-03-14", "14:05", "Review"))
            .unwrap();
        let early = local
            .add_entry(&entry("2026-03-14", "02:10", "Call"))
            .unwrap();
        assert_eq!((late, early), (1, 2));
        let order: Vec<i64> = local.workspace().entries.iter().map(|e| e.id).collect();
        assert_eq!(order, [2, 1]);

        let file = local.file();
        assert!(file.contains(FORMAT));
        let back = LocalInvestigation::read(&file).unwrap();
        assert_eq!(back.workspace().entries, local.workspace().entries);
        assert_eq!(back.file(), file);
    }

    #[test]
    fn bad_entries_and_details_are_refused_with_their_fields() {
        let mut local = LocalInvestigation::default();
        let errors = local
            .add_entry(&entry("2026-02-30", "25:00", ""))
            .unwrap_err();
        let fields: Vec<&str> = errors.iter().map(|(field, _)| *field).collect();
        assert_eq!(fields, ["date", "time", "what"]);
        assert!(local.workspace().entries.is_empty());

        let before = local.clone();
        let errors = local
            .change_details(&DetailsInput {
                title: " ".into(),
                response: "blame".into(),
                ..DetailsInput::default()
            })
            .unwrap_err();
        assert_eq!(errors.len(), 2);
        assert_eq!(local, before, "nothing changes when details are refused");
        local
            .change_details(&DetailsInput {
                title: "Missed repeat prescription".into(),
                response: "after-action-review".into(),
                sector: "primary-care".into(),
                scope: String::new(),
            })
            .unwrap();
        assert_eq!(
            local.workspace().details.title,
            "Missed repeat prescription"
        );
    }

    #[test]
    fn deleting_an_entry_unlinks_what_pointed_to_it() {
        let mut local = LocalInvestigation::default();
        let first = local
            .add_entry(&entry("2026-03-14", "02:10", "Call logged"))
            .unwrap();
        let mut same = entry("2026-03-14", "02:40", "Call, as the nurse recalls");
        same.same_as = first.to_string();
        let second = local.add_entry(&same).unwrap();
        assert_eq!(local.workspace().entries[1].same_as, Some(first));
        // What points to each, either way: the rule the delete pages use.
        assert_eq!(local.workspace().links_to_entry(first), (vec![2], vec![]));
        assert_eq!(local.workspace().links_to_entry(second), (vec![1], vec![]));
        assert_eq!(local.remove_entry(first).map(|e| e.id), Some(first));
        assert_eq!(local.workspace().entries[0].id, second);
        assert_eq!(local.workspace().entries[0].same_as, None);
        assert_eq!(local.remove_entry(first), None);
    }

    #[test]
    fn a_full_timeline_refuses_one_more() {
        let mut local = LocalInvestigation::default();
        for minute in 0..MAX_ENTRIES {
            let time = format!("{:02}:{:02}", minute / 60, minute % 60);
            local
                .add_entry(&entry("2026-03-14", &time, "Observation"))
                .unwrap();
        }
        let errors = local
            .add_entry(&entry("2026-03-15", "01:00", "One more"))
            .unwrap_err();
        assert!(errors[0].1.contains("at most 500"), "{errors:?}");
    }

    #[test]
    fn damaged_or_foreign_copies_are_not_read() {
        assert!(LocalInvestigation::read("{\"format\": \"x").is_err());
        assert!(LocalInvestigation::read("{}").is_err());
        let newer = LocalInvestigation::default()
            .file()
            .replace("\"version\": 1", "\"version\": 99");
        assert!(LocalInvestigation::read(&newer).is_err());
        // A whole investigation's file is for the import page.
        let mut whole =
            crate::toolkits::exchange::import(&LocalInvestigation::default().file()).unwrap();
        whole.findings.push(crate::toolkits::analysis::Finding {
            id: 1,
            element: crate::toolkits::types::SeipsElement::Tasks,
            kind: crate::toolkits::analysis::FindingKind::Barrier,
            text: "Finding".into(),
            evidence: Vec::new(),
            other_evidence: "Interview".into(),
            interacts_with: Vec::new(),
        });
        let error = LocalInvestigation::read(&export(&whole)).unwrap_err();
        assert!(error.message().contains("only a timeline"), "{error}");
        // Bad entries are named, as the import names them.
        let bad = LocalInvestigation::default()
            .file()
            .replace("\"timeline\": []", "\"timeline\": [{\"id\": 1, \"date\": \"2026-02-30\", \"time\": \"10:00\", \"what\": \"x\", \"source\": \"interview\"}]");
        let error = LocalInvestigation::read(&bad).unwrap_err();
        assert!(
            error
                .message()
                .contains("Entry 1: 2026-02-30 is not a real date"),
            "{error}"
        );
    }
}
