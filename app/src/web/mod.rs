//! Web machinery every domain area shares and that knows none of them:
//! cleaning what arrives (control characters, trailing slashes) and who is
//! asking from where (the client's address behind trusted proxies).
//! Domain areas depend on this module; it depends on no domain area.

pub mod client_address;
pub mod input;
