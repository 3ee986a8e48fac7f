//! Every integration test of the hub, in one binary: it links once instead
//! of once per area. Each module is one area, tried through real HTTP
//! against real SQLite and PostgreSQL databases (see `support`).

mod support;

mod accounts;
mod authorisation;
mod backup;
mod capability;
mod catalogue_http;
mod cli;
mod collections;
mod contributions;
mod cpd_log;
mod credentials;
mod curation;
mod hardening;
mod http_plumbing;
mod import;
mod knowledge_check_editor;
mod knowledge_checks;
mod learning;
mod moderation;
mod network;
mod pages;
mod probes;
mod search;
mod service;
mod usefulness;
mod workspace_analysis;
mod workspace_import;
mod workspace_local;
mod workspace_sharing;
mod workspaces;
