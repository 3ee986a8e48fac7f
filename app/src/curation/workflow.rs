//! The review workflow as a pure state machine: which step may move a
//! resource from which stage, and who may take it. The repository applies
//! a step only if the stage is still the one this was decided on.

use serde::{Deserialize, Serialize};

use crate::vocabulary::{vocabulary, Status, Vocabulary};

vocabulary! {
    /// Where a resource is in review.
    Stage, "stage" {
        Draft = 0, "draft", "Draft";
        Submitted = 1, "submitted", "Waiting for review";
        ChangesRequested = 2, "changes_requested", "Changes requested";
        Rejected = 3, "rejected", "Rejected";
        Published = 4, "published", "Published";
        Unpublished = 5, "unpublished", "Unpublished";
        Archived = 6, "archived", "Archived";
    }
}

vocabulary! {
    /// What someone does to a resource's stage.
    Step, "step" {
        Submit = 0, "submit", "Submit for review";
        Withdraw = 1, "withdraw", "Withdraw from review";
        Publish = 2, "publish", "Approve and publish";
        RequestChanges = 3, "request_changes", "Request changes";
        Reject = 4, "reject", "Reject";
        Unpublish = 5, "unpublish", "Unpublish";
        Archive = 6, "archive", "Archive";
    }
}

impl Stage {
    /// What the public catalogue and search read.
    pub fn status(self) -> Status {
        match self {
            Stage::Published => Status::Published,
            Stage::Archived => Status::Archived,
            _ => Status::Draft,
        }
    }
}

/// The person taking a step, as far as the workflow cares.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Actor {
    /// Proposed this resource.
    pub is_owner: bool,
    /// A curator or admin.
    pub is_curator: bool,
}

