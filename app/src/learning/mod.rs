//! The learning record: taking modules (lessons marked done, "continue
//! where you left off", completion), the CPD log (entries made by completing
//! a module or by hand with a reflection, totals per year, CSV and a page
//! to print) and recently viewed resources, at `/account/learning`;
//! certificates for completed modules; collections of saved resources;
//! "Was this useful?".
//!
//! It builds on the catalogue (modules, lessons, titles); the catalogue's
//! module and lesson pages show progress through [`with_reader_panels`] and
//! [`lesson_end`], which the routes hand them, so the catalogue never uses
//! this area.

pub mod capability;
pub mod checks;
pub mod collections;
pub mod cpd;
pub mod credentials;
mod pages;
mod server;
pub mod types;
pub mod useful;

#[cfg(feature = "ssr")]
pub mod handlers;
#[cfg(feature = "ssr")]
pub mod repo;

pub use pages::{
    learning_trail, lesson_end, with_reader_panels, CpdEntryPage, CpdPrintPage, LearningArea,
    LearningPage, LessonWithProgress, NewCpdEntryPage,
};
pub use server::*;
