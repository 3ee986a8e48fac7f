mod card;
mod detail;
mod lesson;
mod provider;
mod search;
mod sector;

pub use card::ResourceList;
pub use detail::{ResourcePage, ResourceText};
pub use lesson::{LessonEnd, LessonView};
pub use provider::OrganisationPage;
pub use search::ResourcesPage;
pub use sector::{SectorPage, ToolkitsPage};