/// Why a step was refused.
#[derive(Clone, Debug, PartialEq, Eq, thiserror::Error)]
pub enum Refusal {
    #[error("Only a curator can {0}")]
    CuratorsOnly(&'static str),
    #[error("Only the person who proposed this resource can {0}")]
    OwnerOnly(&'static str),
    #[error("A resource that is {stage} cannot be {done}")]
    NotFrom { stage: String, done: &'static str },
    #[error("{0}")]
    NoteNeeded(&'static str),
    #[error("Someone else changed this resource a moment ago: look again before you go on")]
    Stale,
    #[error("Another curator must review and publish what you proposed yourself")]
    OwnWork,
}

impl Step {
    /// The steps each stage offers, in the order the page lists them.
    pub fn from_stage(stage: Stage) -> &'static [Step] {
        match stage {
            Stage::Draft | Stage::ChangesRequested => &[Step::Submit, Step::Archive],
            Stage::Submitted => &[
                Step::Publish,
                Step::RequestChanges,
                Step::Reject,
                Step::Withdraw,
            ],
            Stage::Published => &[Step::Unpublish, Step::Archive],
            Stage::Unpublished => &[Step::Publish, Step::Archive],
            Stage::Rejected => &[Step::Archive],
            Stage::Archived => &[],
        }
    }

    fn verb(self) -> &'static str {
        match self {
            Step::Submit => "submitted",
            Step::Withdraw => "withdrawn",
            Step::Publish => "published",
            Step::RequestChanges => "sent back for changes",
            Step::Reject => "rejected",
            Step::Unpublish => "unpublished",
            Step::Archive => "archived",
        }
    }

    fn curators_only(self) -> bool {
        !matches!(self, Step::Submit | Step::Withdraw)
    }

    /// The stage this step leads to from `stage`, if `actor` may take it.
    pub fn apply(self, stage: Stage, actor: Actor, note: &str) -> Result<Stage, Refusal> {
        if self.curators_only() && !actor.is_curator {
            return Err(Refusal::CuratorsOnly(match self {
                Step::Publish => "publish a resource",
                Step::RequestChanges => "request changes",
                Step::Reject => "reject a resource",
                Step::Unpublish => "unpublish a resource",
                _ => "archive a resource",
            }));
        }
        // Curators may submit a draft they are working on for someone else,
        // but only the proposer withdraws their own submission.
        match self {
            Step::Submit if !actor.is_owner && !actor.is_curator => {
                return Err(Refusal::OwnerOnly("submit it"))
            }
            Step::Withdraw if !actor.is_owner => return Err(Refusal::OwnerOnly("withdraw it")),
            // Review means a second person: nobody publishes their own
            // submission (republishing after an unpublish is not a review).
            Step::Publish if actor.is_owner && stage == Stage::Submitted => {
                return Err(Refusal::OwnWork)
            }
            _ => {}
        }
        if !Step::from_stage(stage).contains(&self) {
            return Err(Refusal::NotFrom {
                stage: stage.label().to_lowercase(),
                done: self.verb(),
            });
        }
        let note = note.trim();
        match self {
            Step::RequestChanges if note.is_empty() => {
                return Err(Refusal::NoteNeeded(
                    "Write what needs to change, so the contributor can act on it",
                ))
            }
            Step::Reject if note.is_empty() => {
                return Err(Refusal::NoteNeeded(
                    "Give the reason for rejecting, so the contributor understands",
                ))
            }
            _ => {}
        }
        Ok(match self {
            Step::Submit => Stage::Submitted,
            Step::Withdraw => Stage::Draft,
            Step::Publish => Stage::Published,
            Step::RequestChanges => Stage::ChangesRequested,
            Step::Reject => Stage::Rejected,
            Step::Unpublish => Stage::Unpublished,
            Step::Archive => Stage::Archived,
        })
    }
}

/// Whether `actor` may change the content of a resource at `stage`:
/// proposers while it is theirs to work on, curators until it is closed.
pub fn may_edit(stage: Stage, actor: Actor) -> bool {
    match stage {
        Stage::Draft | Stage::ChangesRequested => actor.is_owner || actor.is_curator,
        Stage::Submitted | Stage::Published | Stage::Unpublished => actor.is_curator,
        Stage::Rejected | Stage::Archived => false,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const OWNER: Actor = Actor {
        is_owner: true,
        is_curator: false,
    };
    const CURATOR: Actor = Actor {
        is_owner: false,
        is_curator: true,
    };
    const STRANGER: Actor = Actor {
        is_owner: false,
        is_curator: false,
    };

    #[test]
    fn the_happy_path() {
        let submitted = Step::Submit.apply(Stage::Draft, OWNER, "").unwrap();
        assert_eq!(submitted, Stage::Submitted);
        let back = Step::RequestChanges
            .apply(submitted, CURATOR, "Add a worked example")
            .unwrap();
        assert_eq!(back, Stage::ChangesRequested);
        let again = Step::Submit.apply(back, OWNER, "").unwrap();
        assert_eq!(
            Step::Publish.apply(again, CURATOR, "").unwrap(),
            Stage::Published
        );
    }

    #[test]
    fn every_step_not_offered_from_a_stage_is_refused() {
        let anyone = Actor {
            is_owner: true,
            is_curator: true,
        };
        for &stage in Stage::ALL {
            for &step in Step::ALL {
                // Publishing a submission needs someone other than its proposer.
                let actor = if step == Step::Publish {
                    CURATOR
                } else {
                    anyone
                };
                let result = step.apply(stage, actor, "a note");
                if Step::from_stage(stage).contains(&step) {
                    assert!(result.is_ok(), "{step:?} from {stage:?}");
                } else {
                    assert!(
                        matches!(result, Err(Refusal::NotFrom { .. })),
                        "{step:?} from {stage:?} gave {result:?}"
                    );
                }
            }
        }
    }

    #[test]
    fn roles_are_checked_on_each_step() {
        for step in [
            Step::Publish,
            Step::RequestChanges,
            Step::Reject,
            Step::Unpublish,
            Step::Archive,
        ] {
            assert!(matches!(
                step.apply(Stage::Submitted, OWNER, "note"),
                Err(Refusal::CuratorsOnly(_))
            ));
        }
        assert!(matches!(
            Step::Submit.apply(Stage::Draft, STRANGER, ""),
            Err(Refusal::OwnerOnly(_))
        ));
        assert!(matches!(
            Step::Withdraw.apply(Stage::Submitted, CURATOR, ""),
            Err(Refusal::OwnerOnly(_))
        ));
    }

    #[test]
    fn nobody_publishes_their_own_submission() {
        let curator_owner = Actor {
            is_owner: true,
            is_curator: true,
        };
        assert_eq!(
            Step::Publish.apply(Stage::Submitted, curator_owner, ""),
            Err(Refusal::OwnWork)
        );
        assert_eq!(
            Step::Publish.apply(Stage::Submitted, CURATOR, ""),
            Ok(Stage::Published)
        );
    }

    #[test]
    fn feedback_and_reasons_are_required() {
        assert!(matches!(
            Step::RequestChanges.apply(Stage::Submitted, CURATOR, "  "),
            Err(Refusal::NoteNeeded(_))
        ));
        assert!(matches!(
            Step::Reject.apply(Stage::Submitted, CURATOR, ""),
            Err(Refusal::NoteNeeded(_))
        ));
    }

    #[test]
    fn only_published_stages_reach_the_catalogue() {
        for &stage in Stage::ALL {
            assert_eq!(
                stage.status() == Status::Published,
                stage == Stage::Published
            );
        }
        assert!(!may_edit(Stage::Submitted, OWNER));
        assert!(may_edit(Stage::ChangesRequested, OWNER));
        assert!(!may_edit(Stage::Draft, STRANGER));
        assert!(!may_edit(Stage::Archived, CURATOR));
    }
}
