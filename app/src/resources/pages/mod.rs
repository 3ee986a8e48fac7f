mod card;
mod detail;
mod lesson;
mod search;
mod sector;

pub use card::ResourceList;
pub use detail::ResourcePage;
pub use lesson::LessonView;
pub use search::ResourcesPage;
pub use sector::{SectorPage, ToolkitsPage};
